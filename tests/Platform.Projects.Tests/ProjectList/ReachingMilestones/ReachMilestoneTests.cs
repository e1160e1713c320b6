using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.ReachingMilestones;

public sealed class ReachMilestoneTests
{
    [Fact]
    public void A_step_is_recorded_and_the_task_stays_open_until_a_milestone_completes_it() =>
        Spec.Given(Decided(), Reached("T1", completes: false), Evidence("T1"))
            .When(new ReachMilestone("T1", "方案通过居民议事会", "32 户居民参加", Today, CompletesTask: true))
            .Then(new MilestoneReached(ProjectId, Name, "T1", "测绘场地并出方案", "方案通过居民议事会", "32 户居民参加", Today, true, 1, 2, Actor, Now))
            .AndState(project =>
            {
                Assert.Equal(Today, project.Task("T1")!.DoneOn);
                Assert.Equal(50, Project.ProgressPercent(project.Tasks));
                Assert.Equal(2, project.MilestonesReached);
            });

    [Fact]
    public void A_task_completes_only_with_evidence_kept_for_it_and_a_step_needs_none() =>
        Assert.Multiple(
            () => Assert.Contains("证据", Spec.Given(Decided(), Evidence("T2"))
                .When(new ReachMilestone("T1", "完成", null, Today, CompletesTask: true)).ThenThrows<RuleViolationException>().Message),
            () => Spec.Given(Decided()).When(new ReachMilestone("T1", "进场", null, Today, CompletesTask: false))
                .Then(new MilestoneReached(ProjectId, Name, "T1", SurveyTask.What, "进场", null, Today, false, 0, 2, Actor, Now)));

    [Fact]
    public void A_milestone_names_a_task_of_the_project_that_is_still_open() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new ReachMilestone("T9", "完成", null, Today, true)).ThenThrows<InvalidReferenceException>(),
            () => Spec.Given(Decided(), Reached("T1", true)).When(new ReachMilestone("T1", "完成", null, Today, true)).ThenThrows<RuleViolationException>());

    [Fact]
    public void A_milestone_is_dated_between_the_decision_and_today() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new ReachMilestone("T1", "完成", null, Today.AddDays(1), true)).ThenInvalid("reachedOn"),
            () => Spec.Given(Decided()).When(new ReachMilestone("T1", "完成", null, Today.AddDays(-30), true)).ThenInvalid("reachedOn"),
            () => Spec.Given(Decided()).When(new ReachMilestone("T1", "", null, null, true)).ThenInvalid("title", "reachedOn"));

    [Fact]
    public void A_task_past_its_deadline_is_overdue_until_done()
    {
        var task = ProjectGivens.SurveyTask;
        Assert.False(task.IsOverdue(task.Deadline));
        Assert.True(task.IsOverdue(task.Deadline.AddDays(1)));
        Assert.False((task with { DoneOn = task.Deadline.AddDays(3) }).IsOverdue(task.Deadline.AddDays(5)));
    }
}
