using static Platform.Resources.Tests.Contributions.ContributionGivens;

namespace Platform.Resources.Tests.Contributions.Declining;

public sealed class DeclineContributionTests
{
    [Fact]
    public void A_report_the_community_cannot_confirm_is_declined_with_a_reason_and_posts_nothing() =>
        Spec.Given(Reported())
            .When(new DeclineContribution(" 社区未收到该批物资 "))
            .Then(new ContributionDeclined(ContributionId, "社区未收到该批物资", Actor, Now))
            .AndState(contribution => Assert.Equal((ContributionStatus.Declined, null), (contribution.Status, contribution.Standing)));

    [Fact]
    public void Declining_needs_a_reason_and_a_confirmed_contribution_is_corrected_instead()
    {
        Spec.Given(Reported()).When(new DeclineContribution("")).ThenInvalid("reason");
        Spec.Given(Reported(), Confirmed()).When(new DeclineContribution("记错了")).ThenThrows<RuleViolationException>();
    }
}
