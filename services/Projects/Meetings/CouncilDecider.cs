using Platform.Kernel;

namespace Platform.Projects.Meetings;

[ClosedHierarchy]
public abstract record CouncilCommand
{
    private protected CouncilCommand() { }
}

/// <summary>The rules of joint meetings as pure functions; each use case's decision stands in its own folder.</summary>
public static partial class CouncilDecider
{
    public static readonly Decider<CouncilCommand, CouncilEvent, Council> Decider = new(Council.Initial, Council.Evolve, Decide, Council.StreamId);

    public static IReadOnlyList<CouncilEvent> Decide(CouncilCommand command, Council state, DecisionContext context) => command switch
    {
        SetRoster set => [Set(set, state, context)],
        ScheduleMeeting schedule => [Schedule(schedule, state, context)],
        ProposeTopic propose => [Propose(propose, state, context)],
        OpenMeeting open => [Open(open, state, context)],
        RecordDecision record => [Record(record, state, context)],
        ReviewDecision review => [Review(review, state, context)],
        CloseMinutes close => [Close(close, state, context)],
        RemindMinutes remind => Remind(remind, state, context),
    };

    private static Meeting ExpectMeeting(Council state, string meetingId, MeetingStatus status, string action)
    {
        var meeting = state.Meeting(meetingId) ?? throw new NotFoundException($"联席会议「{meetingId}」不存在。");
        if (meeting.Status != status) throw new RuleViolationException($"第 {meeting.Number} 次联席会议{StatusName(meeting.Status)}，不能{action}。");
        return meeting;
    }

    public static string StatusName(MeetingStatus status) => status switch
    {
        MeetingStatus.Scheduled => "尚未召开",
        MeetingStatus.Open => "正在进行（纪要未办结）",
        _ => "纪要已办结",
    };
}
