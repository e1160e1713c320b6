using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Closing;

public sealed class CloseNeedTests
{
    [Fact]
    public void Closing_a_resolved_need() =>
        Spec.Given(Raised(), Accepted(), Resolved(), Feedback())
            .When(new CloseNeed())
            .Then(new NeedClosed(NeedId, Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.Closed, need.Status));

    [Fact]
    public void Closing_an_unresolved_need_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new CloseNeed()).ThenThrows<RuleViolationException>();

    [Fact]
    public void Closing_a_missing_need_is_not_found() =>
        Spec.Given().When(new CloseNeed()).ThenThrows<NotFoundException>();
}
