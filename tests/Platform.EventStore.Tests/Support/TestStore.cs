using Npgsql;

namespace Platform.EventStore.Tests.Support;

/// <summary>An event store in a schema of its own inside the test class's database, migrated and ready.</summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string Tenant = "310101";

    private TestStore(NpgsqlDataSource dataSource, EventStoreClient store)
    {
        DataSource = dataSource;
        Store = store;
    }

    public NpgsqlDataSource DataSource { get; }
    public EventStoreClient Store { get; }
    public string Schema => Store.Options.Schema;

    public static async Task<TestStore> CreateAsync(string connectionString, Action<EventStoreOptions>? configure = null, string? schema = null)
    {
        var options = new EventStoreOptions { Schema = schema ?? "es_" + Guid.NewGuid().ToString("N")[..12] };
        options.EventTypes.RegisterAll(typeof(TestStore).Assembly);
        configure?.Invoke(options);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new EventStoreClient(dataSource, options);
        await store.MigrateAsync();
        return new TestStore(dataSource, store);
    }

    public EventSession OpenSession(string tenant = Tenant) => Store.OpenSession(tenant, new EventMetadata("correlation-1", "causation-1", "张三"));

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(string streamId, params object[] events)
    {
        await using var session = OpenSession();
        session.Append(streamId, events);
        return await session.SaveChangesAsync();
    }

    /// <summary>Runs SQL in which <c>{schema}</c> names this store's schema.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<T>> ColumnAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
