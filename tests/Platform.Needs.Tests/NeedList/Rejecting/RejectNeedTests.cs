using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Rejecting;

public sealed class RejectNeedTests
{
    [Fact]
    public void Rejecting_a_raised_need_records_the_reason() =>
        Spec.Given(Raised())
            .When(new RejectNeed(" 不属于本社区 "))
            .Then(new NeedRejected(NeedId, "不属于本社区", Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.Rejected, need.Status));

    [Fact]
    public void Rejecting_an_accepted_need_is_allowed() =>
        Spec.Given(Raised(), Accepted()).When(new RejectNeed("重复")).Then(new NeedRejected(NeedId, "重复", Actor, Now));

    [Fact]
    public void Rejecting_without_a_reason_is_invalid() =>
        Spec.Given(Raised()).When(new RejectNeed("")).ThenInvalid("reason");

    [Fact]
    public void Rejecting_a_need_in_community_handling_is_refused() =>
        Spec.Given(Raised(), Accepted(), HandlingStarted()).When(new RejectNeed("晚了")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Rejecting_a_missing_need_is_not_found() =>
        Spec.Given().When(new RejectNeed("无")).ThenThrows<NotFoundException>();
}
