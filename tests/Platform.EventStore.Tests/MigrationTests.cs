using Npgsql;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class MigrationTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_an_empty_database_When_four_instances_migrate_at_once_and_again_later_Then_all_succeed_and_each_migration_ran_once()
    {
        var options = new EventStoreOptions { Schema = "events" };
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(infrastructure.PostgresConnectionString)).ToList();
        try
        {
            await Task.WhenAll(dataSources.Select(dataSource => Task.Run(() => new EventStoreMigrator(dataSource, options).MigrateAsync())));
            await Task.WhenAll(dataSources.Select(dataSource => new EventStoreMigrator(dataSource, options).MigrateAsync()));

            await using var command = dataSources[0].CreateCommand("SELECT count(*), count(DISTINCT version) FROM events.schema_migrations");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.True(reader.GetInt64(0) > 0);
            Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
        }
        finally
        {
            foreach (var dataSource in dataSources) await dataSource.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Events")]
    [InlineData("events; DROP TABLE x")]
    [InlineData("")]
    public void Given_a_schema_name_that_is_not_a_plain_identifier_When_configured_Then_it_is_refused(string schema) =>
        Assert.Throws<ArgumentException>(() => new EventStoreOptions { Schema = schema });
}
