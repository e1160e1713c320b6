namespace Platform.Authorization;

public enum PlatformRole
{
    DistrictAdmin,
    StreetStaff,
    CommunityStaff,
    DepartmentStaff,
    UnitMember,
    Volunteer,
    Resident,
    Auditor,
}

public static class PlatformRoles
{
    private static readonly Dictionary<PlatformRole, (string Code, string Name)> Names = new()
    {
        [PlatformRole.DistrictAdmin] = ("district_admin", "区委组织部"),
        [PlatformRole.StreetStaff] = ("street_staff", "街道工作人员"),
        [PlatformRole.CommunityStaff] = ("community_staff", "社区工作人员"),
        [PlatformRole.DepartmentStaff] = ("department_staff", "职能部门"),
        [PlatformRole.UnitMember] = ("unit_member", "共建单位"),
        [PlatformRole.Volunteer] = ("volunteer", "志愿者"),
        [PlatformRole.Resident] = ("resident", "居民"),
        [PlatformRole.Auditor] = ("auditor", "审计"),
    };

    public static IReadOnlyList<PlatformRole> All { get; } = Enum.GetValues<PlatformRole>();

    /// <summary>The role's code in tokens, configuration and docs/SECURITY.md.</summary>
    public static string Code(this PlatformRole role) => Names[role].Code;

    public static string ChineseName(this PlatformRole role) => Names[role].Name;

    public static bool TryParse(string? code, out PlatformRole role)
    {
        foreach (var (candidate, names) in Names)
        {
            if (string.Equals(names.Code, code, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}
