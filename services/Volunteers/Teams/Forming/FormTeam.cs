using Platform.ServiceDefaults.Idempotency;

namespace Platform.Volunteers.Teams;

/// <summary>A community forms a team of its volunteers (the handler checks each is an active volunteer of the community).</summary>
public sealed record FormTeam(
    string TeamId, string? Name, string? Kind, string StreetId, string CommunityId, string? Description, string? LeaderId, IReadOnlyList<TeamMember> Members)
    : TeamCommand;

public static partial class TeamDecider
{
    private static TeamFormed Form(FormTeam command, Team state, DecisionContext context)
    {
        if (state.Status != TeamStatus.None) throw new RuleViolationException($"服务队伍「{state.Name}」已组建。");
        new Validation()
            .Text(command.Name, "name", "队伍名称", 50, singleLine: true)
            .Require(command.Kind is not null && TeamKinds.Names.ContainsKey(command.Kind), "kind", $"队伍类型须为 {string.Join("、", TeamKinds.Names.Keys)} 之一。")
            .Text(command.Description, "description", "队伍简介", 500, required: false)
            .Require(command.Members.Count <= MostMembers, "memberIds", $"一支队伍最多 {MostMembers} 人。")
            .Require(command.Members.DistinctBy(member => member.VolunteerId).Count() == command.Members.Count, "memberIds", "成员重复。")
            .Require(command.LeaderId is null || command.Members.Any(member => member.VolunteerId == command.LeaderId), "leaderId", "队长须是队伍成员。")
            .ThrowIfInvalid();
        return new TeamFormed(
            command.TeamId, command.Name!.Trim(), command.Kind!, command.StreetId, command.CommunityId,
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(), command.LeaderId, command.Members, context.Actor, context.Now);
    }
}

public static class FormTeamEndpoint
{
    public sealed record FormRequest(string? Name, string? Kind, string? CommunityId, string? Description, string? LeaderId, List<string>? MemberIds);

    public static void Map(RouteGroupBuilder teams) =>
        teams.MapPost("", FormAsync).RequireAccess(VolunteersActions.ManageVolunteers).WithName("FormTeam").Idempotent()
            .WithSummary("社区组建服务队伍（帮帮团、小巷管家、老党员先锋队 …），成员须为本社区已确认的志愿者；答 201 及其地址。");

    private static async Task<IResult> FormAsync(
        FormRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, VolunteersQueries queries, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var community = await VolunteerEndpoints.CommunityAsync(user, guard, directory, request.CommunityId ?? user.CommunityId, cancellationToken);
        var members = new List<TeamMember>();
        foreach (var volunteerId in request.MemberIds ?? [])
        {
            var volunteer = await VolunteerEndpoints.ActiveVolunteerAsync(user, queries, volunteerId, "memberIds", cancellationToken);
            if (volunteer.CommunityId != community.UnitId) throw new InvalidReferenceException("memberIds", $"{volunteer.Person.Name}不是本社区的志愿者。");
            members.Add(new TeamMember(volunteer.Id, volunteer.Person.Name));
        }
        var teamId = RecordIds.New("T", clock.GetUtcNow());
        var decided = await runner.StartAsync(
            CommandRequests.Origin(http, user), TeamDecider.Decider, teamId,
            new FormTeam(teamId, request.Name, request.Kind, community.StreetId!, community.UnitId, request.Description,
                string.IsNullOrWhiteSpace(request.LeaderId) ? null : request.LeaderId.Trim(), members),
            cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"teams/{Uri.EscapeDataString(teamId)}", new TeamEndpoints.TeamOutcome(teamId, decided.Version));
    }
}
