namespace Platform.Resources.Tests.Units;

/// <summary>The events and commands the unit use-case tests start from: 老东粥皇, which serves 永兴路 (seed 001).</summary>
internal static class UnitGivens
{
    internal const string UnitId = "u-laodong";
    internal const string Actor = "yongxinglu-staff";

    internal static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    internal static readonly DeciderSpecification<UnitCommand, UnitEvent, CoBuildingUnit> Spec = new(UnitDecider.Decider, Actor, Now);

    internal static readonly ServedCommunity Yongxinglu = new("yongxinglu", "yongchang");

    internal static readonly ServedCommunity Xinghuananli = new("xinghuananli", "linxiaolu");

    internal static readonly Liaison GaoHaoran = new("高浩然", "13800000074", "党建联络人");

    internal static UnitJoined Joined() =>
        new(UnitId, "老东粥皇", UnitKinds.Signed, GaoHaoran, [Yongxinglu], Actor, Now.AddDays(-30));

    internal static UnitLeft Left() => new(UnitId, "门店搬迁", Actor, Now.AddDays(-1));

    internal static JoinUnit ValidJoin() =>
        new(UnitId, " 老东粥皇 ", UnitKinds.Signed, new Liaison(" 高浩然 ", " 13800000074 ", " 党建联络人 "), [Yongxinglu]);
}
