using Platform.Projects.Meetings;
using static Platform.Projects.Tests.Meetings.CouncilGivens;

namespace Platform.Projects.Tests.Meetings;

public sealed class CouncilDeciderTests
{
    [Fact]
    public void A_roster_names_each_member_unit_once() =>
        Assert.Multiple(
            () => Spec.Given().When(new SetRoster(Yongxinglu, [Dianli, Yiyuan])).Then(new RosterSet(Yongxinglu, [Dianli, Yiyuan], Actor, Now)),
            () => Spec.Given().When(new SetRoster(Yongxinglu, [])).ThenInvalid("unitIds"),
            () => Spec.Given().When(new SetRoster(Yongxinglu, [Dianli, Dianli])).ThenInvalid("unitIds"));

    [Fact]
    public void The_chair_passes_to_the_next_member_and_wraps_round()
    {
        Assert.Equal(Dianli, Council.NextChair([Dianli, Yiyuan, Laodong], null));
        Assert.Equal(Yiyuan, Council.NextChair([Dianli, Yiyuan, Laodong], Dianli.UnitId));
        Assert.Equal(Dianli, Council.NextChair([Dianli, Yiyuan, Laodong], Laodong.UnitId));
        Assert.Equal(Dianli, Council.NextChair([Dianli, Yiyuan], Laodong.UnitId));
        Assert.Null(Council.NextChair([], Dianli.UnitId));
    }

    [Fact]
    public void Scheduling_gives_the_incoming_chair_the_preparation_and_closes_topics_15_days_before()
    {
        var heldAt = Now.AddDays(20);
        Spec.Given(Roster(Dianli, Yiyuan), Scheduled("M1", 1, Dianli, Now.AddDays(-30)), Opened("M1", Now.AddDays(-30)),
                new MinutesClosed("M1", "纪要", Actor, Now.AddDays(-29)))
            .When(new ScheduleMeeting("M2", Yongxinglu, heldAt, "永兴路社区党群服务中心", 15))
            .Then(new MeetingScheduled(Yongxinglu, "M2", 2, heldAt, "永兴路社区党群服务中心", Yiyuan, new DateOnly(2026, 12, 12),
                [
                    new PreparationTask("征集议题：需求、资源与上次决定的落实情况", new DateOnly(2026, 12, 12)),
                    new PreparationTask("审定议程并送成员单位", new DateOnly(2026, 12, 24)),
                    new PreparationTask("通知成员单位与列席人员", new DateOnly(2026, 12, 26)),
                ], Actor, Now));
    }

    [Fact]
    public void A_meeting_needs_a_roster_a_time_ahead_and_no_other_meeting_waiting() =>
        Assert.Multiple(
            () => Spec.Given().When(new ScheduleMeeting("M1", Yongxinglu, Now.AddDays(3), "会议室", 15)).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Roster(Dianli)).When(new ScheduleMeeting("M1", Yongxinglu, Now.AddDays(-1), "会议室", 15)).ThenInvalid("heldAt"),
            () => Spec.Given(Roster(Dianli)).When(new ScheduleMeeting("M1", Yongxinglu, Now.AddDays(3), " ", 15)).ThenInvalid("place"),
            () => Spec.Given(Roster(Dianli), Scheduled("M1", 1, Dianli, Now.AddDays(3)))
                .When(new ScheduleMeeting("M2", Yongxinglu, Now.AddDays(30), "会议室", 15)).ThenThrows<RuleViolationException>());

    [Fact]
    public void A_meeting_opens_on_its_day_with_its_agenda_fixed_and_not_before_the_last_minutes_are_closed()
    {
        var agenda = new DraftedAgenda([LianxintingFeedback], []);
        Spec.Given(FirstMeetingHeldAndSecondScheduled())
            .When(new OpenMeeting("M2", agenda, [new Attendee("区中医医院", Yiyuan.UnitId)]))
            .Then(new MeetingOpened("M2", [LianxintingFeedback], [], [new Attendee("区中医医院", Yiyuan.UnitId)], Actor, Now));
        Spec.Given(Roster(Dianli, Yiyuan), Scheduled("M1", 1, Dianli, Now.AddDays(-30)), Opened("M1", Now.AddDays(-30)), Scheduled("M2", 2, Yiyuan, Now))
            .When(new OpenMeeting("M2", agenda, [new Attendee("区中医医院", null)])).ThenThrows<RuleViolationException>();
        Spec.Given(Roster(Dianli), Scheduled("M1", 1, Dianli, Now.AddDays(2)))
            .When(new OpenMeeting("M1", agenda, [new Attendee("区中医医院", null)])).ThenThrows<RuleViolationException>();
        Spec.Given(FirstMeetingHeldAndSecondScheduled()).When(new OpenMeeting("M2", agenda, [])).ThenInvalid("attendees");
    }

    [Fact]
    public void Topics_are_proposed_before_the_meeting_opens() =>
        Assert.Multiple(
            () => Spec.Given(FirstMeetingHeldAndSecondScheduled()).When(new ProposeTopic("M2", "腊八粥进社区", null, Urgent: true))
                .Then(new TopicProposed("M2", "腊八粥进社区", null, true, Actor, Now)),
            () => Spec.Given([.. FirstMeetingHeldAndSecondScheduled(), Opened("M2", Now)]).When(new ProposeTopic("M2", "腊八粥进社区", null, false))
                .ThenThrows<RuleViolationException>());

    [Fact]
    public void The_minutes_record_decisions_numbered_within_the_meeting() =>
        Spec.Given([.. FirstMeetingHeldAndSecondScheduled(), Opened("M2", Now)])
            .When(new RecordDecision("M2", MeetingDecision.Project, "党群服务驿站", "P2", new DateOnly(2027, 3, 31), null))
            .Then(new DecisionRecorded("M2", ProjectDecision("M2", 1, "P2", "党群服务驿站"), null, Actor, Now));

    [Fact]
    public void Every_earlier_open_decision_is_reviewed_with_a_reason_before_the_minutes_close()
    {
        CouncilEvent[] open = [.. FirstMeetingHeldAndSecondScheduled(), Opened("M2", Now, LianxintingFeedback)];
        Spec.Given(open).When(new CloseMinutes("M2", "纪要")).ThenThrows<RuleViolationException>();
        Spec.Given(open).When(new ReviewDecision("M2", "M1-D1", DecisionReview.Done, "已完工", null, ProjectCompleted: false)).ThenThrows<RuleViolationException>();
        Spec.Given(open).When(new ReviewDecision("M2", "M1-D1", DecisionReview.Continue, "材料未到", null, false)).ThenInvalid("newDueOn");
        Spec.Given(open).When(new ReviewDecision("M2", "M9-D1", DecisionReview.Drop, "不再需要", null, null)).ThenThrows<InvalidReferenceException>();
        var reviewed = new DecisionReviewed("M2", "连心亭建设", new DecisionReview("M1-D1", DecisionReview.Continue, "材料未到", new DateOnly(2027, 1, 31)), Actor, Now);
        Spec.Given(open).When(new ReviewDecision("M2", "M1-D1", DecisionReview.Continue, "材料未到", new DateOnly(2027, 1, 31), false)).Then(reviewed);
        Spec.Given([.. open, reviewed]).When(new ReviewDecision("M2", "M1-D1", DecisionReview.Drop, "撤销", null, false)).ThenThrows<RuleViolationException>();
        Spec.Given([.. open, reviewed]).When(new CloseMinutes("M2", "继续推进连心亭。")).Then(new MinutesClosed("M2", "继续推进连心亭。", Actor, Now));
    }

    [Fact]
    public void A_decision_settled_as_done_leaves_the_feedback_list_and_one_to_continue_stays()
    {
        var council = CouncilDecider.Decider.Fold([
            .. FirstMeetingHeldAndSecondScheduled(), Opened("M2", Now, LianxintingFeedback),
            new DecisionReviewed("M2", "连心亭建设", new DecisionReview("M1-D1", DecisionReview.Continue, "材料未到", new DateOnly(2027, 1, 31)), Actor, Now),
        ]);
        Assert.Equal(["M1-D1"], council.OpenDecisionsBefore(3).Select(open => open.Decision.DecisionId));
        var settled = CouncilDecider.Decider.Fold([new DecisionReviewed("M2", "连心亭建设", new DecisionReview("M1-D1", DecisionReview.Done, "建成", null), Actor, Now)], council);
        Assert.Empty(settled.OpenDecisionsBefore(3));
    }

    [Fact]
    public void Open_minutes_are_reminded_at_3_and_7_days_once_each_and_closed_ones_never()
    {
        CouncilEvent[] open = [.. FirstMeetingHeldAndSecondScheduled(), Opened("M2", Now.AddDays(-4))];
        Spec.Given(open).When(new RemindMinutes("M2", 3)).Then(new MinutesReminded("M2", 3, Actor, Now));
        Spec.Given(open).When(new RemindMinutes("M2", 7)).ThenNothing();
        Spec.Given([.. open, new MinutesReminded("M2", 3, Actor, Now)]).When(new RemindMinutes("M2", 3)).ThenNothing();
        Spec.Given([.. open, new MinutesClosed("M2", "纪要", Actor, Now)]).When(new RemindMinutes("M2", 3)).ThenNothing();
        Assert.Equal([(3, Now.AddDays(-1)), (7, Now.AddDays(3))],
            Council.RemindersOf("M2", minutesOpen: true, Now.AddDays(-4), []).Select(reminder => (reminder.DaysOpen, reminder.DueAt)));
    }
}
