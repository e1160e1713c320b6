namespace Platform.Messaging;

/// <summary>Headers the outbox relay puts on every integration event: where it came from and on whose behalf.</summary>
public static class PlatformHeaders
{
    /// <summary>The district the event belongs to.</summary>
    public const string Tenant = "Platform-Tenant";

    public const string Actor = "Platform-Actor";

    /// <summary>What caused the event (usually the id of the command or message it answered).</summary>
    public const string CausationId = "Platform-Causation-Id";

    /// <summary>A correlation id that is not a GUID; a GUID travels as MassTransit's own CorrelationId instead.</summary>
    public const string CorrelationId = "Platform-Correlation-Id";

    public const string StreamId = "Platform-Stream-Id";

    /// <summary>The event's version in its stream: lets a consumer see that it received a stream's events in order.</summary>
    public const string StreamVersion = "Platform-Stream-Version";

    /// <summary>The domain event type the integration event was made from.</summary>
    public const string EventType = "Platform-Event-Type";
}
