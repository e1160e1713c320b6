namespace Platform.Messaging;

/// <summary>
/// Which of a service's domain events leave it, and as which integration event (a record in Platform.Contracts).
/// Domain events stay private to their service; only what is mapped here is ever published.
/// </summary>
public sealed class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<OutgoingEvent, object?>> mappings = [];

    /// <param name="toMessage">The integration event for a domain event, or null to keep that occurrence private.</param>
    public IntegrationEventMap Publish<TEvent>(Func<TEvent, object?> toMessage) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(toMessage);
        return Publish<TEvent>((domainEvent, _) => toMessage(domainEvent));
    }

    /// <param name="toMessage">Gets the event's envelope too, for messages that carry its stream, tenant or timestamp.</param>
    public IntegrationEventMap Publish<TEvent>(Func<TEvent, OutgoingEvent, object?> toMessage) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(toMessage);
        if (!mappings.TryAdd(typeof(TEvent), stored => toMessage((TEvent)stored.Data, stored)))
            throw new DuplicateIntegrationEventMappingException(typeof(TEvent));
        return this;
    }

    public bool IsEmpty => mappings.Count == 0;

    /// <summary>The message to publish for <paramref name="outgoingEvent"/>, or null when it is not published.</summary>
    public object? ToMessage(OutgoingEvent outgoingEvent) =>
        mappings.TryGetValue(outgoingEvent.Data.GetType(), out var toMessage) ? toMessage(outgoingEvent) : null;
}

public sealed class DuplicateIntegrationEventMappingException(Type eventType)
    : InvalidOperationException($"{eventType.FullName} is mapped to an integration event twice; map each domain event type once.")
{
    public Type EventType { get; } = eventType;
}
