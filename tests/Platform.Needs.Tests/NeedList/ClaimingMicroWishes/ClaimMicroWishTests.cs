using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.ClaimingMicroWishes;

public sealed class ClaimMicroWishTests
{
    [Fact]
    public void Claiming_a_published_micro_wish_records_the_volunteer() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), new MicroWishPublished(NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", ThePlace, AcceptedAt))
            .When(new ClaimMicroWish("volunteer-1", "李四"))
            .Then(new MicroWishClaimed(NeedId, "volunteer-1", "李四", Now))
            .AndState(need => Assert.Equal("volunteer-1", need.ClaimedBy));

    [Fact]
    public void Claiming_again_by_the_same_volunteer_decides_nothing() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), new MicroWishClaimed(NeedId, "volunteer-1", "李四", Now.AddHours(-1)))
            .When(new ClaimMicroWish("volunteer-1", "李四"))
            .ThenNothing();

    [Fact]
    public void Claiming_a_closed_micro_wish_decides_nothing() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), Resolved(ResolutionSources.MicroWish), Feedback(), Closed())
            .When(new ClaimMicroWish("volunteer-1", "李四"))
            .ThenNothing();

    [Fact]
    public void Claiming_a_need_that_is_not_a_micro_wish_is_refused() =>
        Spec.Given(Raised("env"), Accepted()).When(new ClaimMicroWish("volunteer-1", "李四")).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_lapsed_claim_is_lifted_and_only_the_claim_it_names()
    {
        var claimed = new MicroWishClaimed(NeedId, "volunteer-1", "李四", Now.AddDays(-3));
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), claimed)
            .When(new LapseMicroWishClaim("volunteer-1", "李四认领后未按期实现。"))
            .Then(new MicroWishClaimLapsed(NeedId, "volunteer-1", "李四认领后未按期实现。", Now))
            .AndState(need => Assert.Null(need.ClaimedBy));
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), claimed, new MicroWishClaimed(NeedId, "volunteer-2", "王五", Now.AddDays(-1)))
            .When(new LapseMicroWishClaim("volunteer-1", "过期")).ThenNothing();
    }
}
