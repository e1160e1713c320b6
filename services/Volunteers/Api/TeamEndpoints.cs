using Platform.Volunteers.Teams;

namespace Platform.Volunteers.Api;

/// <summary>A community's service teams: the list and a team's page here, each command's endpoint in its use case's folder.</summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var teams = endpoints.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("", ListAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("ListTeams")
            .WithSummary("服务队伍：社区看本社区的，街道看本街道的，志愿者与居民看所在社区的。");
        teams.MapGet("/{teamId}", GetAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("GetTeam")
            .WithSummary("一支队伍及其队长和成员（成员姓名对本社区以外脱敏）。");
        FormTeamEndpoint.Map(teams);
        ChangeMembersEndpoints.Map(teams);
        return endpoints;
    }

    public sealed record TeamSummary(
        string Id, string Name, string Kind, string KindName, VolunteerEndpoints.NamedPlace Community, string? LeaderName, int Members, long Version);

    public sealed record TeamDetail(TeamSummary Summary, string? Description, string? LeaderId, IReadOnlyList<TeamMember> Members, DateTimeOffset FormedAt);

    public sealed record TeamOutcome(string Id, long Version);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, string? streetId, string? communityId, int? page,
        int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var found = await queries.ListTeamsAsync(user, new TeamFilter(streetId, communityId, CommandRequests.Paging(page, pageSize)), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(team => team.CommunityId), cancellationToken);
        return TypedResults.Ok(found.Select(team => Summary(user, team, names)));
    }

    private static async Task<IResult> GetAsync(
        string teamId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var team = await queries.FindTeamAsync(user.DistrictCode, teamId, cancellationToken) ?? throw new NotFoundException($"服务队伍「{teamId}」不存在。");
        EnsureSees(user, guard, team.StreetId, team.CommunityId, $"服务队伍「{team.Name}」");
        var names = await directory.NamesAsync(user.DistrictCode, [team.CommunityId], cancellationToken);
        var masked = user.Role != PlatformRole.CommunityStaff || user.CommunityId != team.CommunityId;
        CommandRequests.SetVersion(http, team.Version);
        return TypedResults.Ok(new TeamDetail(Summary(user, team, names), team.Description, team.LeaderId,
            [.. team.Members.Select(member => masked ? member with { Name = PersonalData.MaskName(member.Name) } : member)], team.FormedAt));
    }

    /// <summary>The community's teams and activities are open to its staff, its street, the district, and its own volunteers and residents.</summary>
    internal static void EnsureSees(PlatformUser user, AccessGuard guard, string streetId, string communityId, string what)
    {
        if (user.Role is PlatformRole.Volunteer or PlatformRole.Resident)
        {
            if (user.CommunityId != communityId) throw new AccessDeniedException($"{what}不在您所在的社区。");
            return;
        }
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, streetId, communityId), what);
    }

    private static TeamSummary Summary(PlatformUser user, TeamView team, IReadOnlyDictionary<string, string> names)
    {
        var leader = team.Members.FirstOrDefault(member => member.VolunteerId == team.LeaderId)?.Name;
        var masked = user.Role != PlatformRole.CommunityStaff || user.CommunityId != team.CommunityId;
        return new TeamSummary(team.Id, team.Name, team.Kind, TeamKinds.Names.GetValueOrDefault(team.Kind, team.Kind),
            new VolunteerEndpoints.NamedPlace(team.CommunityId, names.GetValueOrDefault(team.CommunityId, team.CommunityId)),
            leader is null ? null : masked ? PersonalData.MaskName(leader) : leader, team.Members.Count, team.Version);
    }

    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string teamId, TeamCommand command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), TeamDecider.Decider, teamId, command, CommandRequests.ExpectedVersion(http),
            state => guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, state.StreetId, state.CommunityId), $"服务队伍「{state.Name}」"),
            $"服务队伍「{teamId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new TeamOutcome(teamId, decided.Version));
    }
}
