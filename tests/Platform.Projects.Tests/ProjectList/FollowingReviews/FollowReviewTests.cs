using Platform.Projects.Meetings;
using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.FollowingReviews;

/// <summary>The 反馈清单 acts on the project its decision made: 撤销 stops it and gives its needs back, 继续推进 moves
/// its time limit; 已完成 and 调整 leave it alone.</summary>
public sealed class FollowReviewTests
{
    private const string MeetingId = "council-fuminjie-M5";

    [Fact]
    public void A_drop_stops_the_project_with_the_needs_it_answered() =>
        Spec.Given(Decided(), Taken(Parking), Taken(Lighting))
            .When(new DropProject(MeetingId, "空地另有规划，停车场改在原址扩建后另行立项。"))
            .Then(new ProjectDropped(ProjectId, Name, [Parking.NeedId, Lighting.NeedId], "空地另有规划，停车场改在原址扩建后另行立项。", MeetingId, Actor, Now))
            .AndState(project => Assert.Equal(ProjectStatus.Dropped, project.Status));

    [Fact]
    public void A_continue_moves_the_time_limit() =>
        Spec.Given(Decided())
            .When(new RescheduleProject(MeetingId, new DateOnly(2027, 9, 30), "施工队进场推迟。"))
            .Then(new ProjectRescheduled(ProjectId, Name, DueOn, new DateOnly(2027, 9, 30), "施工队进场推迟。", MeetingId, Actor, Now))
            .AndState(project => Assert.Equal(new DateOnly(2027, 9, 30), project.DueOn));

    [Fact]
    public void A_continue_by_the_projects_own_time_limit_changes_nothing() =>
        Spec.Given(Decided()).When(new RescheduleProject(MeetingId, DueOn, "按原计划推进。")).ThenNothing();

    [Fact]
    public void A_dropped_project_takes_no_more_work_and_a_completed_one_cannot_be_dropped()
    {
        var dropped = new ProjectDropped(ProjectId, Name, [], "另行立项。", MeetingId, Actor, Now.AddDays(-1));
        Assert.Multiple(
            () => Spec.Given(Decided(), dropped).When(new ClaimProject(Shizheng, null, null, null, null)).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), dropped).When(new EscalateTask("T1", "street", "逾期"), Now.AddDays(90)).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), dropped).When(new DropProject(MeetingId, "再撤销")).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), Evidence("T1"), Reached("T1", true), Evidence("T2"), Reached("T2", true),
                    new ProjectCompleted(ProjectId, Name, [], "完成", Actor, Now.AddHours(-1)))
                .When(new RescheduleProject(MeetingId, new DateOnly(2027, 9, 30), "继续")).ThenThrows<RuleViolationException>());
    }

    [Fact]
    public void Only_a_drop_or_a_continue_acts_on_the_project()
    {
        Assert.Equal(new DropProject(MeetingId, "不再需要"), ProjectDecider.Following(new DecisionReview("D1", DecisionReview.Drop, "不再需要", null), MeetingId));
        Assert.Equal(new RescheduleProject(MeetingId, new DateOnly(2027, 9, 30), "推迟"),
            ProjectDecider.Following(new DecisionReview("D1", DecisionReview.Continue, "推迟", new DateOnly(2027, 9, 30)), MeetingId));
        Assert.Null(ProjectDecider.Following(new DecisionReview("D1", DecisionReview.Done, "完成", null), MeetingId));
        Assert.Null(ProjectDecider.Following(new DecisionReview("D1", DecisionReview.Adjust, "增加任务", null), MeetingId));
    }
}
