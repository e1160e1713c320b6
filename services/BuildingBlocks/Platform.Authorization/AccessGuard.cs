using Microsoft.AspNetCore.Http;

namespace Platform.Authorization;

/// <summary>The checks behind every endpoint rule, also used by handlers for entity-level decisions.</summary>
public sealed class AccessGuard(OrganizationDirectory directory)
{
    public PlatformUser CurrentUser(HttpContext http) =>
        PlatformUser.From(http.User) ?? throw new AccessDeniedException("访问令牌缺少平台身份信息（角色或所属区）。");

    public void EnsureAllowed(PlatformUser user, PlatformAction action)
    {
        if (action.Kind == AccessKind.Write && user.Role == PlatformRole.Auditor)
            throw new AccessDeniedException("审计角色只读，不能执行任何修改操作。");
        if (!action.Allows(user.Role))
            throw new AccessDeniedException($"角色「{user.Role.ChineseName()}」无权执行「{action.Description}」。");
    }

    public void EnsureCovers(PlatformUser user, OrgLocation location, string what)
    {
        if (!user.Covers(location)) throw new AccessDeniedException($"{what}不在您的管辖范围内。");
    }

    /// <summary>Checks a unit the request names; an id the directory does not know is a 404, not a 403, so that a
    /// typo is not mistaken for a permission problem (and out-of-district ids are not revealed either way).</summary>
    public async Task EnsureCoversUnitAsync(PlatformUser user, string parameter, string unitId, CancellationToken cancellationToken)
    {
        var location = parameter switch
        {
            "departmentId" => new OrgLocation(user.DistrictCode, DepartmentIds: [unitId]),
            "unitId" => new OrgLocation(user.DistrictCode, UnitId: unitId),
            _ => (await directory.FindAsync(user.DistrictCode, unitId, cancellationToken))?.Location
                 ?? throw new UnknownOrganizationUnitException(unitId),
        };
        if (parameter is "departmentId" or "unitId" && user.Role is PlatformRole.DistrictAdmin or PlatformRole.Auditor) return;
        EnsureCovers(user, location, $"组织单元「{unitId}」");
    }
}

public sealed class UnknownOrganizationUnitException(string unitId) : Exception($"未知的组织单元「{unitId}」。")
{
    public string UnitId { get; } = unitId;
}
