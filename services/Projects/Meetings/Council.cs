using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Projects.Meetings;

/// <summary>Whose joint meeting it is: a community's 大党委, a street's, or the district's (neither id then).</summary>
public sealed record CouncilParty(string PartyId, string Level, string? StreetId, string? CommunityId)
{
    public const string Community = "community";
    public const string Street = "street";
    public const string District = "district";
}

/// <summary>A member unit of the 大党委, in the order the chair rotates.</summary>
public sealed record RosterMember(string UnitId, string Name);

/// <summary>A preparation task of the incoming chair, due before the meeting.</summary>
public sealed record PreparationTask(string What, DateOnly DueOn);

/// <summary>What the agenda holds, drafted by the service: a need, a resource that could answer one, an earlier
/// decision to review (反馈清单), or a topic someone proposed.</summary>
public sealed record AgendaItem(string Kind, string RefId, string Title, string? Detail, bool Urgent)
{
    public const string Need = "need";
    public const string Offer = "offer";
    public const string Feedback = "feedback";
    public const string Topic = "topic";
}

/// <summary>A unit or person present at the meeting.</summary>
public sealed record Attendee(string Name, string? UnitId);

/// <summary>What the minutes decided: a new project (with its id), or a resolution in words.</summary>
public sealed record MeetingDecision(string DecisionId, string Kind, string Title, string? ProjectId, DateOnly? DueOn)
{
    public const string Project = "project";
    public const string Resolution = "resolution";
}

/// <summary>The next meeting's verdict on an earlier decision: done, continue with a new deadline, adjust, or drop.</summary>
public sealed record DecisionReview(string DecisionId, string Outcome, string Reason, DateOnly? NewDueOn)
{
    public const string Done = "done";
    public const string Continue = "continue";
    public const string Adjust = "adjust";
    public const string Drop = "drop";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Done] = "已完成", [Continue] = "继续推进", [Adjust] = "调整", [Drop] = "撤销",
    };

    /// <summary>Whether the decision leaves the 反馈清单 with this review.</summary>
    public bool Settles => Outcome is Done or Drop;
}

public enum MeetingStatus
{
    Scheduled,
    Open,
    Closed,
}

/// <summary>One meeting of the council as deciding needs it.</summary>
/// <param name="Reminded">The days after opening on which the open minutes were reminded.</param>
public sealed record Meeting(
    string MeetingId, int Number, DateTimeOffset HeldAt, DateOnly TopicsCloseOn, RosterMember Chair, MeetingStatus Status, IReadOnlyList<ProposedTopic> Topics,
    IReadOnlyList<AgendaItem> Agenda, IReadOnlyList<MeetingDecision> Decisions, IReadOnlyList<DecisionReview> Reviews, DateTimeOffset? OpenedAt,
    IReadOnlyList<int> Reminded);

public sealed record ProposedTopic(string Title, string? NeedId, bool Urgent, DateTimeOffset ProposedAt);

/// <summary>
/// A council (联席会议) of a community's 大党委, a street or the district: its roster, and every meeting it held, one
/// after the other. One stream, so the chair's rotation and "no meeting opens before the last one's minutes are
/// closed" are decided on one state.
/// </summary>
public sealed record Council(CouncilParty? Party, IReadOnlyList<RosterMember> Roster, IReadOnlyList<Meeting> Meetings)
{
    public static readonly Council Initial = new(null, [], []);

    public static string StreamId(string partyId) => $"council-{partyId}";

    public Meeting? Meeting(string? meetingId) => Meetings.FirstOrDefault(meeting => meeting.MeetingId == meetingId);

    /// <summary>
    /// The member after the last meeting's chair, in the roster's order; the first when none has chaired yet or the
    /// last chair has left the roster.
    /// </summary>
    /// <summary>The chair serving now: the latest meeting's, whether held or being prepared; none before the first meeting.</summary>
    public static RosterMember? CurrentChair(Council state) => state.Meetings.LastOrDefault()?.Chair;

    public static RosterMember? NextChair(IReadOnlyList<RosterMember> roster, string? lastChairUnitId)
    {
        if (roster.Count == 0) return null;
        var last = roster.ToList().FindIndex(member => member.UnitId == lastChairUnitId);
        return roster[(last + 1) % roster.Count];
    }

    /// <summary>Earlier decisions still open: not reviewed as done or dropped at a later meeting.</summary>
    public IEnumerable<(Meeting Meeting, MeetingDecision Decision)> OpenDecisionsBefore(int number) =>
        from meeting in Meetings
        where meeting.Number < number
        from decision in meeting.Decisions
        where !Meetings.SelectMany(later => later.Reviews).Any(review => review.DecisionId == decision.DecisionId && review.Settles)
        select (meeting, decision);

    public static Council Evolve(Council state, CouncilEvent @event) => @event switch
    {
        RosterSet set => state with { Party = set.Party, Roster = set.Roster },
        MeetingScheduled scheduled => state with
        {
            Party = scheduled.Party,
            Meetings = [.. state.Meetings, new Meeting(
                scheduled.MeetingId, scheduled.Number, scheduled.HeldAt, scheduled.TopicsCloseOn, scheduled.Chair, MeetingStatus.Scheduled, [], [], [], [], null, [])],
        },
        TopicProposed proposed => Change(state, proposed.MeetingId, meeting => meeting with
        {
            Topics = [.. meeting.Topics, new ProposedTopic(proposed.Title, proposed.NeedId, proposed.Urgent, proposed.ProposedAt)],
        }),
        MeetingOpened opened => Change(state, opened.MeetingId, meeting => meeting with
        {
            Status = MeetingStatus.Open, Agenda = opened.Agenda, OpenedAt = opened.OpenedAt,
        }),
        DecisionRecorded recorded => Change(state, recorded.MeetingId, meeting => meeting with { Decisions = [.. meeting.Decisions, recorded.Decision] }),
        DecisionReviewed reviewed => Change(state, reviewed.MeetingId, meeting => meeting with { Reviews = [.. meeting.Reviews, reviewed.Review] }),
        MinutesClosed closed => Change(state, closed.MeetingId, meeting => meeting with { Status = MeetingStatus.Closed }),
        MinutesReminded reminded => Change(state, reminded.MeetingId, meeting => meeting with { Reminded = [.. meeting.Reminded, reminded.DaysOpen] }),
    };

    /// <summary>Days after a meeting opened on which its still-open minutes are reminded.</summary>
    public static readonly IReadOnlyList<int> ReminderDays = [3, 7];

    /// <summary>The reminders still to come for a meeting: while its minutes are open, one on each of
    /// <see cref="ReminderDays"/> after it opened that has not been sent. Pure, so the projection keeps the timers and
    /// the timer decides on the same rule.</summary>
    public static IEnumerable<MinutesReminder> RemindersOf(string meetingId, bool minutesOpen, DateTimeOffset? openedAt, IReadOnlyCollection<int> reminded) =>
        minutesOpen && openedAt is { } opened
            ? ReminderDays.Where(days => !reminded.Contains(days)).Select(days => new MinutesReminder(meetingId, days, opened.AddDays(days)))
            : [];

    private static Council Change(Council state, string meetingId, Func<Meeting, Meeting> change) =>
        state with { Meetings = [.. state.Meetings.Select(meeting => meeting.MeetingId == meetingId ? change(meeting) : meeting)] };
}

public sealed record MinutesReminder(string MeetingId, int DaysOpen, DateTimeOffset DueAt);

[ClosedHierarchy]
public abstract record CouncilEvent
{
    private protected CouncilEvent() { }
}

[EventType("projects.council-roster-set.v1")]
public sealed record RosterSet(CouncilParty Party, IReadOnlyList<RosterMember> Roster, string Actor, DateTimeOffset SetAt) : CouncilEvent;

/// <param name="Preparation">The incoming chair's tasks: collecting topics by the day they close, and the rest.</param>
[EventType("projects.meeting-scheduled.v1")]
public sealed record MeetingScheduled(
    CouncilParty Party, string MeetingId, int Number, DateTimeOffset HeldAt, string Place, RosterMember Chair, DateOnly TopicsCloseOn,
    IReadOnlyList<PreparationTask> Preparation, string Actor, DateTimeOffset ScheduledAt) : CouncilEvent;

[EventType("projects.meeting-topic-proposed.v1")]
public sealed record TopicProposed(string MeetingId, string Title, string? NeedId, bool Urgent, string Actor, DateTimeOffset ProposedAt) : CouncilEvent;

/// <summary>The meeting opened: its agenda is fixed as drafted then, and its attendees recorded.</summary>
[EventType("projects.meeting-opened.v1")]
public sealed record MeetingOpened(
    string MeetingId, IReadOnlyList<AgendaItem> Agenda, IReadOnlyList<AgendaItem> Deferred, IReadOnlyList<Attendee> Attendees, string Actor,
    DateTimeOffset OpenedAt) : CouncilEvent;

[EventType("projects.meeting-decision-recorded.v1")]
public sealed record DecisionRecorded(string MeetingId, MeetingDecision Decision, string? Note, string Actor, DateTimeOffset RecordedAt) : CouncilEvent;

/// <param name="DecisionTitle">What the decision was, so that the history reads by name.</param>
[EventType("projects.meeting-decision-reviewed.v1")]
public sealed record DecisionReviewed(string MeetingId, string DecisionTitle, DecisionReview Review, string Actor, DateTimeOffset ReviewedAt) : CouncilEvent;

[EventType("projects.meeting-minutes-closed.v1")]
public sealed record MinutesClosed(string MeetingId, string Summary, string Actor, DateTimeOffset ClosedAt) : CouncilEvent;

/// <summary>A meeting's minutes are still open this many days after it opened: the chair and the party are reminded.</summary>
[EventType("projects.meeting-minutes-reminded.v1")]
public sealed record MinutesReminded(string MeetingId, int DaysOpen, string Actor, DateTimeOffset RemindedAt) : CouncilEvent;

public static class CouncilEventTimes
{
    public static DateTimeOffset At(this CouncilEvent @event) => @event switch
    {
        RosterSet set => set.SetAt,
        MeetingScheduled scheduled => scheduled.ScheduledAt,
        TopicProposed proposed => proposed.ProposedAt,
        MeetingOpened opened => opened.OpenedAt,
        DecisionRecorded recorded => recorded.RecordedAt,
        DecisionReviewed reviewed => reviewed.ReviewedAt,
        MinutesClosed closed => closed.ClosedAt,
        MinutesReminded reminded => reminded.RemindedAt,
    };
}
