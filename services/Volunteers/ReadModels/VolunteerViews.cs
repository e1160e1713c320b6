using Platform.EventSourcing;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;

namespace Platform.Volunteers.ReadModels;

/// <summary>A volunteer as lists and their page show them; the person is kept whole here and masked on the way out.</summary>
public sealed record VolunteerView : IStreamView
{
    public string Id { get; init; } = "";
    public string Kind { get; init; } = "";
    public Person Person { get; init; } = new("", "", null);
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? BuildingId { get; init; }
    public Employer? Employer { get; init; }
    public Offering Offering { get; init; } = new([], null);
    public string? UserId { get; init; }
    public string Status { get; init; } = "";
    public string? Post { get; init; }
    public string? Duty { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? LeftAt { get; init; }
    public string? LeftReason { get; init; }
    public long Version { get; init; }

    public const string Pending = "pending";
    public const string Active = "active";
    public const string Left = "left";

    public static VolunteerView Apply(VolunteerView view, VolunteerEvent @event) => @event switch
    {
        VolunteerRegistered registered => view with
        {
            Id = registered.VolunteerId, Kind = registered.Kind, Person = registered.Person, StreetId = registered.StreetId,
            CommunityId = registered.CommunityId, BuildingId = registered.BuildingId, Employer = registered.Employer, Offering = registered.Offering,
            UserId = registered.UserId, Status = Pending, RegisteredAt = registered.RegisteredAt,
        },
        VolunteerReportConfirmed confirmed => view with { Status = Active, Post = confirmed.Post, Duty = confirmed.Duty, ConfirmedAt = confirmed.ConfirmedAt },
        VolunteerLeft left => view with { Status = Left, LeftAt = left.LeftAt, LeftReason = left.Reason },
    };
}

public sealed record TeamView : IStreamView
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? Description { get; init; }
    public string? LeaderId { get; init; }
    public IReadOnlyList<TeamMember> Members { get; init; } = [];
    public DateTimeOffset FormedAt { get; init; }
    public long Version { get; init; }

    public static TeamView Apply(TeamView view, TeamEvent @event) => @event switch
    {
        TeamFormed formed => view with
        {
            Id = formed.TeamId, Name = formed.Name, Kind = formed.Kind, StreetId = formed.StreetId, CommunityId = formed.CommunityId,
            Description = formed.Description, LeaderId = formed.LeaderId, Members = formed.Members, FormedAt = formed.FormedAt,
        },
        TeamMemberJoined joined => view with { Members = [.. view.Members, joined.Member] },
        TeamMemberLeft left => view with { Members = [.. view.Members.Where(member => member.VolunteerId != left.VolunteerId)] },
        TeamLeaderChanged changed => view with { LeaderId = changed.LeaderId },
    };
}

/// <summary>One line of an activity's roster as organizers read it: who, which post, where they stand, and what was credited.</summary>
public sealed record RosterLine(
    string VolunteerId, string Name, string? Post, string Status, DateTimeOffset SignedUpAt, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt,
    int? CreditedMinutes, decimal? CreditedPoints, string? CreditKind, string? CreditNote);

public sealed record ActivityView : IStreamView
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string? ServiceKind { get; init; }
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? TeamId { get; init; }
    public ActivityPlace Place { get; init; } = new("", null, null);
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int Capacity { get; init; }
    public IReadOnlyList<string> Posts { get; init; } = [];
    public string? Description { get; init; }
    public string Status { get; init; } = "";
    public IReadOnlyList<RosterLine> Roster { get; init; } = [];
    public DateTimeOffset? CodeIssuedAt { get; init; }
    public DateTimeOffset? CreditedAt { get; init; }
    public string? CancelReason { get; init; }
    public long Version { get; init; }

    public const string Scheduled = "scheduled";
    public const string Credited = "credited";
    public const string Cancelled = "cancelled";

    public const string SignedUp = "signed-up";
    public const string Waitlisted = "waitlisted";
    public const string Withdrawn = "cancelled";
    public const string WalkIn = "walk-in";

    public int Taken => Roster.Count(line => line.Status == SignedUp);

    public static ActivityView Apply(ActivityView view, ActivityEvent @event) => @event switch
    {
        ActivityScheduled scheduled => view with
        {
            Id = scheduled.ActivityId, Title = scheduled.Title, ServiceKind = scheduled.ServiceKind, StreetId = scheduled.StreetId,
            CommunityId = scheduled.CommunityId, TeamId = scheduled.TeamId, Place = scheduled.Place, StartsAt = scheduled.StartsAt,
            EndsAt = scheduled.EndsAt, Capacity = scheduled.Capacity, Posts = scheduled.Posts, Description = scheduled.Description, Status = Scheduled,
        },
        VolunteerSignedUp signedUp => view with
        {
            Roster = [.. view.Roster.Where(line => line.VolunteerId != signedUp.VolunteerId),
                new RosterLine(signedUp.VolunteerId, signedUp.Name, signedUp.Post, signedUp.Waitlisted ? Waitlisted : SignedUp, signedUp.SignedUpAt,
                    null, null, null, null, null, null)],
        },
        SignUpCancelled cancelled => view.With(cancelled.VolunteerId, line => line with { Status = Withdrawn }),
        WaitlistPromoted promoted => view.With(promoted.VolunteerId, line => line with { Status = SignedUp }),
        CheckInCodeIssued issued => view with { CodeIssuedAt = issued.IssuedAt },
        VolunteerCheckedIn checkedIn => view.With(checkedIn.VolunteerId, line => line with { CheckedInAt = checkedIn.CheckedInAt }),
        VolunteerCheckedOut checkedOut => view.With(checkedOut.VolunteerId, line => line with { CheckedOutAt = checkedOut.CheckedOutAt }),
        WalkInLogged walkIn => view with
        {
            Roster = [.. view.Roster.Where(line => line.VolunteerId != walkIn.VolunteerId),
                new RosterLine(walkIn.VolunteerId, walkIn.Name, walkIn.Post, WalkIn, walkIn.LoggedAt, walkIn.CheckedInAt, walkIn.CheckedOutAt,
                    null, null, null, null)],
        },
        ServiceCredited credited => credited.Credits.Aggregate(view with { Status = Credited, CreditedAt = credited.CreditedAt }, Credit),
        CreditCorrected corrected => Credit(view, corrected.Credit),
        ActivityCancelled cancelled => view with { Status = Cancelled, CancelReason = cancelled.Reason },
    };

    private static ActivityView Credit(ActivityView view, ServiceCredit credit) => view.With(credit.VolunteerId, line => line with
    {
        CheckedOutAt = line.CheckedOutAt ?? credit.ClosedAt, CreditedMinutes = credit.Minutes, CreditedPoints = credit.Points, CreditKind = credit.Kind,
        CreditNote = credit.Note,
    });

    private ActivityView With(string volunteerId, Func<RosterLine, RosterLine> change) => this with
    {
        Roster = [.. Roster.Select(line => line.VolunteerId == volunteerId ? change(line) : line)],
    };
}
