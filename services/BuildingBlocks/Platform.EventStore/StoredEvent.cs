namespace Platform.EventStore;

/// <summary>Who and what caused an event: carried with it into the log, the hash chain and the integration events.</summary>
public sealed record EventMetadata(string? CorrelationId = null, string? CausationId = null, string? Actor = null);

/// <summary>One event as the store holds it.</summary>
/// <param name="Id">Unique id of the event; the outbox relay publishes it as the message id.</param>
/// <param name="Sequence">Global position in the store's log (may have holes left by rolled-back transactions).</param>
/// <param name="StreamId">The stream (aggregate) it belongs to.</param>
/// <param name="Version">1-based position within its stream.</param>
/// <param name="EventType">The registered type name it was stored under.</param>
/// <param name="Data">The deserialized (and, where registered, upcast) event; the stored JSON text instead for a subscription
/// registered with <see cref="SubscriptionOptions.DeserializeData"/> = false.</param>
/// <param name="TransactionId">The writing transaction's id (xid8): the daemon orders and fences by it.</param>
/// <param name="Hash">Hash over stream, version, type, data, metadata and the previous event's hash.</param>
public sealed record StoredEvent(
    Guid Id,
    long Sequence,
    string StreamId,
    long Version,
    string EventType,
    object Data,
    EventMetadata Metadata,
    string TenantId,
    ulong TransactionId,
    DateTimeOffset Timestamp,
    string Hash);
