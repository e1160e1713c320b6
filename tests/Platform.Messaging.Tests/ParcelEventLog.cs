using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;
using Platform.EventSourcing;
using Platform.Messaging.RelayHost;

namespace Platform.Messaging.Tests;

/// <summary>Who a round of appends is on behalf of, as a web request or a batch job stamps it on its session.</summary>
internal sealed record AppendContext(string? CorrelationId, string? CausationId, string? Actor);

/// <summary>The relay host's event store, opened from the test to write the events the relay is to publish.</summary>
internal sealed class ParcelEventLog : IAsyncDisposable
{
    public const string Tenant = "310104";

    private ParcelEventLog(DocumentStore store) => Store = store;

    public DocumentStore Store { get; }

    public static async Task<ParcelEventLog> OpenAsync(string connectionString)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            ParcelRelayService.ConfigureStore(options);
            options.UsePlatformEventStore(ParcelRelayService.Schema);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new ParcelEventLog(store);
    }

    /// <summary>Appends <paramref name="rounds"/> transactions, each adding <paramref name="eventOf"/>'s event to every
    /// one of <paramref name="streams"/> streams, so that the streams interleave in the log; returns the events as stored.</summary>
    public async Task<IReadOnlyList<IEvent>> AppendRoundsAsync(
        int streams, int rounds, Func<int, int, object> eventOf, Func<int, AppendContext>? contextOf = null)
    {
        var ids = new List<Guid>(streams * rounds);
        for (var round = 0; round < rounds; round++)
        {
            await using var session = Store.LightweightSession(Tenant);
            if (contextOf?.Invoke(round) is { } context)
            {
                session.CorrelationId = context.CorrelationId;
                session.CausationId = context.CausationId;
                session.LastModifiedBy = context.Actor;
            }
            for (var stream = 0; stream < streams; stream++)
                ids.Add(session.Events.Append(StreamId(stream), round + 1, eventOf(stream, round)).Events.Last().Id);
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession(Tenant);
        var stored = await query.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        var appended = ids.ToHashSet();
        return stored.Where(e => appended.Contains(e.Id)).ToList();
    }

    /// <summary>Appends one event inside a transaction the caller holds open, the way a slow command would.</summary>
    public async Task<Guid> AppendWithinAsync(NpgsqlTransaction transaction, string streamId, object @event)
    {
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = Tenant;
        await using var session = Store.LightweightSession(options);
        var id = session.Events.StartStream(streamId, @event).Events.Single().Id;
        await session.SaveChangesAsync();
        return id;
    }

    public static string StreamId(int stream) => $"parcel-{stream:D4}";

    /// <summary>The last sequence number the relay committed as handled.</summary>
    public async Task<long> RelayPositionAsync()
    {
        var progress = await Store.Advanced.AllProjectionProgress();
        return progress.FirstOrDefault(shard => shard.ShardName.StartsWith(OutboxRelaySubscription.SubscriptionName + ":", StringComparison.Ordinal))?.Sequence ?? 0;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
