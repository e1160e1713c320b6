using Platform.EventSourcing;

namespace Platform.Gateway.Identity.Organization;

/// <summary>A contact person of a unit: personal data, masked for roles that do not handle it.</summary>
public sealed record UnitContact(string Name, string Phone, string? Title);

[EventType("organization.unit-registered.v1")]
public sealed record UnitRegistered(
    string UnitId,
    string Kind,
    string Name,
    string? ParentId,
    string? StreetId,
    string? CommunityId,
    IReadOnlyDictionary<string, string>? Facts,
    UnitContact? Contact);

[EventType("organization.unit-renamed.v1")]
public sealed record UnitRenamed(string UnitId, string Name);

[EventType("organization.unit-closed.v1")]
public sealed record UnitClosed(string UnitId, string Reason);
