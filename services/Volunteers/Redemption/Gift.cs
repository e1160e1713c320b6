using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Volunteers.Redemption;

/// <summary>What points buy at year end (seed 003: 富民街's 服务积分制 trades points for gifts and honour certificates).</summary>
public static class GiftKinds
{
    public const string Gift = "gift";
    public const string Honour = "honour";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Gift] = "礼品", [Honour] = "荣誉证书",
    };
}

public enum GiftStatus
{
    None,
    Stocked,
}

/// <summary>A community's gift and its stock, which never goes below zero: every redemption takes one on the gift's own stream.</summary>
public sealed record Gift(string GiftId, GiftStatus Status, string Name, string StreetId, string CommunityId, decimal Points, int Stock)
{
    public static readonly Gift Initial = new("", GiftStatus.None, "", "", "", 0, 0);

    public static string StreamId(string giftId) => $"gift-{giftId}";

    public static Gift Evolve(Gift state, GiftEvent @event) => @event switch
    {
        GiftStocked stocked => state with
        {
            GiftId = stocked.GiftId, Status = GiftStatus.Stocked, Name = stocked.Name, StreetId = stocked.StreetId, CommunityId = stocked.CommunityId,
            Points = stocked.Points, Stock = stocked.Quantity,
        },
        GiftRestocked restocked => state with { Stock = state.Stock + restocked.Quantity },
        GiftRedeemed => state with { Stock = state.Stock - 1 },
    };
}

[ClosedHierarchy]
public abstract record GiftEvent
{
    private protected GiftEvent() { }
}

[EventType("volunteers.gift-stocked.v1")]
public sealed record GiftStocked(
    string GiftId, string Name, string Kind, decimal Points, int Quantity, string StreetId, string CommunityId, string Actor, DateTimeOffset StockedAt) : GiftEvent;

[EventType("volunteers.gift-restocked.v1")]
public sealed record GiftRestocked(string GiftId, int Quantity, string Actor, DateTimeOffset RestockedAt) : GiftEvent;

/// <summary>One of the gift went to a volunteer, whose points paid for it on their own stream in the same transaction.</summary>
[EventType("volunteers.gift-redeemed.v1")]
public sealed record GiftRedeemed(string GiftId, string RedemptionId, string VolunteerId, string Name, string Actor, DateTimeOffset RedeemedAt) : GiftEvent;

public static class GiftEventTimes
{
    public static DateTimeOffset At(this GiftEvent @event) => @event switch
    {
        GiftStocked stocked => stocked.StockedAt,
        GiftRestocked restocked => restocked.RestockedAt,
        GiftRedeemed redeemed => redeemed.RedeemedAt,
    };
}
