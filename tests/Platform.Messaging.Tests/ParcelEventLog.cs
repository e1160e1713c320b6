using Npgsql;
using Platform.EventStore;
using Platform.Messaging.RelayHost;

namespace Platform.Messaging.Tests;

/// <summary>The relay host's event store, opened from the test to write the events the relay is to publish.</summary>
internal sealed class ParcelEventLog : IAsyncDisposable
{
    public const string Tenant = "310104";

    private readonly NpgsqlDataSource dataSource;

    private ParcelEventLog(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        var options = new EventStoreOptions();
        options.EventTypes.RegisterAll(typeof(ParcelDispatched).Assembly);
        Store = new EventStoreClient(dataSource, options);
    }

    public EventStoreClient Store { get; }

    public static async Task<ParcelEventLog> OpenAsync(string connectionString)
    {
        var log = new ParcelEventLog(NpgsqlDataSource.Create(connectionString));
        await log.Store.MigrateAsync();
        return log;
    }

    /// <summary>Appends <paramref name="rounds"/> transactions, each adding <paramref name="eventOf"/>'s event to every
    /// one of <paramref name="streams"/> streams, so that the streams interleave in the log.</summary>
    public async Task<List<StoredEvent>> AppendRoundsAsync(
        int streams, int rounds, Func<int, int, object> eventOf, Func<int, EventMetadata>? metadataOf = null)
    {
        var stored = new List<StoredEvent>(streams * rounds);
        for (var round = 0; round < rounds; round++)
        {
            await using var session = Store.OpenSession(Tenant, metadataOf?.Invoke(round));
            for (var stream = 0; stream < streams; stream++) session.Append(StreamId(stream), round, eventOf(stream, round));
            stored.AddRange(await session.SaveChangesAsync());
        }
        return stored;
    }

    public static string StreamId(int stream) => $"parcel-{stream:D4}";

    public async Task<LogPosition> RelayPositionAsync()
    {
        var subscriptions = await Store.Admin.GetSubscriptionsAsync();
        return subscriptions.FirstOrDefault(subscription => subscription.Name == OutboxRelay.SubscriptionName)?.Position ?? LogPosition.Start;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
