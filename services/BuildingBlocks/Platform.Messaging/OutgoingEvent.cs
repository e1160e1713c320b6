namespace Platform.Messaging;

/// <summary>
/// A stored domain event as the outbox relay sees it: what a mapping may read besides the event itself, and what the
/// relay stamps on the integration event it publishes.
/// </summary>
/// <param name="Id">The event's id; it becomes the message id, which consumers de-duplicate by.</param>
/// <param name="EventType">The event's stored type name.</param>
/// <param name="Actor">Who caused the event, as recorded with it.</param>
public sealed record OutgoingEvent(
    Guid Id,
    string TenantId,
    string StreamId,
    long Version,
    string EventType,
    DateTimeOffset Timestamp,
    object Data,
    string? CorrelationId,
    string? CausationId,
    string? Actor);
