namespace Platform.EventSourcing.Commands;

/// <summary>Who asks, for which district, and what travels with the resulting events (correlation, causation, actor).</summary>
/// <param name="ActorName">The actor as people call them (a person's display name), recorded beside the actor's id.</param>
public sealed record CommandOrigin(string TenantId, string Actor, string? CorrelationId, string? CausationId = null, string? ActorName = null);
