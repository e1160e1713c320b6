using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.HandlingInCommunity;

public sealed class StartCommunityHandlingTests
{
    [Fact]
    public void Starting_community_handling_records_the_plan() =>
        Spec.Given(Raised(), Accepted())
            .When(new StartCommunityHandling(" 联系物业清运。 "))
            .Then(new CommunityHandlingStarted(NeedId, "联系物业清运。", Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.InCommunityHandling, need.Status));

    [Fact]
    public void Starting_community_handling_without_a_plan_is_invalid() =>
        Spec.Given(Raised(), Accepted()).When(new StartCommunityHandling(null)).ThenInvalid("plan");

    [Fact]
    public void Starting_community_handling_before_acceptance_is_refused() =>
        Spec.Given(Raised()).When(new StartCommunityHandling("计划")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Starting_community_handling_of_a_missing_need_is_not_found() =>
        Spec.Given().When(new StartCommunityHandling("计划")).ThenThrows<NotFoundException>();
}
