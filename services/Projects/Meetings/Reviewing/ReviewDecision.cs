using Platform.Projects.ProjectList;

namespace Platform.Projects.Meetings;

/// <summary>The 反馈清单 at work: the meeting reviews an earlier decision still open, with a reason; a project's
/// decision is done only when the project is.</summary>
/// <param name="ProjectCompleted">Whether the decision's project is completed, as the handler found it (null: no project).</param>
public sealed record ReviewDecision(string MeetingId, string? DecisionId, string? Outcome, string? Reason, DateOnly? NewDueOn, bool? ProjectCompleted)
    : CouncilCommand;

public static partial class CouncilDecider
{
    private static DecisionReviewed Review(ReviewDecision command, Council state, DecisionContext context)
    {
        var meeting = ExpectMeeting(state, command.MeetingId, MeetingStatus.Open, "评议");
        var (decidedAt, decision) = state.OpenDecisionsBefore(meeting.Number).FirstOrDefault(open => open.Decision.DecisionId == command.DecisionId?.Trim());
        if (decision is null) throw new InvalidReferenceException("decisionId", $"没有待评议的决定「{command.DecisionId}」（只评议以前会议尚未完成或撤销的决定）。");
        if (meeting.Reviews.Any(review => review.DecisionId == decision.DecisionId))
            throw new RuleViolationException($"第 {decidedAt.Number} 次会议的决定「{decision.Title}」本次已评议。");
        new Validation()
            .Require(command.Outcome is not null && DecisionReview.Names.ContainsKey(command.Outcome), "outcome",
                $"评议结果须为 {string.Join("、", DecisionReview.Names.Keys)} 之一。")
            .Text(command.Reason, "reason", "评议理由", 500)
            .Require(command.Outcome != DecisionReview.Continue || command.NewDueOn is not null, "newDueOn", "继续推进须写明新的完成时限。")
            .Require(command.NewDueOn is null || command.NewDueOn >= DistrictTime.DateOf(context.Now), "newDueOn", "新的完成时限不能早于今天。")
            .ThrowIfInvalid();
        if (command.Outcome == DecisionReview.Done && command.ProjectCompleted == false)
            throw new RuleViolationException($"项目「{decision.Title}」尚未完成，不能评为已完成；可评为继续推进或调整。");
        return new DecisionReviewed(meeting.MeetingId, decision.Title, new DecisionReview(decision.DecisionId, command.Outcome!, command.Reason!.Trim(), command.NewDueOn), context.Actor, context.Now);
    }
}

public static class ReviewDecisionEndpoint
{
    public sealed record ReviewRequest(string? DecisionId, string? Outcome, string? Reason, DateOnly? NewDueOn);

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("/{meetingId}/reviews", ReviewAsync).RequireAccess(ProjectsActions.ManageMeetings).WithName("ReviewMeetingDecision")
            .WithSummary("反馈清单：评议以前会议的一项决定（done 已完成、continue 继续推进并写新时限、adjust 调整、drop 撤销），写明理由；"
                + "撤销的项目随即停止，其回应的需求退回社区，继续推进的项目改用新时限。");

    /// <summary>The review and what it means for the decision's project are decided in one transaction: a meeting never
    /// drops a decision whose project runs on.</summary>
    private static async Task<IResult> ReviewAsync(
        string meetingId, ReviewRequest request, HttpContext http, AccessGuard guard, MeetingQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await MeetingEndpoints.ManagedMeetingAsync(user, meetingId, guard, queries, cancellationToken);
        var version = await runner.ExecuteAsync(CommandRequests.Origin(http, user), async scope =>
        {
            var council = await scope.LoadAsync(CouncilDecider.Decider, view.PartyId, CommandRequests.ExpectedVersion(http), cancellationToken: cancellationToken);
            var projectId = council.State.Meetings.SelectMany(meeting => meeting.Decisions)
                .FirstOrDefault(decision => decision.DecisionId == request.DecisionId?.Trim())?.ProjectId;
            var project = projectId is null ? null : await scope.LoadAsync(ProjectDecider.Decider, projectId, cancellationToken: cancellationToken);
            var reviewed = scope.Decide(council, new ReviewDecision(meetingId, request.DecisionId, request.Outcome, request.Reason, request.NewDueOn,
                project is { Exists: true } ? project.State.Status == ProjectStatus.Completed : null));
            if (project is { Exists: true, State.Status: ProjectStatus.Active }
                && reviewed.OfType<DecisionReviewed>().SingleOrDefault() is { } review
                && ProjectDecider.Following(review.Review, meetingId) is { } following)
            {
                scope.Decide(project, following);
            }
            return council.Version;
        }, cancellationToken);
        CommandRequests.SetVersion(http, version);
        return TypedResults.Ok(new MeetingEndpoints.MeetingOutcome(meetingId, MeetingView.Open, version));
    }
}
