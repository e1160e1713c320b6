namespace Platform.Projects.Meetings;

/// <summary>The meeting opens on its day: the agenda the service drafted is fixed, and who attends is recorded. It
/// cannot open while an earlier meeting's minutes are still open.</summary>
public sealed record OpenMeeting(string MeetingId, DraftedAgenda Agenda, IReadOnlyList<Attendee>? Attendees) : CouncilCommand;

public static partial class CouncilDecider
{
    private static MeetingOpened Open(OpenMeeting command, Council state, DecisionContext context)
    {
        var meeting = ExpectMeeting(state, command.MeetingId, MeetingStatus.Scheduled, "开会");
        if (state.Meetings.FirstOrDefault(earlier => earlier.Number < meeting.Number && earlier.Status != MeetingStatus.Closed) is { } open)
            throw new RuleViolationException($"第 {open.Number} 次联席会议的纪要尚未办结，本次会议不能召开。");
        if (DistrictTime.DateOf(context.Now) < DistrictTime.DateOf(meeting.HeldAt))
            throw new RuleViolationException($"会议定于 {meeting.HeldAt.ToDistrict():yyyy-MM-dd HH:mm} 召开，当天才能开会。");
        var attendees = command.Attendees ?? [];
        var validation = new Validation()
            .Require(attendees.Count > 0, "attendees", "须写明出席的成员单位或人员。")
            .Require(attendees.Count <= 200, "attendees", "出席至多 200 项。");
        for (var index = 0; index < Math.Min(attendees.Count, 200); index++)
            validation.Text(attendees[index]?.Name, $"attendees[{index}].name", "出席单位或人员", 60, singleLine: true);
        validation.ThrowIfInvalid();
        return new MeetingOpened(
            meeting.MeetingId, command.Agenda.Items, command.Agenda.Deferred, [.. attendees.Select(attendee => attendee with { Name = attendee.Name.Trim() })],
            context.Actor, context.Now);
    }
}

public static class OpenMeetingEndpoint
{
    public sealed record AttendeeRequest(string? Name, string? UnitId);

    public sealed record OpenRequest(IReadOnlyList<AttendeeRequest?>? Attendees);

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("/{meetingId}/open", OpenAsync).RequireAccess(ProjectsActions.ManageMeetings).WithName("OpenMeeting")
            .WithSummary("开会：记录出席的成员单位与人员，固定服务起草的议程（反馈清单、需求、可对接资源、议题）；上次会议纪要未办结时不能开会。");

    private static Task<IResult> OpenAsync(
        string meetingId, OpenRequest request, HttpContext http, AccessGuard guard, MeetingQueries queries, AgendaDrafting drafting, CommandRunner runner,
        CancellationToken cancellationToken) =>
        MeetingEndpoints.RunAsync(http, guard, queries, runner, meetingId, async (council, user) =>
        {
            var meeting = council.Meeting(meetingId)!;
            var agenda = await drafting.DraftAsync(user.DistrictCode, council, meeting, cancellationToken);
            return new OpenMeeting(meetingId, agenda, request.Attendees?.Select(attendee => new Attendee(attendee?.Name!, attendee?.UnitId)).ToList());
        }, cancellationToken);
}
