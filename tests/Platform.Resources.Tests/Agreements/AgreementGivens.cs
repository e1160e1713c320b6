namespace Platform.Resources.Tests.Agreements;

/// <summary>The agreement the use-case tests start from: 老东粥皇 and 永兴路社区, for 2026, with seed 001's 腊八粥
/// (at most 450 bowls a year) and two activities a quarter.</summary>
internal static class AgreementGivens
{
    internal const string AgreementId = "A20260101-000000000001";
    internal const string Actor = "yongxinglu-staff";

    internal static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    internal static readonly DeciderSpecification<AgreementCommand, AgreementEvent, Agreement> Spec = new(AgreementDecider.Decider, Actor, Now);

    internal static readonly AgreementParty Yongxinglu = new("yongchang", "yongxinglu");

    internal static readonly DateOnly StartsOn = new(2026, 1, 1);

    internal static readonly DateOnly EndsOn = new(2026, 12, 31);

    internal static readonly IReadOnlyList<Commitment> Promises =
    [
        new("腊八粥", "servings", 450, "year"),
        new("社区志愿服务活动", "activities", 2, "quarter"),
    ];

    internal static AgreementSigned Signed() =>
        new(AgreementId, "u-laodong", "老东粥皇", Yongxinglu, "爱心腊八粥共建协议", StartsOn, EndsOn, Promises, Actor, Now.AddMonths(-11));

    internal static SignAgreement ValidSign() =>
        new(AgreementId, "u-laodong", "老东粥皇", Yongxinglu, " 爱心腊八粥共建协议 ", StartsOn, EndsOn,
            [new(" 腊八粥 ", "servings", 450, "year"), new("社区志愿服务活动", "activities", 2, "quarter")]);
}
