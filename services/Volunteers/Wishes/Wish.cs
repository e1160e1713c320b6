using Platform.EventSourcing;
using Platform.Kernel;
using Platform.Volunteers.Activities;

namespace Platform.Volunteers.Wishes;

/// <summary>Who took a wish on: a volunteer or party member, one of the community's teams, or a co-building unit.</summary>
public static class ClaimerKinds
{
    public const string Volunteer = "volunteer";
    public const string Team = "team";
    public const string Unit = "unit";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Volunteer] = "志愿者", [Team] = "服务队伍", [Unit] = "共建单位",
    };
}

public sealed record WishClaimer(string Kind, string Id, string Name);

/// <summary>A volunteer credited for fulfilling a wish, and the entries that carry it onto the ledgers.</summary>
public sealed record WishCredit(string VolunteerId, string Name, int Minutes, decimal Points, IReadOnlyList<LedgerEntry> Entries);

/// <summary>The photo that shows the wish fulfilled (kept by the attachments block, with its metadata stripped).</summary>
public sealed record WishPhoto(string AttachmentId, string FileName, string ContentType, long Size, string Sha256);

public enum WishStatus
{
    None,
    Open,
    Claimed,
    Fulfilled,
}

/// <summary>
/// A 微心愿 on the community's board (seed 003: 富民街's 300 wishes in three years), keyed by the need it came from.
/// It holds the wish, never the household: Needs keeps who asked, and the board shows the community and grid only.
/// </summary>
public sealed record Wish(
    string NeedId, WishStatus Status, string Title, string StreetId, string CommunityId, WishClaimer? Claimer, DateOnly? Deadline, int EntriesPosted)
{
    public static readonly Wish Initial = new("", WishStatus.None, "", "", "", null, null, 0);

    public static string StreamId(string needId) => $"wish-{needId}";

    public static Wish Evolve(Wish state, WishEvent @event) => @event switch
    {
        WishPosted posted => state with
        {
            NeedId = posted.NeedId, Status = WishStatus.Open, Title = posted.Title, StreetId = posted.StreetId, CommunityId = posted.CommunityId,
        },
        WishClaimed claimed => state with { Status = WishStatus.Claimed, Claimer = claimed.Claimer, Deadline = claimed.Deadline },
        WishReleased => state with { Status = WishStatus.Open, Claimer = null, Deadline = null },
        WishFulfilled fulfilled => state with
        {
            Status = WishStatus.Fulfilled, EntriesPosted = state.EntriesPosted + fulfilled.Credits.Sum(credit => credit.Entries.Count),
        },
    };
}

[ClosedHierarchy]
public abstract record WishEvent
{
    private protected WishEvent() { }
}

/// <param name="GridId">The grid the wish is in, so that its grid's members see it close by; never the building or address.</param>
[EventType("volunteers.wish-posted.v1")]
public sealed record WishPosted(
    string NeedId, string Title, string Description, string StreetId, string CommunityId, string? GridId, string Actor, DateTimeOffset PostedAt) : WishEvent;

/// <param name="Deadline">The last day to fulfil it; past it the wish goes back to the board.</param>
[EventType("volunteers.wish-claimed.v1")]
public sealed record WishClaimed(string NeedId, WishClaimer Claimer, DateOnly Deadline, string Actor, DateTimeOffset ClaimedAt) : WishEvent;

/// <summary>A claim lapsed (not fulfilled by its deadline) and the wish is back on the board; the community hears of it.</summary>
[EventType("volunteers.wish-released.v1")]
public sealed record WishReleased(string NeedId, WishClaimer Claimer, DateOnly Deadline, string Reason, string Actor, DateTimeOffset ReleasedAt) : WishEvent;

[EventType("volunteers.wish-fulfilled.v1")]
public sealed record WishFulfilled(
    string NeedId, WishClaimer Claimer, string Note, WishPhoto Photo, IReadOnlyList<WishCredit> Credits, string Actor, DateTimeOffset FulfilledAt) : WishEvent;

public static class WishEventFacts
{
    public static DateTimeOffset At(this WishEvent @event) => @event switch
    {
        WishPosted posted => posted.PostedAt,
        WishClaimed claimed => claimed.ClaimedAt,
        WishReleased released => released.ReleasedAt,
        WishFulfilled fulfilled => fulfilled.FulfilledAt,
    };

    public static IReadOnlyList<LedgerEntry> Posted(this WishEvent @event) =>
        @event is WishFulfilled fulfilled ? [.. fulfilled.Credits.SelectMany(credit => credit.Entries)] : [];

    /// <summary>The kind of service a fulfilled wish counts as, for the points bonus (服务积分制's 认领并实现微心愿).</summary>
    public const string ServiceKind = "wish-fulfilled";

    internal static string ServiceKindName => ServiceKinds.Names[ServiceKind];
}
