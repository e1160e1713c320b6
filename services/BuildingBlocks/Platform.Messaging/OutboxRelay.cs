using Npgsql;
using Platform.EventStore;

namespace Platform.Messaging;

/// <summary>
/// The outbox relay on the platform's first event store, kept only while Needs and the gateway still run on it; the
/// relay on Marten is <see cref="OutboxRelaySubscription"/>. The daemon commits the relay's position only after
/// <see cref="HandleAsync"/> returns, which it does only once the broker has confirmed every message of the batch.
/// </summary>
public sealed class OutboxRelay(IntegrationEventPublisher publisher) : IEventSubscription
{
    public const string SubscriptionName = OutboxRelaySubscription.SubscriptionName;

    public string Name => SubscriptionName;

    public Task HandleAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        publisher.PublishAsync(events.Select(ToOutgoing), cancellationToken);

    public static OutgoingEvent ToOutgoing(StoredEvent stored) => new(
        stored.Id, stored.TenantId, stored.StreamId, stored.Version, stored.EventType, stored.Timestamp, stored.Data,
        stored.Metadata.CorrelationId, stored.Metadata.CausationId, stored.Metadata.Actor);
}
