using Platform.EventSourcing;
using Platform.Projects.Meetings;

namespace Platform.Projects.ReadModels;

/// <summary>A decision as the minutes hold it, with the note the meeting added.</summary>
public sealed record DecisionView(MeetingDecision Decision, string? Note, DateTimeOffset RecordedAt);

/// <summary>One meeting as its page shows it: the chair and the preparation, the drafted agenda, the minutes.</summary>
public sealed record MeetingView
{
    public string Id { get; init; } = "";
    public string PartyId { get; init; } = "";
    public string Level { get; init; } = "";
    public string? StreetId { get; init; }
    public string? CommunityId { get; init; }
    public int Number { get; init; }
    public DateTimeOffset HeldAt { get; init; }
    public string Place { get; init; } = "";
    public RosterMember Chair { get; init; } = new("", "");
    public DateOnly TopicsCloseOn { get; init; }
    public IReadOnlyList<PreparationTask> Preparation { get; init; } = [];
    public IReadOnlyList<ProposedTopic> Topics { get; init; } = [];
    public IReadOnlyList<AgendaItem> Agenda { get; init; } = [];
    public IReadOnlyList<AgendaItem> Deferred { get; init; } = [];
    public IReadOnlyList<Attendee> Attendees { get; init; } = [];
    public IReadOnlyList<DecisionView> Decisions { get; init; } = [];
    public IReadOnlyList<DecisionReview> Reviews { get; init; } = [];
    public IReadOnlyList<int> Reminded { get; init; } = [];
    public string Status { get; init; } = "";
    public string? Summary { get; init; }
    public DateTimeOffset ScheduledAt { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public const string Scheduled = "scheduled";
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>A council's stream as one view: its roster and all its meetings (the per-stream view the projection
/// checks its versions against; each meeting is also written to its own row for the lists).</summary>
public sealed record CouncilView : IStreamView
{
    public CouncilParty? Party { get; init; }
    public IReadOnlyList<RosterMember> Roster { get; init; } = [];
    public IReadOnlyList<MeetingView> Meetings { get; init; } = [];
    public long Version { get; init; }

    /// <summary>Applies one event; returns the view and the meeting it changed, if any.</summary>
    public static (CouncilView View, MeetingView? Changed) Apply(CouncilView view, CouncilEvent @event)
    {
        switch (@event)
        {
            case RosterSet set:
                return (view with { Party = set.Party, Roster = set.Roster }, null);
            case MeetingScheduled scheduled:
                var meeting = new MeetingView
                {
                    Id = scheduled.MeetingId, PartyId = scheduled.Party.PartyId, Level = scheduled.Party.Level, StreetId = scheduled.Party.StreetId,
                    CommunityId = scheduled.Party.CommunityId, Number = scheduled.Number, HeldAt = scheduled.HeldAt, Place = scheduled.Place,
                    Chair = scheduled.Chair, TopicsCloseOn = scheduled.TopicsCloseOn, Preparation = scheduled.Preparation, Status = MeetingView.Scheduled,
                    ScheduledAt = scheduled.ScheduledAt, UpdatedAt = scheduled.ScheduledAt,
                };
                return (view with { Party = scheduled.Party, Meetings = [.. view.Meetings, meeting] }, meeting);
            default:
                var (meetingId, change) = Change(@event);
                var changed = view.Meetings.First(existing => existing.Id == meetingId);
                changed = change(changed) with { UpdatedAt = @event.At() };
                return (view with { Meetings = [.. view.Meetings.Select(existing => existing.Id == meetingId ? changed : existing)] }, changed);
        }
    }

    private static (string MeetingId, Func<MeetingView, MeetingView> Change) Change(CouncilEvent @event) => @event switch
    {
        TopicProposed proposed => (proposed.MeetingId, meeting => meeting with
        {
            Topics = [.. meeting.Topics, new ProposedTopic(proposed.Title, proposed.NeedId, proposed.Urgent, proposed.ProposedAt)],
        }),
        MeetingOpened opened => (opened.MeetingId, meeting => meeting with
        {
            Status = MeetingView.Open, Agenda = opened.Agenda, Deferred = opened.Deferred, Attendees = opened.Attendees, OpenedAt = opened.OpenedAt,
        }),
        DecisionRecorded recorded => (recorded.MeetingId, meeting => meeting with
        {
            Decisions = [.. meeting.Decisions, new DecisionView(recorded.Decision, recorded.Note, recorded.RecordedAt)],
        }),
        DecisionReviewed reviewed => (reviewed.MeetingId, meeting => meeting with { Reviews = [.. meeting.Reviews, reviewed.Review] }),
        MinutesClosed closed => (closed.MeetingId, meeting => meeting with { Status = MeetingView.Closed, Summary = closed.Summary, ClosedAt = closed.ClosedAt }),
        MinutesReminded reminded => (reminded.MeetingId, meeting => meeting with { Reminded = [.. meeting.Reminded, reminded.DaysOpen] }),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} changes no meeting."),
    };
}
