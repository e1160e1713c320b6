using static Platform.Resources.Tests.Contributions.ContributionGivens;

namespace Platform.Resources.Tests.Contributions.Confirming;

public sealed class ConfirmContributionTests
{
    [Fact]
    public void Confirming_posts_one_entry_the_unit_gives_and_the_community_receives() =>
        Spec.Given(Reported())
            .When(new ConfirmContribution())
            .Then(Confirmed())
            .AndState(contribution => Assert.True(DoubleEntry.SumsToZero(contribution.Standing!)));

    [Fact]
    public void A_contribution_is_confirmed_once_and_a_declined_one_never() =>
        Assert.Multiple(
            () => Spec.Given(Reported(), Confirmed()).When(new ConfirmContribution()).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Reported(), new ContributionDeclined(ContributionId, "未收到", Actor, Now)).When(new ConfirmContribution())
                .ThenThrows<RuleViolationException>(),
            () => Spec.Given().When(new ConfirmContribution()).ThenThrows<NotFoundException>());
}
