using Platform.Authorization;

namespace Platform.DemoLoader.Needs;

/// <summary>
/// Who acts in the demo histories. Where a demo login (logins.json) has the role and scope, its username is the actor,
/// as it would be had that person clicked through the console; everyone else is "demo:{role}:{scopeId}".
/// </summary>
internal sealed class DemoActors(IReadOnlyList<DemoLogin> logins, string districtCode)
{
    /// <summary>The actor of time limits, as the service's timers record it.</summary>
    public const string Timer = "system:timer";

    public string Of(string role, string? scopeId)
    {
        if (role == "system") return Timer;
        var login = logins.FirstOrDefault(login => login.Role == role && login.ScopeId == scopeId);
        // A resident login is one particular person: it only stands for a resident of the same name (see Resident).
        if (login is not null && role != "resident") return login.Username;
        return scopeId is null ? $"demo:{role}" : $"demo:{role}:{scopeId}";
    }

    public string Of(SeedActor? actor) => actor is null ? Timer : Of(actor.Role, actor.ScopeId);

    /// <summary>A login's display name; for a stand-in, its role and the name of its scope ("社区工作人员（兴华南里社区）");
    /// null for the timers, which name themselves.</summary>
    public string? NameOf(string actor, Func<string, string> scopeName)
    {
        if (logins.FirstOrDefault(login => login.Username == actor) is { DisplayName: { Length: > 0 } displayName }) return displayName;
        var parts = actor.Split(':');
        if (parts.Length < 2 || parts[0] != "demo") return null;
        var role = PlatformRoles.TryParse(parts[1], out var parsed) ? parsed.ChineseName() : parts[1];
        return parts.Length > 2 ? $"{role}（{scopeName(parts[2])}）" : role;
    }

    public string CommunityStaff(string communityId) => Of("community_staff", communityId);

    public string StreetStaff(string streetId) => Of("street_staff", streetId);

    public string DistrictAdmin => Of("district_admin", districtCode);

    public string Department(string departmentId) => Of("department_staff", departmentId);

    public string Unit(string unitId) => Of("unit_member", unitId);

    /// <summary>The login of a resident of <paramref name="communityId"/> named <paramref name="name"/>, if there is one.</summary>
    public string? ResidentLogin(string communityId, string name) =>
        logins.FirstOrDefault(login => login.Role == "resident" && login.ScopeId == communityId && login.DisplayName?.StartsWith(name, StringComparison.Ordinal) == true)
            ?.Username;

    public string Resident(string communityId, string name) => ResidentLogin(communityId, name) ?? $"demo:resident:{communityId}";
}
