using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Escalating;

/// <summary>MarkNeedOverdue: the community's time limit.</summary>
public sealed class MarkNeedOverdueTests
{
    [Fact]
    public void An_overdue_accepted_need_is_escalated_to_the_street_automatically() =>
        Spec.Given(Raised(), Accepted())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .Then(
                new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now),
                new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, true, Actor, Now))
            .AndState(need =>
            {
                Assert.True(need.OverdueInRound);
                Assert.Equal(NeedStatus.Escalated, need.Status);
            });

    [Fact]
    public void An_overdue_need_in_community_handling_is_escalated_too() =>
        Spec.Given(Raised(), Accepted(), HandlingStarted())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .Then(
                new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now),
                new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, true, Actor, Now));

    [Fact]
    public void An_overdue_micro_wish_is_recorded_but_not_escalated() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .Then(new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now))
            .AndState(need => Assert.Equal(NeedStatus.Accepted, need.Status));

    [Fact]
    public void A_deadline_of_another_round_decides_nothing() =>
        Spec.Given(Raised(), Accepted())
            .When(new MarkNeedOverdue(2, AcceptedAt.AddHours(168), CaseId))
            .ThenNothing();

    [Fact]
    public void A_deadline_already_marked_overdue_decides_nothing() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now.AddMinutes(-5)))
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .ThenNothing();

    [Fact]
    public void A_deadline_of_a_need_already_escalated_decides_nothing() =>
        Spec.Given(Raised(), Accepted(), Escalated())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), "case-0002"))
            .ThenNothing();

    [Fact]
    public void A_deadline_of_a_resolved_need_decides_nothing() =>
        Spec.Given(Raised(), Accepted(), Resolved())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .ThenNothing();

    [Fact]
    public void A_deadline_of_the_round_before_a_reopen_decides_nothing_but_the_new_round_does()
    {
        var reopened = new NeedReopened(NeedId, "又满了", Now.AddHours(10), "staff-community-1", Now.AddHours(-158));
        NeedEvent[] history = [Raised(), Accepted(), Resolved(), Feedback(), Closed(), reopened];

        Spec.Given(history).When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId)).ThenNothing();
        Spec.Given(history)
            .When(new MarkNeedOverdue(2, Now.AddHours(10), CaseId), at: Now.AddHours(10))
            .Then(
                new NeedOverdue(NeedId, Now.AddHours(10), Now.AddHours(10)),
                new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, true, Actor, Now.AddHours(10)));
    }

    [Fact]
    public void A_deadline_of_a_missing_need_decides_nothing() =>
        Spec.Given().When(new MarkNeedOverdue(1, Now, CaseId)).ThenNothing();
}
