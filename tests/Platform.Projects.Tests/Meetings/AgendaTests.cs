using Platform.Projects.Meetings;
using static Platform.Projects.Tests.Meetings.CouncilGivens;

namespace Platform.Projects.Tests.Meetings;

/// <summary>The drafted agenda: the feedback list first, needs and topics by the day topics close (later ones wait for the
/// next meeting unless urgent), and the offers with room that can answer a need on the agenda.</summary>
public sealed class AgendaTests
{
    private static readonly DateTimeOffset HeldAt = Now.AddDays(20);
    private static readonly Meeting Meeting = CouncilDecider.Decider.Fold([Roster(Dianli), Scheduled("M1", 1, Dianli, HeldAt)]).Meeting("M1")!;

    private static NeedTopic Need(string id, string category, DateTimeOffset acceptedAt, bool urgent = false, string community = "yongxinglu") =>
        new(id, $"需求{id}", category, community, urgent, acceptedAt);

    [Fact]
    public void Needs_accepted_after_topics_close_wait_for_the_next_meeting_unless_urgent()
    {
        Assert.Equal(new DateOnly(2026, 12, 12), Meeting.TopicsCloseOn);
        var drafted = Agenda.Draft(Meeting, [],
            [Need("N1", "elderly", Now), Need("N2", "elderly", Now.AddDays(6)), Need("N3", "elderly", Now.AddDays(6), urgent: true)], []);

        Assert.Equal(["N1", "N3"], drafted.Items.Select(item => item.RefId));
        Assert.Equal(["N2"], drafted.Deferred.Select(item => item.RefId));
    }

    [Fact]
    public void The_feedback_list_comes_first_and_offers_follow_the_needs_they_can_answer()
    {
        var drafted = Agenda.Draft(Meeting, [new FeedbackTopic("M0-D1", 1, "连心亭建设", "进度 50%")],
            [Need("N1", "elderly", Now), Need("N2", "repair", Now, community: "fuminjie")],
            [
                new OfferTopic("R1", "助老陪诊", "elderly", ["yongxinglu"], "每时段 3 人", HasFree: true),
                new OfferTopic("R2", "助老陪诊（已约满）", "elderly", ["yongxinglu"], "尚余 0 份", HasFree: false),
                new OfferTopic("R3", "为老服务（他社区）", "elderly", ["fuminjie"], "每时段 3 人", HasFree: true),
            ]);

        Assert.Equal([(AgendaItem.Feedback, "M0-D1"), (AgendaItem.Need, "N1"), (AgendaItem.Need, "N2"), (AgendaItem.Offer, "R1")],
            drafted.Items.Select(item => (item.Kind, item.RefId)));
        Assert.Contains("可回应：需求N1", drafted.Items[^1].Detail);
    }

    [Fact]
    public void An_urgent_topic_raised_for_a_late_need_brings_the_need_onto_the_agenda_once()
    {
        var meeting = Meeting with { Topics = [new ProposedTopic("腊八粥进社区", "N2", Urgent: true, Now.AddDays(6))] };

        var drafted = Agenda.Draft(meeting, [], [Need("N2", "elderly", Now.AddDays(6))], []);

        Assert.Equal([(AgendaItem.Need, "N2", true)], drafted.Items.Select(item => (item.Kind, item.RefId, item.Urgent)));
        Assert.Empty(drafted.Deferred);
    }
}
