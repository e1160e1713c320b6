using Platform.Projects.Copies;
using Platform.Projects.ProjectList;

namespace Platform.Projects.Meetings;

/// <summary>The minutes record a decision: a project the meeting decided (its stream starts in the same transaction),
/// or a resolution in words.</summary>
public sealed record RecordDecision(string MeetingId, string Kind, string? Title, string? ProjectId, DateOnly? DueOn, string? Note) : CouncilCommand;

public static partial class CouncilDecider
{
    public const int MostDecisions = 50;

    private static DecisionRecorded Record(RecordDecision command, Council state, DecisionContext context)
    {
        var meeting = ExpectMeeting(state, command.MeetingId, MeetingStatus.Open, "再作决定");
        if (meeting.Decisions.Count >= MostDecisions) throw new RuleViolationException($"一次会议至多记录 {MostDecisions} 项决定。");
        new Validation()
            .Require(command.Kind is MeetingDecision.Project or MeetingDecision.Resolution, "kind", "决定的类型须为 project（立项）或 resolution（议定事项）。")
            .Text(command.Title, "title", "决定事项", 100, singleLine: true)
            .Text(command.Note, "note", "说明", 1000, required: false)
            .Require(command.Kind != MeetingDecision.Project || command.ProjectId is not null, "project", "立项须写明项目。")
            .ThrowIfInvalid();
        var decision = new MeetingDecision($"{meeting.MeetingId}-D{meeting.Decisions.Count + 1}", command.Kind, command.Title!.Trim(), command.ProjectId, command.DueOn);
        return new DecisionRecorded(meeting.MeetingId, decision, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), context.Actor, context.Now);
    }
}

public static class RecordDecisionEndpoint
{
    /// <param name="Project">For a project: the project as 立项 takes it; its community or street defaults to the council's.</param>
    public sealed record DecisionRequest(string? Kind, string? Title, string? Note, DecideProjectEndpoint.DecideRequest? Project);

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("/{meetingId}/decisions", RecordAsync).RequireAccess(ProjectsActions.ManageMeetings).WithName("RecordMeetingDecision")
            .WithSummary("会议纪要记录一项决定：立项（kind=project，附项目名称、内容、回应的需求与责任清单，项目随即建立）或议定事项（kind=resolution）。");

    private static async Task<IResult> RecordAsync(
        string meetingId, DecisionRequest request, HttpContext http, AccessGuard guard, MeetingQueries queries, OrganizationDirectory directory,
        ProjectCopies copies, CommandRunner runner, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await MeetingEndpoints.ManagedMeetingAsync(user, meetingId, guard, queries, cancellationToken);
        DecideProject? project = null;
        if (request.Kind == MeetingDecision.Project)
        {
            var asked = request.Project ?? new DecideProjectEndpoint.DecideRequest(null, null, null, null, null, null, null, null);
            var party = await ProjectEndpoints.PartyAsync(user, directory, asked.StreetId ?? view.StreetId, asked.CommunityId ?? view.CommunityId, cancellationToken);
            if ((view.CommunityId is not null && party.CommunityId != view.CommunityId) || (view.StreetId is not null && party.StreetId != view.StreetId))
                throw new InvalidReferenceException("project.communityId", "项目须属于本次会议的社区或街道。");
            project = await DecideProjectEndpoint.CommandAsync(user, asked, party, copies, RecordIds.New("P", clock.GetUtcNow()), meetingId, cancellationToken);
        }
        var version = await runner.ExecuteAsync(CommandRequests.Origin(http, user), async scope =>
        {
            var council = await scope.LoadAsync(CouncilDecider.Decider, view.PartyId, CommandRequests.ExpectedVersion(http), cancellationToken: cancellationToken);
            if (project is not null)
            {
                var started = await scope.LoadAsync(ProjectDecider.Decider, project.ProjectId, cancellationToken: cancellationToken);
                scope.Decide(started, project);
            }
            scope.Decide(council, new RecordDecision(meetingId, request.Kind ?? "", project?.Name ?? request.Title, project?.ProjectId, project?.DueOn, request.Note));
            return council.Version;
        }, cancellationToken);
        CommandRequests.SetVersion(http, version);
        return TypedResults.Ok(new MeetingEndpoints.DecisionOutcome(meetingId, project?.ProjectId, version));
    }
}
