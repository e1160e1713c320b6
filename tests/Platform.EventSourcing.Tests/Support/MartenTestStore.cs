using Marten;
using Npgsql;

namespace Platform.EventSourcing.Tests.Support;

/// <summary>
/// A Marten store set up as every service's is (<see cref="PlatformEventStore.UsePlatformEventStore"/>), in a schema
/// of its own inside the test class's database, with its schema applied by Marten's own migration.
/// </summary>
public sealed class MartenTestStore : IAsyncDisposable
{
    public const string Tenant = "310101";

    private MartenTestStore(DocumentStore store, NpgsqlDataSource dataSource, string schema)
    {
        Store = store;
        DataSource = dataSource;
        Schema = schema;
    }

    public DocumentStore Store { get; }
    public NpgsqlDataSource DataSource { get; }
    public string Schema { get; }

    public static async Task<MartenTestStore> CreateAsync(
        string connectionString, Action<StoreOptions>? configure = null, string? schema = null)
    {
        schema ??= "es_" + Guid.NewGuid().ToString("N")[..12];
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = DocumentStore.For(options => Configure(options, dataSource, schema, configure));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenTestStore(store, dataSource, schema);
    }

    /// <summary>The configuration of <see cref="CreateAsync"/>, for tests that build a second store over the same schema.</summary>
    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, string schema, Action<StoreOptions>? configure = null)
    {
        options.Connection(dataSource);
        // Marten creates the event tables with the rest of the schema only when it knows event types, as a service does.
        options.Events.AddEventTypes([typeof(CaseOpened), typeof(NoteAdded), typeof(Measurement), typeof(CaseClosed)]);
        configure?.Invoke(options);
        options.UsePlatformEventStore(schema);
    }

    public IDocumentSession OpenSession(string tenant = Tenant)
    {
        var session = Store.LightweightSession(tenant);
        session.CorrelationId = "correlation-1";
        session.CausationId = "causation-1";
        session.LastModifiedBy = "张三";
        return session;
    }

    public async Task AppendAsync(string streamId, params object[] events)
    {
        await using var session = OpenSession();
        session.Events.Append(streamId, events);
        await session.SaveChangesAsync();
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

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
