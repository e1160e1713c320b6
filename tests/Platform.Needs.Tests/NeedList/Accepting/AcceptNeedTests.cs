using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Accepting;

/// <summary>AcceptNeed: the handling deadline comes from the catalogue.</summary>
public sealed class AcceptNeedTests
{
    [Fact]
    public void Accepting_a_general_need_gives_it_168_hours() =>
        Spec.Given(Raised("env"))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "general", Now.AddHours(168), Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Accepted, need.Status);
                Assert.Equal(1, need.Round);
                Assert.Equal(Now.AddHours(168), need.HandleBy);
            });

    [Fact]
    public void Accepting_a_sewer_need_gives_it_the_utility_24_hours() =>
        Spec.Given(Raised("sewer"))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "utility", Now.AddHours(24), Actor, Now));

    [Fact]
    public void Accepting_an_emergency_gives_it_the_emergency_2_hours_whatever_its_category() =>
        Spec.Given(Raised("env", "emergency"))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "emergency", Now.AddHours(2), Actor, Now));

    [Fact]
    public void Accepting_with_an_explicit_handling_class_uses_that_class() =>
        Spec.Given(Raised("env"))
            .When(new AcceptNeed("complex"))
            .Then(new NeedAccepted(NeedId, "complex", Now.AddHours(360), Actor, Now));

    [Fact]
    public void Accepting_a_micro_wish_also_publishes_it() =>
        Spec.Given(Raised(Need.MicroWishCategory))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "general", Now.AddHours(168), Actor, Now), new MicroWishPublished(NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", ThePlace, Now));

    [Fact]
    public void Accepting_with_an_unknown_handling_class_is_invalid() =>
        Spec.Given(Raised()).When(new AcceptNeed("someday")).ThenThrows<InvalidCommandException>();

    [Fact]
    public void Accepting_with_an_unknown_handling_class_names_the_field() =>
        Spec.Given(Raised()).When(new AcceptNeed("someday")).ThenInvalid("handlingClass");

    [Fact]
    public void Accepting_a_need_twice_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new AcceptNeed(null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Accepting_a_missing_need_is_not_found() =>
        Spec.Given().When(new AcceptNeed(null)).ThenThrows<NotFoundException>();
}
