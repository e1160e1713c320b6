namespace Platform.Resources.Tests.Offers;

/// <summary>The offers the use-case tests start from: a member unit's 党群活动室 for 永兴路 and 兴华南里, one booking at a
/// time on Saturday mornings and afternoons and Wednesday evenings; and seed 001's 腊八粥, 450 bowls in all.</summary>
internal static class OfferGivens
{
    internal const string RoomId = "R20261201-000000000001";
    internal const string CongeeId = "R20261201-000000000002";
    internal const string UnitId = "u-yongxinglu-01";
    internal const string Actor = "yongxinglu-staff";

    /// <summary>A Monday.</summary>
    internal static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    internal static readonly DateOnly Saturday = new(2026, 12, 12);

    internal static readonly DeciderSpecification<OfferCommand, OfferEvent, Offer> Spec = new(OfferDecider.Decider, Actor, Now);

    internal static readonly ServedCommunity Yongxinglu = new("yongxinglu", "yongchang");
    internal static readonly ServedCommunity Xinghuananli = new("xinghuananli", "linxiaolu");

    internal static readonly BookingParty ForYongxinglu = new("yongchang", "yongxinglu", null);
    internal static readonly BookingParty ForXinghuananli = new("linxiaolu", "xinghuananli", null);

    internal static readonly OfferCapacity OneAtATime = new(1, "bookings", OfferCapacity.AtATime);

    internal static readonly Availability RoomHours = new(
        new(2026, 12, 1), new(2027, 6, 30),
        [
            new(DayOfWeek.Wednesday, new(19, 0), new(21, 0)),
            new(DayOfWeek.Saturday, new(9, 0), new(12, 0)),
            new(DayOfWeek.Saturday, new(14, 0), new(17, 0)),
        ],
        [new(2027, 1, 2)]);

    internal static OfferPublished RoomPublished() =>
        new(RoomId, UnitId, "永兴路社区卫生服务站", "党群活动室", "可容纳 40 人", "venue", "venue", "活动室", OneAtATime, RoomHours,
            [Yongxinglu, Xinghuananli], Actor, Now.AddDays(-6));

    internal static OfferPublished CongeePublished() =>
        new(CongeeId, "u-laodong", "老东粥皇", "腊八粥", "60 岁以上老人每人一碗", "materials", "elderly", "腊八粥", new(450, "servings", OfferCapacity.InTotal),
            new(new(2026, 12, 1), new(2027, 1, 31), [], []), [Yongxinglu], Actor, Now.AddDays(-6));

    internal static OfferBooked RoomBooked(string bookingId, BookingParty party, DateOnly date, int fromHour, int toHour) =>
        new(RoomId, UnitId, bookingId, party, date, new(fromHour, 0), new(toHour, 0), 1, "党员活动", Actor, Now.AddDays(-1));

    internal static OfferBooked CongeeBooked(string bookingId, decimal bowls, DateOnly date) =>
        new(CongeeId, "u-laodong", bookingId, ForYongxinglu, date, null, null, bowls, "腊八节送粥", Actor, Now.AddDays(-1));

    internal static BookOffer BookRoom(string bookingId, BookingParty party, DateOnly date, int fromHour, int toHour) =>
        new(bookingId, party, date, new(fromHour, 0), new(toHour, 0), 1, " 党员活动 ");
}
