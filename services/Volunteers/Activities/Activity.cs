using Platform.EventSourcing;
using Platform.Kernel;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Activities;

/// <summary>Where an activity happens, down to the grid and building when it is at one (楼门环境清理 at a building's door).</summary>
public sealed record ActivityPlace(string Address, string? GridId, string? BuildingId);

public enum ParticipantStatus
{
    SignedUp,
    Waitlisted,
    Cancelled,
    WalkIn,
}

/// <summary>One volunteer on an activity's roster: signed up, waiting, cancelled or logged at the place, and their presence.</summary>
/// <param name="CheckOutClosed">The check-out was closed by the timer at the activity's end, not by the volunteer.</param>
public sealed record Participant(
    string VolunteerId, string Name, string? Post, ParticipantStatus Status, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, bool CheckOutClosed = false)
{
    public bool Present => CheckedInAt is not null;

    public bool Holds => Status is ParticipantStatus.SignedUp or ParticipantStatus.WalkIn;
}

/// <summary>What one volunteer was credited for an activity, with the double entries that carry it onto the ledgers.</summary>
public sealed record ServiceCredit(
    string VolunteerId, string Name, int Minutes, decimal Points, string Kind, DateTimeOffset? ClosedAt, string? Note, IReadOnlyList<LedgerEntry> Entries);

public enum LateEntryStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A 补录: service done at the activity without a check-in, entered afterwards and credited only once the organizer approves.</summary>
public sealed record LateEntry(string VolunteerId, string Name, int Minutes, string Reason, LateEntryStatus Status);

public enum ActivityStatus
{
    None,
    Scheduled,
    Cancelled,
}

public sealed record Activity(
    string ActivityId, ActivityStatus Status, string Title, string StreetId, string CommunityId, string? TeamId, string? ServiceKind,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, IReadOnlyList<string> Posts, IReadOnlyList<Participant> Participants,
    string? CodeHash, bool Credited, IReadOnlyDictionary<string, ServiceCredit> Credits, int EntriesPosted, IReadOnlyDictionary<string, LateEntry> LateEntries)
{
    public static readonly Activity Initial = new(
        "", ActivityStatus.None, "", "", "", null, null, default, default, 0, [], [], null, false, new Dictionary<string, ServiceCredit>(), 0,
        new Dictionary<string, LateEntry>());

    public static string StreamId(string activityId) => $"activity-{activityId}";

    public int Taken => Participants.Count(participant => participant.Status == ParticipantStatus.SignedUp);

    public Participant? Find(string volunteerId) => Participants.FirstOrDefault(participant => participant.VolunteerId == volunteerId);

    public string NextEntryId() => $"{ActivityId}-E{EntriesPosted + 1}";

    /// <summary>How long check-in opens before the start, so that volunteers arriving early can check in at the door.</summary>
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromMinutes(30);

    public static Activity Evolve(Activity state, ActivityEvent @event) => @event switch
    {
        ActivityScheduled scheduled => state with
        {
            ActivityId = scheduled.ActivityId, Status = ActivityStatus.Scheduled, Title = scheduled.Title, StreetId = scheduled.StreetId,
            CommunityId = scheduled.CommunityId, TeamId = scheduled.TeamId, ServiceKind = scheduled.ServiceKind, StartsAt = scheduled.StartsAt,
            EndsAt = scheduled.EndsAt, Capacity = scheduled.Capacity, Posts = scheduled.Posts,
        },
        VolunteerSignedUp signedUp => state with
        {
            Participants = [.. state.Participants.Where(participant => participant.VolunteerId != signedUp.VolunteerId),
                new Participant(signedUp.VolunteerId, signedUp.Name, signedUp.Post, signedUp.Waitlisted ? ParticipantStatus.Waitlisted : ParticipantStatus.SignedUp, null, null)],
        },
        SignUpCancelled cancelled => state.With(cancelled.VolunteerId, participant => participant with { Status = ParticipantStatus.Cancelled }),
        WaitlistPromoted promoted => state.With(promoted.VolunteerId, participant => participant with { Status = ParticipantStatus.SignedUp }),
        CheckInCodeIssued issued => state with { CodeHash = issued.CodeHash },
        VolunteerCheckedIn checkedIn => state.With(checkedIn.VolunteerId, participant => participant with { CheckedInAt = checkedIn.CheckedInAt }),
        VolunteerCheckedOut checkedOut => state.With(checkedOut.VolunteerId, participant => participant with { CheckedOutAt = checkedOut.CheckedOutAt }),
        CheckOutsClosed closed => state with
        {
            Participants = [.. state.Participants.Select(participant => closed.VolunteerIds.Contains(participant.VolunteerId)
                ? participant with { CheckedOutAt = closed.ClosedAt, CheckOutClosed = true }
                : participant)],
        },
        WalkInLogged walkIn => state with
        {
            Participants = [.. state.Participants.Where(participant => participant.VolunteerId != walkIn.VolunteerId),
                new Participant(walkIn.VolunteerId, walkIn.Name, walkIn.Post, ParticipantStatus.WalkIn, walkIn.CheckedInAt, walkIn.CheckedOutAt)],
        },
        ServiceCredited credited => state with
        {
            Credited = true,
            Credits = credited.Credits.Aggregate(
                new Dictionary<string, ServiceCredit>(state.Credits), (credits, credit) => { credits[credit.VolunteerId] = credit; return credits; }),
            EntriesPosted = state.EntriesPosted + credited.Credits.Sum(credit => credit.Entries.Count),
        },
        CreditCorrected corrected => state with
        {
            Credits = new Dictionary<string, ServiceCredit>(state.Credits) { [corrected.Credit.VolunteerId] = corrected.Credit },
            EntriesPosted = state.EntriesPosted + corrected.Reversals.Count + corrected.Credit.Entries.Count,
        },
        ActivityCancelled => state with { Status = ActivityStatus.Cancelled },
        LateEntryRequested requested => state with
        {
            LateEntries = new Dictionary<string, LateEntry>(state.LateEntries)
            {
                [requested.VolunteerId] = new(requested.VolunteerId, requested.Name, requested.Minutes, requested.Reason, LateEntryStatus.Pending),
            },
        },
        LateEntryApproved approved => state with
        {
            LateEntries = new Dictionary<string, LateEntry>(state.LateEntries)
            {
                [approved.Credit.VolunteerId] = state.LateEntries[approved.Credit.VolunteerId] with { Status = LateEntryStatus.Approved },
            },
            Credits = new Dictionary<string, ServiceCredit>(state.Credits) { [approved.Credit.VolunteerId] = approved.Credit },
            EntriesPosted = state.EntriesPosted + approved.Credit.Entries.Count,
        },
        LateEntryRejected rejected => state with
        {
            LateEntries = new Dictionary<string, LateEntry>(state.LateEntries)
            {
                [rejected.VolunteerId] = state.LateEntries[rejected.VolunteerId] with { Status = LateEntryStatus.Rejected },
            },
        },
    };

    private Activity With(string volunteerId, Func<Participant, Participant> change) => this with
    {
        Participants = [.. Participants.Select(participant => participant.VolunteerId == volunteerId ? change(participant) : participant)],
    };
}

[ClosedHierarchy]
public abstract record ActivityEvent
{
    private protected ActivityEvent() { }
}

/// <param name="TeamId">Sign-up is for this team's members only; null for an activity open to every volunteer of the community.</param>
/// <param name="ServiceKind">The kind of service (服务积分制's 环境整治, 巡逻防控 …), for bonus points.</param>
/// <param name="Posts">The posts a volunteer fills (引导员, 巡逻岗 …); empty when everyone does the same.</param>
[EventType("volunteers.activity-scheduled.v1")]
public sealed record ActivityScheduled(
    string ActivityId, string Title, string? ServiceKind, string StreetId, string CommunityId, string? TeamId, ActivityPlace Place, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, int Capacity, IReadOnlyList<string> Posts, string? Description, string Actor, DateTimeOffset ScheduledAt) : ActivityEvent;

[EventType("volunteers.volunteer-signed-up.v1")]
public sealed record VolunteerSignedUp(
    string ActivityId, string VolunteerId, string Name, string? Post, bool Waitlisted, string Actor, DateTimeOffset SignedUpAt) : ActivityEvent;

[EventType("volunteers.sign-up-cancelled.v1")]
public sealed record SignUpCancelled(string ActivityId, string VolunteerId, string Actor, DateTimeOffset CancelledAt) : ActivityEvent;

/// <summary>The first on the waitlist took the place a cancellation freed.</summary>
[EventType("volunteers.waitlist-promoted.v1")]
public sealed record WaitlistPromoted(string ActivityId, string VolunteerId, string Actor, DateTimeOffset PromotedAt) : ActivityEvent;

/// <summary>The organizer showed a new check-in code at the place; only its hash is kept, so the history never reveals it.</summary>
[EventType("volunteers.check-in-code-issued.v1")]
public sealed record CheckInCodeIssued(string ActivityId, string CodeHash, string Actor, DateTimeOffset IssuedAt) : ActivityEvent;

[EventType("volunteers.volunteer-checked-in.v1")]
public sealed record VolunteerCheckedIn(string ActivityId, string VolunteerId, string Actor, DateTimeOffset CheckedInAt) : ActivityEvent;

[EventType("volunteers.volunteer-checked-out.v1")]
public sealed record VolunteerCheckedOut(string ActivityId, string VolunteerId, string Actor, DateTimeOffset CheckedOutAt) : ActivityEvent;

/// <summary>Check-outs still missing past the grace period closed themselves at the activity's end, flagged for the organizer.</summary>
[EventType("volunteers.check-outs-closed.v1")]
public sealed record CheckOutsClosed(string ActivityId, IReadOnlyList<string> VolunteerIds, DateTimeOffset ClosedAt, string Actor, DateTimeOffset At) : ActivityEvent;

/// <summary>The organizer logged a volunteer who came without signing up; capacity does not hold them back.</summary>
[EventType("volunteers.walk-in-logged.v1")]
public sealed record WalkInLogged(
    string ActivityId, string VolunteerId, string Name, string? Post, DateTimeOffset CheckedInAt, DateTimeOffset? CheckedOutAt, string Actor,
    DateTimeOffset LoggedAt) : ActivityEvent;

/// <summary>One action credited every attendee (some with nothing, and why), posting each one's double entries.</summary>
[EventType("volunteers.service-credited.v1")]
public sealed record ServiceCredited(string ActivityId, IReadOnlyList<ServiceCredit> Credits, string Actor, DateTimeOffset CreditedAt) : ActivityEvent;

/// <summary>A credit put right: its entries reversed, and the corrected credit posted anew. Nothing is deleted.</summary>
[EventType("volunteers.credit-corrected.v1")]
public sealed record CreditCorrected(
    string ActivityId, IReadOnlyList<LedgerEntry> Reversals, ServiceCredit Credit, string Reason, string Actor, DateTimeOffset CorrectedAt) : ActivityEvent;

[EventType("volunteers.late-entry-requested.v1")]
public sealed record LateEntryRequested(string ActivityId, string VolunteerId, string Name, int Minutes, string Reason, string Actor, DateTimeOffset RequestedAt)
    : ActivityEvent;

/// <summary>The organizer approved a 补录: it is credited as the organizer's word (组织者登记时长).</summary>
[EventType("volunteers.late-entry-approved.v1")]
public sealed record LateEntryApproved(string ActivityId, ServiceCredit Credit, string Actor, DateTimeOffset ApprovedAt) : ActivityEvent;

[EventType("volunteers.late-entry-rejected.v1")]
public sealed record LateEntryRejected(string ActivityId, string VolunteerId, string Reason, string Actor, DateTimeOffset RejectedAt) : ActivityEvent;

[EventType("volunteers.activity-cancelled.v1")]
public sealed record ActivityCancelled(string ActivityId, string Reason, string Actor, DateTimeOffset CancelledAt) : ActivityEvent;

public static class ActivityEventFacts
{
    public static DateTimeOffset At(this ActivityEvent @event) => @event switch
    {
        ActivityScheduled scheduled => scheduled.ScheduledAt,
        VolunteerSignedUp signedUp => signedUp.SignedUpAt,
        SignUpCancelled cancelled => cancelled.CancelledAt,
        WaitlistPromoted promoted => promoted.PromotedAt,
        CheckInCodeIssued issued => issued.IssuedAt,
        VolunteerCheckedIn checkedIn => checkedIn.CheckedInAt,
        VolunteerCheckedOut checkedOut => checkedOut.CheckedOutAt,
        CheckOutsClosed closed => closed.At,
        WalkInLogged walkIn => walkIn.LoggedAt,
        ServiceCredited credited => credited.CreditedAt,
        CreditCorrected corrected => corrected.CorrectedAt,
        ActivityCancelled cancelled => cancelled.CancelledAt,
        LateEntryRequested requested => requested.RequestedAt,
        LateEntryApproved approved => approved.ApprovedAt,
        LateEntryRejected rejected => rejected.RejectedAt,
    };

    /// <summary>The double entries an event posts, each once, for the ledger's lines.</summary>
    public static IReadOnlyList<LedgerEntry> Posted(this ActivityEvent @event) => @event switch
    {
        ServiceCredited credited => [.. credited.Credits.SelectMany(credit => credit.Entries)],
        CreditCorrected corrected => [.. corrected.Reversals, .. corrected.Credit.Entries],
        LateEntryApproved approved => approved.Credit.Entries,
        _ => [],
    };
}
