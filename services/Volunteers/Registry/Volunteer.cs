using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Volunteers.Registry;

/// <summary>Who serves, as 双报到 tells them apart (seed 002: 605 reported party members in 兴华南里; seed 004: more
/// than 100 regular and 300 occasional volunteers of 北街's 橙丝带 station, most of them not party members).</summary>
public static class VolunteerKinds
{
    /// <summary>在职党员: reports to the community where they live, and their employer hears of the service done.</summary>
    public const string InServiceMember = "in-service-member";

    /// <summary>离退休党员.</summary>
    public const string RetiredMember = "retired-member";

    /// <summary>群众志愿者: no party membership needed.</summary>
    public const string Resident = "resident";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [InServiceMember] = "在职党员", [RetiredMember] = "离退休党员", [Resident] = "群众志愿者",
    };

    public static bool IsPartyMember(string kind) => kind is InServiceMember or RetiredMember;
}

/// <summary>The volunteer's personal data, masked except to the community they serve and themselves.</summary>
public sealed record Person(string Name, string Phone, string? IdNumber);

/// <summary>An in-service member's employer (a unit of the org tree when it is one), which gets the quarterly record.</summary>
public sealed record Employer(string? UnitId, string Name);

/// <summary>What a member offers (技能、可服务时间) and the post the community sets (设岗定责).</summary>
public sealed record Offering(IReadOnlyList<string> Skills, string? AvailableTimes);

public enum VolunteerStatus
{
    None,
    Pending,
    Active,
    Left,
}

/// <summary>A volunteer or reported party member, as far as deciding what may happen next requires.</summary>
/// <param name="Redemptions">How many times the volunteer redeemed points, for the next redemption's id.</param>
/// <param name="CarriedOver">Whether the paper ledger's service before the platform was carried over (once only).</param>
public sealed record Volunteer(
    string VolunteerId, VolunteerStatus Status, string Name, string Kind, string StreetId, string CommunityId, string? Post, int Redemptions, bool CarriedOver)
{
    public static readonly Volunteer Initial = new("", VolunteerStatus.None, "", "", "", "", null, 0, false);

    public static string StreamId(string volunteerId) => $"volunteer-{volunteerId}";

    public static Volunteer Evolve(Volunteer state, VolunteerEvent @event) => @event switch
    {
        VolunteerRegistered registered => state with
        {
            VolunteerId = registered.VolunteerId, Status = VolunteerStatus.Pending, Name = registered.Person.Name, Kind = registered.Kind,
            StreetId = registered.StreetId, CommunityId = registered.CommunityId,
        },
        VolunteerReportConfirmed confirmed => state with { Status = VolunteerStatus.Active, Post = confirmed.Post },
        VolunteerLeft => state with { Status = VolunteerStatus.Left },
        PointsRedeemed => state with { Redemptions = state.Redemptions + 1 },
        ServiceCarriedOver => state with { CarriedOver = true },
    };
}

[ClosedHierarchy]
public abstract record VolunteerEvent
{
    private protected VolunteerEvent() { }
}

/// <param name="UserId">The login that is this volunteer (a volunteer or resident acting for themselves), if any.</param>
[EventType("volunteers.volunteer-registered.v1")]
public sealed record VolunteerRegistered(
    string VolunteerId, string Kind, Person Person, string StreetId, string CommunityId, string? BuildingId, Employer? Employer, Offering Offering,
    string? UserId, string Actor, DateTimeOffset RegisteredAt) : VolunteerEvent;

/// <summary>The community confirmed the report (报到) and set the post the member takes (设岗定责).</summary>
[EventType("volunteers.report-confirmed.v1")]
public sealed record VolunteerReportConfirmed(string VolunteerId, string Post, string? Duty, string Actor, DateTimeOffset ConfirmedAt) : VolunteerEvent;

[EventType("volunteers.volunteer-left.v1")]
public sealed record VolunteerLeft(string VolunteerId, string Reason, string Actor, DateTimeOffset LeftAt) : VolunteerEvent;

/// <summary>Points paid for a gift: the volunteer's account gives them back to the community's.</summary>
[EventType("volunteers.points-redeemed.v1")]
public sealed record PointsRedeemed(
    string VolunteerId, string RedemptionId, string GiftId, string GiftName, decimal Points, LedgerEntry Entry, string Actor, DateTimeOffset RedeemedAt) : VolunteerEvent;

/// <summary>The hours and points a volunteer had on the community's paper ledger (台账) when it moved onto the platform,
/// carried over as the organizer's word.</summary>
[EventType("volunteers.service-carried-over.v1")]
public sealed record ServiceCarriedOver(
    string VolunteerId, decimal Hours, decimal Points, string Reason, IReadOnlyList<LedgerEntry> Entries, string Actor, DateTimeOffset CarriedOverAt) : VolunteerEvent;

public static class VolunteerEventTimes
{
    public static DateTimeOffset At(this VolunteerEvent @event) => @event switch
    {
        VolunteerRegistered registered => registered.RegisteredAt,
        VolunteerReportConfirmed confirmed => confirmed.ConfirmedAt,
        VolunteerLeft left => left.LeftAt,
        PointsRedeemed redeemed => redeemed.RedeemedAt,
        ServiceCarriedOver carried => carried.CarriedOverAt,
    };

    /// <summary>The double entries an event posts on the volunteer's own stream, and what the statement calls them.</summary>
    public static IEnumerable<(LedgerEntry Entry, string SourceId, string Title)> Posted(this VolunteerEvent @event) => @event switch
    {
        PointsRedeemed redeemed => [(redeemed.Entry, redeemed.GiftId, $"兑换：{redeemed.GiftName}")],
        ServiceCarriedOver carried => carried.Entries.Select(entry => (entry, carried.VolunteerId, $"台账结转：{carried.Reason}")),
        _ => [],
    };
}
