using static Platform.Resources.Tests.Units.UnitGivens;

namespace Platform.Resources.Tests.Units.ChangingCommunities;

public sealed class ChangeCommunitiesTests
{
    [Fact]
    public void A_unit_takes_on_another_community() =>
        Spec.Given(Joined())
            .When(new ChangeCommunities([Yongxinglu, Xinghuananli]))
            .Then(new UnitCommunitiesChanged(UnitId, [Yongxinglu, Xinghuananli], Actor, Now))
            .AndState(unit => Assert.Equal([Yongxinglu, Xinghuananli], unit.Communities));

    [Fact]
    public void The_same_list_again_changes_nothing() =>
        Spec.Given(Joined()).When(new ChangeCommunities([Yongxinglu])).ThenNothing();

    [Fact]
    public void A_unit_serves_at_least_one_community() =>
        Spec.Given(Joined()).When(new ChangeCommunities([])).ThenInvalid("communityIds");

    [Fact]
    public void A_unit_that_left_serves_no_one() =>
        Spec.Given(Joined(), Left()).When(new ChangeCommunities([Xinghuananli])).ThenThrows<RuleViolationException>();
}
