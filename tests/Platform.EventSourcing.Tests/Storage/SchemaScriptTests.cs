using Npgsql;
using Platform.Storage;
using Platform.Testing;

namespace Platform.EventSourcing.Tests.Storage;

/// <summary>A service's own tables, created by a script every instance runs at start while others may be serving.</summary>
public sealed class SchemaScriptTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_a_script_already_applied_When_it_is_applied_again_Then_nothing_runs()
    {
        await using var dataSource = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        var schema = NewSchema();

        await SchemaScript.ApplyAsync(dataSource, schema, CountingScript(schema));
        await SchemaScript.ApplyAsync(dataSource, schema, CountingScript(schema));

        Assert.Equal(1L, await ScalarAsync(dataSource, $"SELECT count(*) FROM {schema}.applications"));
    }

    [Fact]
    public async Task Given_a_script_whose_text_changed_When_it_is_applied_Then_it_runs_again()
    {
        await using var dataSource = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        var schema = NewSchema();

        await SchemaScript.ApplyAsync(dataSource, schema, CountingScript(schema));
        await SchemaScript.ApplyAsync(dataSource, schema, CountingScript(schema) + $"\nCREATE INDEX IF NOT EXISTS applications_at ON {schema}.applications (applied_at);");

        Assert.Equal(2L, await ScalarAsync(dataSource, $"SELECT count(*) FROM {schema}.applications"));
        Assert.Equal(1L, await ScalarAsync(dataSource, $"SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema}' AND indexname = 'applications_at'"));
    }

    [Fact]
    public async Task Given_four_instances_starting_together_When_each_applies_the_script_Then_it_runs_once_without_error()
    {
        await using var dataSource = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        var schema = NewSchema();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaScript.ApplyAsync(dataSource, schema, CountingScript(schema)))));

        Assert.Equal(1L, await ScalarAsync(dataSource, $"SELECT count(*) FROM {schema}.applications"));
    }

    [Fact]
    public async Task Given_a_running_instance_inside_a_write_When_another_instance_starts_Then_its_unchanged_script_takes_no_table_lock()
    {
        // Without the fingerprint, CREATE INDEX IF NOT EXISTS waits for a share lock on a table being written, and
        // two starting instances deadlock with the running ones. lock_timeout turns any such wait into an error here.
        var impatient = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Options = "-c lock_timeout=2000" };
        await using var dataSource = NpgsqlDataSource.Create(impatient.ConnectionString);
        var schema = NewSchema();
        await SchemaScript.ApplyAsync(dataSource, schema, CountingScript(schema));

        await using var writer = await dataSource.OpenConnectionAsync();
        await using var write = await writer.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand($"INSERT INTO {schema}.applications DEFAULT VALUES", writer, write))
            await insert.ExecuteNonQueryAsync();

        await SchemaScript.ApplyAsync(dataSource, schema, CountingScript(schema));

        await write.CommitAsync();
        Assert.Equal(2L, await ScalarAsync(dataSource, $"SELECT count(*) FROM {schema}.applications"));
    }

    private static string NewSchema() => "script_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Idempotent DDL, plus a row for every time it actually runs.</summary>
    private static string CountingScript(string schema) => $"""
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE IF NOT EXISTS {schema}.applications (id bigserial PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX IF NOT EXISTS applications_by_id ON {schema}.applications (id);
        INSERT INTO {schema}.applications DEFAULT VALUES;
        """;

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
