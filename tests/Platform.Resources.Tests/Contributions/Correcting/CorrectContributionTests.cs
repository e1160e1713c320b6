using static Platform.Resources.Tests.Contributions.ContributionGivens;

namespace Platform.Resources.Tests.Contributions.Correcting;

public sealed class CorrectContributionTests
{
    [Fact]
    public void A_correction_reverses_the_standing_entry_and_posts_the_new_amount() =>
        Spec.Given(Reported(), Confirmed())
            .When(new CorrectContribution(120, " 实际送出 120 份 "))
            .Then(new ContributionCorrected(ContributionId, 120, "实际送出 120 份", Entry($"{ContributionId}-2", -150), Entry($"{ContributionId}-3", 120), Actor, Now))
            .AndState(contribution => Assert.Equal((120m, $"{ContributionId}-3"), (contribution.Amount, contribution.Standing!.EntryId)));

    [Fact]
    public void A_second_correction_reverses_the_first_ones_entry() =>
        Spec.Given(Reported(), Confirmed(),
                new ContributionCorrected(ContributionId, 120, "实际 120", Entry($"{ContributionId}-2", -150), Entry($"{ContributionId}-3", 120), Actor, Now))
            .When(new CorrectContribution(0, "重复登记，全部撤回"))
            .Then(new ContributionCorrected(ContributionId, 0, "重复登记，全部撤回", Entry($"{ContributionId}-4", -120), null, Actor, Now))
            .AndState(contribution => Assert.Null(contribution.Standing));

    [Fact]
    public void One_taken_to_zero_is_corrected_back_up_by_a_new_entry_alone() =>
        Spec.Given(Reported(), Confirmed(), new ContributionCorrected(ContributionId, 0, "撤回", Entry($"{ContributionId}-2", -150), null, Actor, Now))
            .When(new CorrectContribution(100, "核实后确有 100 份"))
            .Then(new ContributionCorrected(ContributionId, 100, "核实后确有 100 份", null, Entry($"{ContributionId}-3", 100), Actor, Now));

    [Fact]
    public void Only_a_confirmed_contribution_is_corrected_to_another_amount_with_a_reason()
    {
        Spec.Given(Reported()).When(new CorrectContribution(100, "改")).ThenThrows<RuleViolationException>();
        Spec.Given(Reported(), Confirmed()).When(new CorrectContribution(150, "")).ThenInvalid("amount", "reason");
        Spec.Given(Reported(), Confirmed()).When(new CorrectContribution(-1, "负数")).ThenInvalid("amount");
    }
}
