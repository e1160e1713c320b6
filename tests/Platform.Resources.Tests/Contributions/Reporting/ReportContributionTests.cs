using static Platform.Resources.Tests.Contributions.ContributionGivens;

namespace Platform.Resources.Tests.Contributions.Reporting;

public sealed class ReportContributionTests
{
    private static ReportContribution Valid() =>
        new(ContributionId, "u-laodong", "老东粥皇", Yongxinglu, Terms, " 腊八粥 ", " 腊八粥 ", "servings", 150, Given);

    [Fact]
    public void A_unit_reports_what_it_gave_against_a_commitment_and_nothing_is_posted_yet() =>
        Spec.Given()
            .When(Valid())
            .Then(Reported() with { ReportedAt = Now })
            .AndState(contribution => Assert.Null(contribution.Standing));

    [Fact]
    public void A_contribution_outside_any_agreement_counts_against_nothing() =>
        Spec.Given()
            .When(Valid() with { Agreement = null, Commitment = null, What = "重阳节慰问品", Measure = "items", Amount = 40 })
            .Then(new ContributionReported(ContributionId, "u-laodong", "老东粥皇", Yongxinglu, null, "重阳节慰问品", "items", 40, Given, Actor, Now));

    [Fact]
    public void A_commitment_the_agreement_lacks_or_counted_in_another_measure_is_named()
    {
        Spec.Given().When(Valid() with { Commitment = "年夜饭" }).ThenInvalid("commitment");
        Spec.Given().When(Valid() with { Measure = "yuan" }).ThenInvalid("measure");
    }

    [Fact]
    public void A_future_date_a_date_outside_the_term_and_no_amount_are_named()
    {
        Spec.Given().When(Valid() with { OccurredOn = new(2026, 12, 8), Amount = 0 }).ThenInvalid("occurredOn", "amount");
        Spec.Given().When(Valid() with { OccurredOn = new(2025, 12, 31) }).ThenInvalid("occurredOn");
    }
}
