using Platform.Projects.Copies;

namespace Platform.Projects.Meetings;

/// <summary>The member units of the 大党委 in the order the chair rotates among them.</summary>
public sealed record SetRoster(CouncilParty Party, IReadOnlyList<RosterMember> Members) : CouncilCommand;

public static partial class CouncilDecider
{
    public const int LargestRoster = 60;

    private static RosterSet Set(SetRoster command, Council state, DecisionContext context)
    {
        new Validation()
            .Require(command.Members.Count > 0, "unitIds", "轮值名单至少要有一个成员单位。")
            .Require(command.Members.Count <= LargestRoster, "unitIds", $"轮值名单至多 {LargestRoster} 个成员单位。")
            .Require(command.Members.Select(member => member.UnitId).Distinct().Count() == command.Members.Count, "unitIds", "同一单位只能列入一次。")
            .ThrowIfInvalid();
        return new RosterSet(command.Party, command.Members, context.Actor, context.Now);
    }
}

public static class SetRosterEndpoint
{
    /// <param name="UnitIds">The member units, in the order the chair rotates.</param>
    public sealed record RosterRequest(string? StreetId, string? CommunityId, IReadOnlyList<string>? UnitIds);

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPut("/roster", SetAsync).RequireAccess(ProjectsActions.ManageMeetings).WithName("SetMeetingRoster")
            .WithSummary("设定联席会议的轮值主席名单（大党委成员单位，按轮值顺序）；社区写 communityId，街道写 streetId，全区都不写。");

    private static async Task<IResult> SetAsync(
        RosterRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, ProjectCopies copies, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var party = await MeetingEndpoints.PartyAsync(user, guard, directory, request.StreetId, request.CommunityId, cancellationToken);
        var members = new List<RosterMember>();
        foreach (var unitId in (request.UnitIds ?? []).Take(CouncilDecider.LargestRoster + 1))
            members.Add(await copies.RosterMemberAsync(user.DistrictCode, unitId, cancellationToken));
        var decided = await runner.ExecuteAsync(CommandRequests.Origin(http, user), async scope =>
        {
            var council = await scope.LoadAsync(CouncilDecider.Decider, party.PartyId, CommandRequests.ExpectedVersion(http), cancellationToken: cancellationToken);
            scope.Decide(council, new SetRoster(party, members));
            return council.Version;
        }, cancellationToken);
        CommandRequests.SetVersion(http, decided);
        return TypedResults.Ok(new MeetingEndpoints.RosterOutcome(party.PartyId, [.. members.Select(member => member.Name)], decided));
    }
}
