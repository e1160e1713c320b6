namespace Platform.Resources.Tests.Contributions;

/// <summary>The contribution the use-case tests start from: seed 001's 老东粥皇 gives 永兴路 150 bowls of 腊八粥,
/// delivering on its agreement's 450 bowls a year.</summary>
internal static class ContributionGivens
{
    internal const string ContributionId = "G20261207-000000000001";
    internal const string Actor = "yongxinglu-staff";

    internal static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    internal static readonly DeciderSpecification<ContributionCommand, ContributionEvent, Contribution> Spec = new(ContributionDecider.Decider, Actor, Now);

    internal static readonly ContributionParty Yongxinglu = new("yongchang", "yongxinglu");

    internal static readonly AgreementTerms Terms = new(
        "A20260101-000000000001", new(2026, 1, 1), new(2026, 12, 31), [new("腊八粥", "servings", 450, "year"), new("社区志愿服务活动", "activities", 2, "quarter")]);

    internal static readonly CommitmentRef Congee = new(Terms.AgreementId, "腊八粥");

    internal static readonly DateOnly Given = new(2026, 12, 5);

    internal static ContributionReported Reported(decimal bowls = 150) =>
        new(ContributionId, "u-laodong", "老东粥皇", Yongxinglu, Congee, "腊八粥", "servings", bowls, Given, Actor, Now.AddDays(-1));

    internal static LedgerEntry Entry(string entryId, decimal bowls) =>
        new(entryId, LedgerKinds.Items, [new LedgerLine("unit:u-laodong", -bowls), new LedgerLine("community:yongxinglu", bowls)]);

    internal static ContributionConfirmed Confirmed(decimal bowls = 150) =>
        new(ContributionId, "u-laodong", Yongxinglu, Congee, "servings", bowls, Given, Entry($"{ContributionId}-1", bowls), Actor, Now);
}
