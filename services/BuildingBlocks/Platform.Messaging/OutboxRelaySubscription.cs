using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Platform.Messaging;

/// <summary>
/// The service's event log is its outbox: this Marten subscription hands each page of events to the
/// <see cref="IntegrationEventPublisher"/> and returns only when the broker has confirmed them all, and Marten's daemon
/// commits the subscription's progress only after it returns. The daemon runs it on one instance at a time.
/// </summary>
public sealed class OutboxRelaySubscription : SubscriptionBase
{
    public const string SubscriptionName = "outbox-relay";

    private readonly IntegrationEventPublisher publisher;

    public OutboxRelaySubscription(IntegrationEventPublisher publisher)
    {
        this.publisher = publisher;
        Name = SubscriptionName;
        // A stream archived after its events were written still had them happen: they are published all the same.
        IncludeArchivedEvents = true;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(page.Events.Select(ToOutgoing), cancellationToken);
        return NullChangeListener.Instance;
    }

    public static OutgoingEvent ToOutgoing(IEvent stored) => new(
        stored.Id,
        stored.TenantId,
        stored.StreamKey ?? stored.StreamId.ToString(),
        stored.Version,
        stored.EventTypeName,
        stored.Timestamp,
        stored.Data,
        stored.CorrelationId,
        stored.CausationId,
        stored.UserName);
}
