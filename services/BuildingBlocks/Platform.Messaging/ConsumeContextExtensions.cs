using MassTransit;
using Platform.EventStore;

namespace Platform.Messaging;

/// <summary>Reads what the outbox relay stamped on an integration event.</summary>
public static class ConsumeContextExtensions
{
    /// <summary>The district the event belongs to, or null for a message that did not come through the relay.</summary>
    public static string? Tenant(this ConsumeContext context) => context.Headers.Get<string>(PlatformHeaders.Tenant);

    /// <summary>
    /// Metadata for the events a consumer appends in reaction: the same correlation and actor, caused by this message,
    /// so a trail across services can be followed event by event.
    /// </summary>
    public static EventMetadata CausedEventMetadata(this ConsumeContext context) => new(
        CorrelationId: context.CorrelationId?.ToString() ?? context.Headers.Get<string>(PlatformHeaders.CorrelationId),
        CausationId: context.MessageId?.ToString(),
        Actor: context.Headers.Get<string>(PlatformHeaders.Actor));
}
