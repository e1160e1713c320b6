using MassTransit;

namespace Platform.Contracts.Organization;

/// <summary>
/// A service started and asks for the whole organization: the unit events published before its queue existed never
/// reached it. The organization's owner answers with <see cref="OrganizationCopySent"/>.
/// </summary>
[MessageUrn("platform:organization:copy-requested:v1")]
public sealed record OrganizationCopyRequested(string ServiceName, DateTimeOffset RequestedAt);

/// <summary>One unit as the organization holds it now.</summary>
public sealed record OrganizationUnitSnapshot(
    string UnitId, string Kind, string Name, string? ParentId, string? StreetId, string? CommunityId, bool Closed);

/// <summary>
/// Every unit of a district as of <paramref name="Revision"/>. A copy that applied it is current: every later change
/// comes as a unit event with a higher revision.
/// </summary>
[MessageUrn("platform:organization:copy-sent:v1")]
public sealed record OrganizationCopySent(string DistrictCode, long Revision, IReadOnlyList<OrganizationUnitSnapshot> Units, DateTimeOffset SentAt);
