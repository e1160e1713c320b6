namespace Platform.Projects.Meetings;

/// <summary>The minutes are closed (纪要办结) once every earlier decision on the agenda has been reviewed; only then can
/// the next meeting open.</summary>
public sealed record CloseMinutes(string MeetingId, string? Summary) : CouncilCommand;

public static partial class CouncilDecider
{
    private static MinutesClosed Close(CloseMinutes command, Council state, DecisionContext context)
    {
        var meeting = ExpectMeeting(state, command.MeetingId, MeetingStatus.Open, "办结纪要");
        var unreviewed = meeting.Agenda
            .Where(item => item.Kind == AgendaItem.Feedback && meeting.Reviews.All(review => review.DecisionId != item.RefId)).ToList();
        if (unreviewed.Count > 0)
            throw new RuleViolationException(
                $"反馈清单还有 {unreviewed.Count} 项未评议（{string.Join("、", unreviewed.Take(3).Select(item => $"「{item.Title}」"))}{(unreviewed.Count > 3 ? " 等" : "")}），纪要不能办结。");
        new Validation().Text(command.Summary, "summary", "会议纪要摘要", 2000).ThrowIfInvalid();
        return new MinutesClosed(meeting.MeetingId, command.Summary!.Trim(), context.Actor, context.Now);
    }
}

public static class CloseMinutesEndpoint
{
    public sealed record CloseRequest(string? Summary);

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("/{meetingId}/close", CloseAsync).RequireAccess(ProjectsActions.ManageMeetings).WithName("CloseMeetingMinutes")
            .WithSummary("办结会议纪要（写明摘要）：反馈清单中的每项以前的决定须已评议。办结后才能召开下一次会议。");

    private static Task<IResult> CloseAsync(
        string meetingId, CloseRequest request, HttpContext http, AccessGuard guard, MeetingQueries queries, CommandRunner runner, CancellationToken cancellationToken) =>
        MeetingEndpoints.RunAsync(http, guard, queries, runner, meetingId,
            (_, _) => Task.FromResult<CouncilCommand>(new CloseMinutes(meetingId, request.Summary)), cancellationToken);
}
