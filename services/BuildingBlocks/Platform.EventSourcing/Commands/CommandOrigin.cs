namespace Platform.EventSourcing.Commands;

/// <summary>Who asks, for which district, and what travels with the resulting events (correlation, causation, actor).</summary>
public sealed record CommandOrigin(string TenantId, string Actor, string? CorrelationId, string? CausationId = null);
