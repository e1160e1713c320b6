using Marten;
using Npgsql;
using Platform.EventSourcing;
using Platform.EventSourcing.Hosting;

namespace Platform.Bench;

/// <summary>
/// A Marten store set up as every service's is (<see cref="PlatformEventStore.UsePlatformEventStore"/>: conjoined
/// tenancy, string stream ids, quick append, the hash-chain trigger), woken after each commit as a host's store is
/// (<see cref="AppendWakeup"/>), in a schema of its own, with its schema applied by Marten's own migration.
/// </summary>
internal static class MartenBenchStore
{
    /// <param name="overridePlatform">Only for measurements marked "information": a change made after the platform's settings.</param>
    /// <param name="wakeup">The host's wake-up, started by the caller; null for a store whose daemon only polls.</param>
    public static async Task<DocumentStore> CreateAsync(
        NpgsqlDataSource dataSource, string schema, Action<StoreOptions>? configure = null, Action<StoreOptions>? overridePlatform = null,
        AppendWakeup? wakeup = null)
    {
        var store = DocumentStore.For(options =>
        {
            Configure(options, dataSource, schema, configure);
            wakeup?.AttachTo(options);
            overridePlatform?.Invoke(options);
        });
        PlatformEventStore.EnsureGuarantees(store.Options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    /// <summary>As a service configures its store: its own settings first, the platform's last.</summary>
    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, string schema, Action<StoreOptions>? configure = null)
    {
        options.Connection(dataSource);
        // Event types before Marten creates mt_events, as a service registers its own.
        BenchEvents.Register(options);
        configure?.Invoke(options);
        options.UsePlatformEventStore(schema);
    }
}
