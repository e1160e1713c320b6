using Platform.EventSourcing;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;

namespace Platform.Volunteers.ReadModels;

public sealed record RedemptionLine(string RedemptionId, string GiftId, string GiftName, decimal Points, DateTimeOffset RedeemedAt);

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
    public IReadOnlyList<RedemptionLine> Redemptions { get; init; } = [];
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
        ServiceCarriedOver => view,
        PointsRedeemed redeemed => view with
        {
            Redemptions = [.. view.Redemptions, new RedemptionLine(redeemed.RedemptionId, redeemed.GiftId, redeemed.GiftName, redeemed.Points, redeemed.RedeemedAt)],
        },
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

/// <summary>A 补录 as the organizer reviews it.</summary>
public sealed record LateEntryLine(string VolunteerId, string Name, int Minutes, string Reason, string Status, string? Answer);

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
    public IReadOnlyList<LateEntryLine> LateEntries { get; init; } = [];
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
        CheckOutsClosed closed => closed.VolunteerIds.Aggregate(view, (current, volunteerId) =>
            current.With(volunteerId, line => line with { CheckedOutAt = closed.ClosedAt, CreditNote = "未签退，已按活动结束时间自动签退" })),
        WalkInLogged walkIn => view with
        {
            Roster = [.. view.Roster.Where(line => line.VolunteerId != walkIn.VolunteerId),
                new RosterLine(walkIn.VolunteerId, walkIn.Name, walkIn.Post, WalkIn, walkIn.LoggedAt, walkIn.CheckedInAt, walkIn.CheckedOutAt,
                    null, null, null, null)],
        },
        ServiceCredited credited => credited.Credits.Aggregate(view with { Status = Credited, CreditedAt = credited.CreditedAt }, Credit),
        CreditCorrected corrected => Credit(view, corrected.Credit),
        ActivityCancelled cancelled => view with { Status = Cancelled, CancelReason = cancelled.Reason },
        LateEntryRequested requested => view with
        {
            LateEntries = [.. view.LateEntries.Where(entry => entry.VolunteerId != requested.VolunteerId),
                new LateEntryLine(requested.VolunteerId, requested.Name, requested.Minutes, requested.Reason, LatePending, null)],
        },
        LateEntryApproved approved => Credit(view.WithLate(approved.Credit.VolunteerId, LateApproved, null), approved.Credit),
        LateEntryRejected rejected => view.WithLate(rejected.VolunteerId, LateRejected, rejected.Reason),
    };

    private ActivityView WithLate(string volunteerId, string status, string? answer) => this with
    {
        LateEntries = [.. LateEntries.Select(entry => entry.VolunteerId == volunteerId ? entry with { Status = status, Answer = answer } : entry)],
    };

    public const string LatePending = "pending";
    public const string LateApproved = "approved";
    public const string LateRejected = "rejected";

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

/// <summary>A unit's report to its community; the community's name is filled in on the way out.</summary>
public sealed record UnitReportView : IStreamView
{
    public string UnitId { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? CommunityName { get; init; }
    public string PartyOrganization { get; init; } = "";
    public int PartyMembers { get; init; }
    public string Offering { get; init; } = "";
    public string Status { get; init; } = "";
    public string StatusName => Status == Confirmed ? "已确认" : "待社区确认";
    public string? Duty { get; init; }
    public DateTimeOffset ReportedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public long Version { get; init; }

    public const string Pending = "pending";
    public const string Confirmed = "confirmed";

    public static UnitReportView Apply(UnitReportView view, UnitReportEvent @event) => @event switch
    {
        UnitReported reported => view with
        {
            UnitId = reported.UnitId, UnitName = reported.UnitName, StreetId = reported.StreetId, CommunityId = reported.CommunityId,
            PartyOrganization = reported.PartyOrganization, PartyMembers = reported.PartyMembers, Offering = reported.Offering, Status = Pending,
            ReportedAt = reported.ReportedAt,
        },
        UnitReportConfirmed confirmed => view with { Status = Confirmed, Duty = confirmed.Duty, ConfirmedAt = confirmed.ConfirmedAt },
    };
}

public sealed record GiftView : IStreamView
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public decimal Points { get; init; }
    public int Stock { get; init; }
    public int Redeemed { get; init; }
    public long Version { get; init; }

    public static GiftView Apply(GiftView view, Redemption.GiftEvent @event) => @event switch
    {
        Redemption.GiftStocked stocked => view with
        {
            Id = stocked.GiftId, Name = stocked.Name, Kind = stocked.Kind, StreetId = stocked.StreetId, CommunityId = stocked.CommunityId, Points = stocked.Points,
            Stock = stocked.Quantity,
        },
        Redemption.GiftRestocked restocked => view with { Stock = view.Stock + restocked.Quantity },
        Redemption.GiftRedeemed => view with { Stock = view.Stock - 1, Redeemed = view.Redeemed + 1 },
    };
}

public sealed record VisitLine(DateOnly VisitedOn, string ByName, string WhatWasDone, DateTimeOffset RecordedAt);

public sealed record ColourChange(string From, string To, string Reason, DateTimeOffset ChangedAt);

/// <summary>A household's file as its community and responsible member read it; the newest visits first.</summary>
public sealed record HouseholdView : IStreamView
{
    public string Id { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? GridId { get; init; }
    public string? BuildingId { get; init; }
    public string Address { get; init; } = "";
    public Households.HouseholdHead? Head { get; init; }
    public IReadOnlyList<string> Groups { get; init; } = [];
    public string Colour { get; init; } = "";
    public Households.CareMember Member { get; init; } = new("", "");
    public DateOnly CareSince { get; init; }
    public DateOnly? LastVisitOn { get; init; }
    public DateOnly? OverdueNoticedFor { get; init; }
    public IReadOnlyList<VisitLine> Visits { get; init; } = [];
    public IReadOnlyList<ColourChange> ColourChanges { get; init; } = [];
    public long Version { get; init; }

    /// <summary>The visits a file keeps on its page; the history holds them all.</summary>
    public const int VisitsShown = 20;

    public static HouseholdView Apply(HouseholdView view, Households.HouseholdEvent @event) => @event switch
    {
        Households.HouseholdFiled filed => view with
        {
            Id = filed.HouseholdId, StreetId = filed.StreetId, CommunityId = filed.CommunityId, GridId = filed.GridId, BuildingId = filed.BuildingId,
            Address = filed.Address, Head = filed.Head, Groups = filed.Groups, Colour = filed.Colour, Member = filed.Member, CareSince = filed.FiledOn,
        },
        Households.HouseholdColourChanged changed => view with
        {
            Colour = changed.To, ColourChanges = [.. view.ColourChanges, new ColourChange(changed.From, changed.To, changed.Reason, changed.ChangedAt)],
        },
        Households.CareMemberChanged changed => view with { Member = changed.Member },
        Households.HouseholdVisited visited => view with
        {
            LastVisitOn = view.LastVisitOn is { } last && last > visited.VisitedOn ? last : visited.VisitedOn,
            Visits = [.. new[] { new VisitLine(visited.VisitedOn, visited.By.Name, visited.WhatWasDone, visited.RecordedAt) }.Concat(view.Visits)
                .OrderByDescending(visit => visit.VisitedOn).Take(VisitsShown)],
        },
        Households.VisitOverdueNoticed noticed => view with { OverdueNoticedFor = noticed.DueOn },
    };
}

/// <summary>A wish as the board shows it: what is wished, where (community and grid), and who took it on; never the household.</summary>
public sealed record WishView : IStreamView
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? GridId { get; init; }
    public string Status { get; init; } = "";
    public Wishes.WishClaimer? Claimer { get; init; }
    public DateOnly? Deadline { get; init; }
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? FulfilledAt { get; init; }
    public string? Note { get; init; }
    public Wishes.WishPhoto? Photo { get; init; }
    public IReadOnlyList<Wishes.WishCredit> Credits { get; init; } = [];

    /// <summary>Claims that lapsed before, so the community sees who promised and did not deliver.</summary>
    public int Lapses { get; init; }
    public long Version { get; init; }

    public const string Open = "open";
    public const string Claimed = "claimed";
    public const string Fulfilled = "fulfilled";

    public static WishView Apply(WishView view, Wishes.WishEvent @event) => @event switch
    {
        Wishes.WishPosted posted => view with
        {
            Id = posted.NeedId, Title = posted.Title, Description = posted.Description, StreetId = posted.StreetId, CommunityId = posted.CommunityId,
            GridId = posted.GridId, Status = Open, PostedAt = posted.PostedAt,
        },
        Wishes.WishClaimed claimed => view with { Status = Claimed, Claimer = claimed.Claimer, Deadline = claimed.Deadline, ClaimedAt = claimed.ClaimedAt },
        Wishes.WishReleased => view with { Status = Open, Claimer = null, Deadline = null, ClaimedAt = null, Lapses = view.Lapses + 1 },
        Wishes.WishFulfilled fulfilled => view with
        {
            Status = Fulfilled, FulfilledAt = fulfilled.FulfilledAt, Note = fulfilled.Note, Photo = fulfilled.Photo, Credits = fulfilled.Credits,
        },
    };
}
