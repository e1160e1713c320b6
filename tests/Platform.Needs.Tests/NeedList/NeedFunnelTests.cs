using Platform.Needs.NeedList;

namespace Platform.Needs.Tests.NeedList;

public sealed class NeedFunnelTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(8));

    private static IReadOnlyList<string> Reached(params NeedEvent[] events) =>
        events.Aggregate((IReadOnlyList<string>)[], NeedFunnel.After);

    [Fact]
    public void A_need_taken_on_whistled_and_resolved_has_reached_those_stages_in_the_funnels_order()
    {
        var reached = Reached(
            new NeedAccepted("N1", "general", At.AddDays(7), "社区", At),
            new NeedEscalatedByWhistle("N1", "C1", "street", false, "社区", At.AddDays(1)),
            new NeedResolved("N1", "已疏通", "case", "城管科", At.AddDays(3)));

        Assert.Equal([NeedFunnel.Accepted, NeedFunnel.Whistled, NeedFunnel.Resolved], reached);
    }

    [Fact]
    public void A_reopened_need_is_no_longer_resolved_but_stays_taken_on_and_whistled()
    {
        var reached = Reached(
            new NeedAccepted("N1", "general", At.AddDays(7), "社区", At),
            new NeedEscalatedByWhistle("N1", "C1", "street", false, "社区", At.AddDays(1)),
            new NeedResolved("N1", "已疏通", "case", "城管科", At.AddDays(3)),
            new NeedReopened("N1", "又堵了", At.AddDays(12), "社区", At.AddDays(5)));

        Assert.Equal([NeedFunnel.Accepted, NeedFunnel.Whistled], reached);
    }

    [Fact]
    public void A_need_matched_to_a_project_and_given_back_has_still_reached_the_project_stage()
    {
        var reached = Reached(
            new NeedAccepted("N1", "general", At.AddDays(7), "社区", At),
            new NeedMatchedToProject("N1", "P1", "加装电梯", At.AddDays(2)),
            new NeedReturnedFromProject("N1", "P1", "加装电梯", "联席会议撤销", At.AddDays(20), "联席会议", At.AddDays(9)));

        Assert.Equal([NeedFunnel.Accepted, NeedFunnel.Project], reached);
    }

    [Fact]
    public void A_rejected_need_reached_no_stage_beyond_being_raised()
    {
        Assert.Empty(Reached(new NeedRejected("N1", "不属于社区职责", "社区", At)));
    }
}
