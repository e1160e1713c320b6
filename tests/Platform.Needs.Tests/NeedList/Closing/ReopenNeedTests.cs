using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Closing;

public sealed class ReopenNeedTests
{
    [Fact]
    public void Reopening_a_closed_need_starts_a_new_round_with_a_new_deadline_of_its_class() =>
        Spec.Given(Raised("sewer"), Accepted("utility", 24), Resolved(), Feedback(false, false), Closed())
            .When(new ReopenNeed(" 又堵了 "))
            .Then(new NeedReopened(NeedId, "又堵了", Now.AddHours(24), Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Accepted, need.Status);
                Assert.Equal(2, need.Round);
                Assert.False(need.OverdueInRound);
                Assert.False(need.FeedbackGiven);
                Assert.Equal(Now.AddHours(24), need.HandleBy);
            });

    [Fact]
    public void Reopening_a_resolved_need_is_allowed() =>
        Spec.Given(Raised(), Accepted(), Resolved())
            .When(new ReopenNeed("没清干净"))
            .Then(new NeedReopened(NeedId, "没清干净", Now.AddHours(168), Actor, Now));

    [Fact]
    public void Reopening_without_a_reason_is_invalid() =>
        Spec.Given(Raised(), Accepted(), Resolved()).When(new ReopenNeed(null)).ThenInvalid("reason");

    [Fact]
    public void Reopening_an_open_need_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new ReopenNeed("再办")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Reopening_a_missing_need_is_not_found() =>
        Spec.Given().When(new ReopenNeed("再办")).ThenThrows<NotFoundException>();
}
