namespace Platform.Authorization;

/// <summary>Where something sits in the org tree, and who it belongs to, as far as access is concerned.</summary>
public sealed record OrgLocation(
    string DistrictCode,
    string? StreetId = null,
    string? CommunityId = null,
    IReadOnlyCollection<string>? DepartmentIds = null,
    string? UnitId = null,
    string? OwnerId = null)
{
    public static OrgLocation District(string districtCode) => new(districtCode);
}

public static class ScopeRules
{
    /// <summary>
    /// Scope follows the org tree: district staff and auditors see the whole district, a street its communities, a
    /// community itself, a department the cases dispatched to it, a unit its own offers and claims, and a resident or
    /// volunteer what is their own.
    /// </summary>
    public static bool Covers(this PlatformUser user, OrgLocation location)
    {
        if (!string.Equals(user.DistrictCode, location.DistrictCode, StringComparison.Ordinal)) return false;
        return user.Role switch
        {
            PlatformRole.DistrictAdmin or PlatformRole.Auditor => true,
            PlatformRole.StreetStaff => location.StreetId is not null && location.StreetId == user.StreetId,
            PlatformRole.CommunityStaff => location.CommunityId is not null && location.CommunityId == user.CommunityId,
            PlatformRole.DepartmentStaff => user.DepartmentId is not null && location.DepartmentIds?.Contains(user.DepartmentId) == true,
            PlatformRole.UnitMember => location.UnitId is not null && location.UnitId == user.UnitId,
            PlatformRole.Volunteer or PlatformRole.Resident => location.OwnerId is not null && location.OwnerId == user.UserId,
            _ => false,
        };
    }
}
