using MassTransit;

namespace Platform.Contracts.Organization;

/// <summary>Kinds of organization units. The tree is district → street → community → grid → building; departments
/// and co-building units sit beside it, attached to the district or a street.</summary>
public static class OrganizationUnitKinds
{
    public const string District = "district";
    public const string Street = "street";
    public const string Community = "community";
    public const string Grid = "grid";
    public const string Building = "building";
    public const string Department = "department";
    public const string CoBuildingUnit = "unit";
}

/// <summary>
/// A unit joined the district's organization. Carries the unit's place in the tree (its street and community, where
/// it has them) so that a service can authorize by it without walking the tree. <paramref name="Revision"/> grows with
/// every change to the district's organization; consumers keep the highest they have seen per unit.
/// </summary>
[MessageUrn("platform:organization:unit-registered:v1")]
public sealed record OrganizationUnitRegistered(
    string DistrictCode,
    string UnitId,
    string Kind,
    string Name,
    string? ParentId,
    string? StreetId,
    string? CommunityId,
    long Revision,
    DateTimeOffset RegisteredAt);

[MessageUrn("platform:organization:unit-renamed:v1")]
public sealed record OrganizationUnitRenamed(string DistrictCode, string UnitId, string Name, long Revision, DateTimeOffset RenamedAt);

/// <summary>A unit no longer exists (merged or dissolved); its history stays, nothing new may be placed in it.</summary>
[MessageUrn("platform:organization:unit-closed:v1")]
public sealed record OrganizationUnitClosed(string DistrictCode, string UnitId, string Reason, long Revision, DateTimeOffset ClosedAt);
