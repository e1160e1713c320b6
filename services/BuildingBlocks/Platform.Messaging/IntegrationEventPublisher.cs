using System.Runtime.Serialization;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

/// <summary>
/// Publishes a batch of a service's events as integration events and returns only once the broker has confirmed
/// every one of them, so that the relay's position, committed after this returns, never passes an unconfirmed
/// message. A crash in between publishes the batch again: delivery is at least once, and consumers de-duplicate by
/// message id (the event's id) through the <see cref="Inbox"/>.
/// </summary>
public sealed class IntegrationEventPublisher(IntegrationEventMap map, IBus bus, ILogger<IntegrationEventPublisher> logger)
{
    /// <summary>
    /// How many streams publish at once. Each message waits for its confirm, so publishing one after another would
    /// cost a broker round trip each; different streams need no order between them and overlap.
    /// </summary>
    private const int StreamsInFlight = 64;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(10);

    /// <returns>How many integration events were published (events nothing maps stay private).</returns>
    public async Task<int> PublishAsync(IEnumerable<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        // Mapping first: a mapping that throws stops the relay before anything of the batch is sent.
        var outgoing = new List<(OutgoingEvent Event, object Message)>();
        foreach (var outgoingEvent in events)
        {
            if (map.ToMessage(outgoingEvent) is { } message) outgoing.Add((outgoingEvent, message));
        }
        if (outgoing.Count == 0) return 0;

        var options = new ParallelOptions { MaxDegreeOfParallelism = StreamsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(outgoing.GroupBy(item => (item.Event.TenantId, item.Event.StreamId)), options, async (stream, token) =>
        {
            // Within a stream each message waits for the previous one's confirm, so consumers see the stream in order.
            foreach (var (outgoingEvent, message) in stream) await PublishUntilConfirmedAsync(outgoingEvent, message, token);
        });
        return outgoing.Count;
    }

    /// <summary>
    /// A broker that is down or refuses a message is waited out here rather than reported to the daemon, which would
    /// count a perfectly good event as failed and stop the relay. Only a message that cannot be serialized fails for
    /// good, and that is the mapping's fault.
    /// </summary>
    private async Task PublishUntilConfirmedAsync(OutgoingEvent outgoingEvent, object message, CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                await bus.Publish(message, context => Stamp(context, outgoingEvent), cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not SerializationException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Publishing event {EventId} ({EventType}) failed; retrying in {Delay}.",
                    outgoingEvent.Id, outgoingEvent.EventType, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
        }
    }

    private static void Stamp(PublishContext context, OutgoingEvent outgoingEvent)
    {
        context.MessageId = outgoingEvent.Id;
        if (Guid.TryParse(outgoingEvent.CorrelationId, out var correlationId)) context.CorrelationId = correlationId;
        else if (outgoingEvent.CorrelationId is not null) context.Headers.Set(PlatformHeaders.CorrelationId, outgoingEvent.CorrelationId);
        if (outgoingEvent.CausationId is not null) context.Headers.Set(PlatformHeaders.CausationId, outgoingEvent.CausationId);
        if (outgoingEvent.Actor is not null) context.Headers.Set(PlatformHeaders.Actor, outgoingEvent.Actor);
        context.Headers.Set(PlatformHeaders.Tenant, outgoingEvent.TenantId);
        context.Headers.Set(PlatformHeaders.StreamId, outgoingEvent.StreamId);
        context.Headers.Set(PlatformHeaders.StreamVersion, outgoingEvent.Version);
        context.Headers.Set(PlatformHeaders.EventType, outgoingEvent.EventType);
    }
}
