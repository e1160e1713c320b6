using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Projects.Meetings;

/// <summary>The next meeting of a council: when and where. The chair passes to the next member of the roster, who
/// gets the preparation tasks; topics close <paramref name="TopicsCloseDays"/> days before.</summary>
public sealed record ScheduleMeeting(string MeetingId, CouncilParty Party, DateTimeOffset? HeldAt, string? Place, int TopicsCloseDays) : CouncilCommand;

public static partial class CouncilDecider
{
    private static MeetingScheduled Schedule(ScheduleMeeting command, Council state, DecisionContext context)
    {
        var chair = Council.NextChair(state.Roster, state.Meetings.LastOrDefault()?.Chair.UnitId)
            ?? throw new RuleViolationException("尚未设定轮值主席名单，请先设定大党委成员单位的轮值顺序。");
        if (state.Meetings.FirstOrDefault(meeting => meeting.Status == MeetingStatus.Scheduled) is { } waiting)
            throw new RuleViolationException($"第 {waiting.Number} 次联席会议（{waiting.HeldAt.ToDistrict():yyyy-MM-dd}）尚未召开，不能再安排下一次。");
        new Validation()
            .Require(command.HeldAt is not null, "heldAt", "须写明开会时间。")
            .Require(command.HeldAt is null || command.HeldAt >= context.Now, "heldAt", "开会时间不能早于现在。")
            .Require(command.HeldAt is null || command.HeldAt <= context.Now.AddYears(1), "heldAt", "至多提前一年安排会议。")
            .Text(command.Place, "place", "会议地点", 100, singleLine: true)
            .ThrowIfInvalid();
        var heldOn = DistrictTime.DateOf(command.HeldAt!.Value);
        var today = DistrictTime.DateOf(context.Now);
        var topicsCloseOn = Agenda.TopicsCloseOn(command.HeldAt.Value, command.TopicsCloseDays);
        DateOnly NotBeforeToday(DateOnly date) => date < today ? today : date;
        return new MeetingScheduled(
            command.Party, command.MeetingId, state.Meetings.Count + 1, command.HeldAt.Value, command.Place!.Trim(), chair, topicsCloseOn,
            [
                new PreparationTask("征集议题：需求、资源与上次决定的落实情况", NotBeforeToday(topicsCloseOn)),
                new PreparationTask("审定议程并送成员单位", NotBeforeToday(heldOn.AddDays(-3))),
                new PreparationTask("通知成员单位与列席人员", NotBeforeToday(heldOn.AddDays(-1))),
            ],
            context.Actor, context.Now);
    }
}

/// <summary>How far ahead of a meeting its topics close (议题截止), in days.</summary>
public sealed class MeetingSettings
{
    public const string Section = "Projects:Meetings";

    public int TopicsCloseDays { get; set; } = Agenda.DefaultTopicsCloseDays;
}

public static class ScheduleMeetingEndpoint
{
    public sealed record ScheduleRequest(string? StreetId, string? CommunityId, DateTimeOffset? HeldAt, string? Place);

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("", ScheduleAsync).RequireAccess(ProjectsActions.ManageMeetings).WithName("ScheduleMeeting").Idempotent()
            .WithSummary("安排下一次联席会议：时间与地点；轮值主席按名单顺延并承担筹备任务，议题在会前 15 天（可配置）截止；答 201 及其地址。");

    private static async Task<IResult> ScheduleAsync(
        ScheduleRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, CommandRunner runner, TimeProvider clock,
        IOptions<MeetingSettings> settings, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var party = await MeetingEndpoints.PartyAsync(user, guard, directory, request.StreetId, request.CommunityId, cancellationToken);
        var meetingId = RecordIds.New("M", clock.GetUtcNow());
        var version = await runner.ExecuteAsync(CommandRequests.Origin(http, user), async scope =>
        {
            var council = await scope.LoadAsync(CouncilDecider.Decider, party.PartyId, cancellationToken: cancellationToken);
            scope.Decide(council, new ScheduleMeeting(meetingId, party, request.HeldAt, request.Place, settings.Value.TopicsCloseDays));
            return council.Version;
        }, cancellationToken);
        CommandRequests.SetVersion(http, version);
        return TypedResults.Created($"meetings/{Uri.EscapeDataString(meetingId)}", new MeetingEndpoints.MeetingOutcome(meetingId, MeetingView.Scheduled, version));
    }
}
