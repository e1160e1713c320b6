using Platform.Authorization;

namespace Platform.Gateway.Identity;

/// <summary>What the identity module's endpoints do, and who may (docs/SECURITY.md lists these with every service's).</summary>
public static class IdentityActions
{
    private static readonly PlatformRole[] Everyone = [.. PlatformRoles.All];

    public static readonly PlatformAction ReadOwnAccount = PlatformAction.Read("identity.me", "查看本人账户", Everyone);

    public static readonly PlatformAction ReadOrganization = PlatformAction.Read("identity.organization.read", "查看组织架构", Everyone);

    public static readonly PlatformAction ManageOrganization = PlatformAction.Write(
        "identity.organization.manage", "维护组织架构", PlatformRole.DistrictAdmin);

    public static readonly PlatformAction Audit = PlatformAction.Read(
        "identity.audit", "审计组织架构历史与联系人信息查看记录", PlatformRole.DistrictAdmin, PlatformRole.Auditor);
}
