using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Closing;

/// <summary>a need its whistle case holds.</summary>
public sealed class NeedHeldByCaseTests
{
    private static NeedResolved ResolvedByCase() => new(NeedId, "已疏通。", ResolutionSources.WhistleCase, "staff-community-1", Now.AddHours(-2));

    [Fact]
    public void A_need_resolved_by_its_open_case_cannot_be_closed_by_hand_but_closes_with_the_case() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new CloseNeed())
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void The_case_closing_closes_the_need_it_holds() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new CloseNeed(CaseId))
            .Then(new NeedClosed(NeedId, Actor, Now));

    [Fact]
    public void A_need_resolved_by_its_open_case_takes_its_feedback_only_from_the_case() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new RecordFeedback(true, true, null))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void A_need_resolved_by_its_open_case_is_not_reopened_by_hand_so_the_case_can_still_be_reopened() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new ReopenNeed("居民不满意"))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void A_need_resolved_by_its_open_case_cannot_be_resolved_again_by_the_community() =>
        Spec.Given(Raised(), Accepted(), Escalated())
            .When(new ResolveNeed("社区自行处理了", ResolutionSources.Community))
            .ThenThrows<RuleViolationException>();
}
