namespace Platform.Projects.Meetings;

/// <summary>A topic for a meeting not yet held, from a need or in words; an urgent one goes on the agenda even after
/// topics close.</summary>
public sealed record ProposeTopic(string MeetingId, string? Title, string? NeedId, bool Urgent) : CouncilCommand;

public static partial class CouncilDecider
{
    private static TopicProposed Propose(ProposeTopic command, Council state, DecisionContext context)
    {
        var meeting = ExpectMeeting(state, command.MeetingId, MeetingStatus.Scheduled, "再提议题");
        new Validation().Text(command.Title, "title", "议题", 100, singleLine: true).ThrowIfInvalid();
        if (meeting.Topics.Any(topic => topic.Title == command.Title!.Trim())) throw new RuleViolationException($"议题「{command.Title!.Trim()}」已提出。");
        return new TopicProposed(meeting.MeetingId, command.Title!.Trim(), command.NeedId, command.Urgent, context.Actor, context.Now);
    }
}

public static class ProposeTopicEndpoint
{
    public sealed record TopicRequest(string? Title, string? NeedId, bool? Urgent);

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("/{meetingId}/topics", ProposeAsync).RequireAccess(ProjectsActions.ManageMeetings).WithName("ProposeMeetingTopic")
            .WithSummary("为尚未召开的联席会议提出议题（可关联一条需求）；议题截止后提出的留待下次会议，标为紧急的除外。");

    private static Task<IResult> ProposeAsync(
        string meetingId, TopicRequest request, HttpContext http, AccessGuard guard, MeetingQueries queries, CommandRunner runner, CancellationToken cancellationToken) =>
        MeetingEndpoints.RunAsync(http, guard, queries, runner, meetingId,
            (_, _) => Task.FromResult<CouncilCommand>(new ProposeTopic(meetingId, request.Title, string.IsNullOrWhiteSpace(request.NeedId) ? null : request.NeedId.Trim(),
                request.Urgent ?? false)), cancellationToken);
}
