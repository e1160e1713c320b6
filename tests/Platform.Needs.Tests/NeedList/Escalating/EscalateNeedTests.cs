using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Escalating;

/// <summary>EscalateNeed (吹哨).</summary>
public sealed class EscalateNeedTests
{
    [Fact]
    public void Escalating_an_accepted_need_hands_it_to_the_case() =>
        Spec.Given(Raised(), Accepted())
            .When(new EscalateNeed(CaseId, WhistleLevels.District, false))
            .Then(new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.District, false, Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Escalated, need.Status);
                Assert.Equal(CaseId, need.CaseId);
                Assert.Null(need.HandleBy);
            });

    [Fact]
    public void Escalating_a_need_in_community_handling_is_allowed() =>
        Spec.Given(Raised(), Accepted(), HandlingStarted())
            .When(new EscalateNeed(CaseId, WhistleLevels.Street, false))
            .Then(new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, false, Actor, Now));

    [Fact]
    public void Escalating_a_micro_wish_is_refused() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted())
            .When(new EscalateNeed(CaseId, WhistleLevels.Street, false))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_a_need_not_yet_accepted_is_refused() =>
        Spec.Given(Raised()).When(new EscalateNeed(CaseId, WhistleLevels.Street, false)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_an_escalated_need_again_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new EscalateNeed("case-0002", WhistleLevels.Street, false)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_a_missing_need_is_not_found() =>
        Spec.Given().When(new EscalateNeed(CaseId, WhistleLevels.Street, false)).ThenThrows<NotFoundException>();
}
