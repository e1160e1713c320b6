using static Platform.Resources.Tests.Agreements.AgreementGivens;

namespace Platform.Resources.Tests.Agreements.Reporting;

public sealed class ReportQuarterTests
{
    [Fact]
    public void A_quarter_is_reported_once() =>
        Spec.Given(Signed())
            .When(new ReportQuarter("2026-Q4", " 腊八节前备料，社区活动 2 次 "))
            .Then(new QuarterReported(AgreementId, "2026-Q4", "腊八节前备料，社区活动 2 次", Actor, Now))
            .AndState(agreement => Assert.Equal(["2026-Q4"], agreement.ReportedQuarters));

    [Fact]
    public void The_same_quarter_twice_is_refused() =>
        Spec.Given(Signed(), new QuarterReported(AgreementId, "2026-Q3", "活动 2 次", Actor, Now))
            .When(new ReportQuarter("2026-Q3", "再报一次"))
            .ThenInvalid("quarter");

    [Theory]
    [InlineData("2027-Q1")]
    [InlineData("2025-Q4")]
    [InlineData("2026-Q5")]
    [InlineData("2026Q1")]
    public void A_quarter_outside_the_term_or_not_yet_begun_or_misspelt_is_refused(string quarter) =>
        Spec.Given(Signed()).When(new ReportQuarter(quarter, "情况")).ThenInvalid("quarter");
}
