namespace Platform.Volunteers.Teams;

public sealed record AddTeamMember(TeamMember Member) : TeamCommand;

/// <summary>A leader hands over before leaving: the team always has the leader it names among its members.</summary>
public sealed record RemoveTeamMember(string VolunteerId) : TeamCommand;

public sealed record ChangeTeamLeader(string LeaderId) : TeamCommand;

public static partial class TeamDecider
{
    private static TeamMemberJoined Add(AddTeamMember command, Team state, DecisionContext context)
    {
        ExpectActive(state);
        if (state.HasMember(command.Member.VolunteerId)) throw new RuleViolationException($"{command.Member.Name}已是「{state.Name}」的成员。");
        if (state.Members.Count >= MostMembers) throw new RuleViolationException($"一支队伍最多 {MostMembers} 人。");
        return new TeamMemberJoined(state.TeamId, command.Member, context.Actor, context.Now);
    }

    private static TeamMemberLeft Remove(RemoveTeamMember command, Team state, DecisionContext context)
    {
        ExpectActive(state);
        if (!state.HasMember(command.VolunteerId)) throw new InvalidReferenceException("volunteerId", $"「{state.Name}」没有这名成员。");
        if (state.LeaderId == command.VolunteerId) throw new RuleViolationException("队长须先把队伍交给另一名成员，才能退出。");
        return new TeamMemberLeft(state.TeamId, command.VolunteerId, context.Actor, context.Now);
    }

    private static TeamLeaderChanged ChangeLeader(ChangeTeamLeader command, Team state, DecisionContext context)
    {
        ExpectActive(state);
        if (!state.HasMember(command.LeaderId)) throw new InvalidReferenceException("leaderId", "队长须是队伍成员。");
        if (state.LeaderId == command.LeaderId) throw new RuleViolationException("这名成员已是队长。");
        return new TeamLeaderChanged(state.TeamId, command.LeaderId, context.Actor, context.Now);
    }
}

public static class ChangeMembersEndpoints
{
    public sealed record MemberRequest(string? VolunteerId);

    public static void Map(RouteGroupBuilder teams)
    {
        teams.MapPost("/{teamId}/members", AddAsync).RequireAccess(VolunteersActions.ManageVolunteers).WithName("AddTeamMember")
            .WithSummary("本社区已确认的志愿者加入队伍。");
        teams.MapPost("/{teamId}/members/{volunteerId}/remove", (string teamId, string volunteerId, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) => TeamEndpoints.RunAsync(http, guard, runner, teamId, new RemoveTeamMember(volunteerId), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("RemoveTeamMember").WithSummary("成员退出队伍（队长须先移交）。");
        teams.MapPost("/{teamId}/leader", (string teamId, MemberRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) => TeamEndpoints.RunAsync(http, guard, runner, teamId, new ChangeTeamLeader(request.VolunteerId ?? ""), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("ChangeTeamLeader").WithSummary("更换队长（须是队伍成员）。");
    }

    private static async Task<IResult> AddAsync(
        string teamId, MemberRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var team = await queries.FindTeamAsync(user.DistrictCode, teamId, cancellationToken) ?? throw new NotFoundException($"服务队伍「{teamId}」不存在。");
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, team.StreetId, team.CommunityId), $"服务队伍「{team.Name}」");
        var volunteer = await VolunteerEndpoints.ActiveVolunteerAsync(user, queries, request.VolunteerId, "volunteerId", cancellationToken);
        if (volunteer.CommunityId != team.CommunityId) throw new InvalidReferenceException("volunteerId", $"{volunteer.Person.Name}不是本社区的志愿者。");
        return await TeamEndpoints.RunAsync(http, guard, runner, teamId, new AddTeamMember(new TeamMember(volunteer.Id, volunteer.Person.Name)), cancellationToken);
    }
}
