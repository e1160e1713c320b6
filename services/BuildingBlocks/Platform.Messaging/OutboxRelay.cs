using System.Runtime.Serialization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore;

namespace Platform.Messaging;

/// <summary>
/// Publishes the service's integration events from its event log: the log is the outbox. The projection daemon runs
/// exactly one relay per database and commits the relay's position only after <see cref="HandleAsync"/> returns,
/// which it does only once the broker has confirmed every message of the batch; a crash in between publishes the
/// batch again. Delivery is therefore at least once, and consumers de-duplicate by message id (the event's id)
/// through the <see cref="Inbox"/>.
/// </summary>
public sealed class OutboxRelay(IntegrationEventMap map, IBus bus, ILogger<OutboxRelay> logger) : IEventSubscription
{
    public const string SubscriptionName = "outbox-relay";

    /// <summary>
    /// How many streams publish at once. Each message waits for its confirm, so publishing one after another would
    /// cost a broker round trip each; different streams need no order between them and overlap.
    /// </summary>
    private const int StreamsInFlight = 64;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(10);

    public string Name => SubscriptionName;

    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Mapping first: a mapping that throws is a poison event for the daemon to dead-letter, before anything is sent.
        var outgoing = new List<(StoredEvent Event, object Message)>(events.Count);
        foreach (var storedEvent in events)
        {
            if (map.ToMessage(storedEvent) is { } message) outgoing.Add((storedEvent, message));
        }
        if (outgoing.Count == 0) return;

        var options = new ParallelOptions { MaxDegreeOfParallelism = StreamsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(outgoing.GroupBy(item => (item.Event.TenantId, item.Event.StreamId)), options, async (stream, token) =>
        {
            // Within a stream each message waits for the previous one's confirm, so consumers see the stream in order.
            foreach (var (storedEvent, message) in stream) await PublishUntilConfirmedAsync(storedEvent, message, token);
        });
    }

    /// <summary>
    /// A broker that is down or refuses a message is waited out here rather than reported to the daemon, which would
    /// dead-letter a perfectly good event after a few retries and stop the relay. Only a message that cannot be
    /// serialized fails for good, and that is the mapping's fault.
    /// </summary>
    private async Task PublishUntilConfirmedAsync(StoredEvent storedEvent, object message, CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                await bus.Publish(message, context => Stamp(context, storedEvent), cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not SerializationException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Publishing event {EventId} ({EventType}) failed; retrying in {Delay}.",
                    storedEvent.Id, storedEvent.EventType, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
        }
    }

    private static void Stamp(PublishContext context, StoredEvent storedEvent)
    {
        context.MessageId = storedEvent.Id;
        var metadata = storedEvent.Metadata;
        if (Guid.TryParse(metadata.CorrelationId, out var correlationId)) context.CorrelationId = correlationId;
        else if (metadata.CorrelationId is not null) context.Headers.Set(PlatformHeaders.CorrelationId, metadata.CorrelationId);
        if (metadata.CausationId is not null) context.Headers.Set(PlatformHeaders.CausationId, metadata.CausationId);
        if (metadata.Actor is not null) context.Headers.Set(PlatformHeaders.Actor, metadata.Actor);
        context.Headers.Set(PlatformHeaders.Tenant, storedEvent.TenantId);
        context.Headers.Set(PlatformHeaders.StreamId, storedEvent.StreamId);
        context.Headers.Set(PlatformHeaders.StreamVersion, storedEvent.Version);
        context.Headers.Set(PlatformHeaders.EventType, storedEvent.EventType);
    }
}
