using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.Deciding;

public sealed class DecideProjectTests
{
    [Fact]
    public void A_decided_project_numbers_its_tasks_and_takes_each_need_in_so_that_Needs_hears_of_it() =>
        Spec.Given()
            .When(Decide(needs: [Parking, Lighting]))
            .Then(Decided(at: Now), Taken(Parking, Now), Taken(Lighting, Now))
            .AndState(project =>
            {
                Assert.Equal(["T1", "T2"], project.Tasks.Select(task => task.TaskId));
                Assert.Equal(0, Project.ProgressPercent(project.Tasks));
                Assert.Equal(Today, project.DecidedOn);
            });

    [Fact]
    public void A_project_may_answer_no_need_yet_but_never_lacks_a_responsibility_list() =>
        Assert.Multiple(
            () => Spec.Given().When(Decide(needs: [])).Then(Decided(at: Now)),
            () => Spec.Given().When(Decide(tasks: [])).ThenInvalid("tasks"));

    [Fact]
    public void Every_task_names_what_who_and_by_when_within_the_project() =>
        Spec.Given()
            .When(Decide(tasks: [new TaskDraft(" ", null, null, null), Build with { Deadline = Today.AddDays(-1) }, Build with { Deadline = DueOn.AddDays(1) }]))
            .ThenInvalid("tasks[0].what", "tasks[0].ownerName", "tasks[0].deadline", "tasks[1].deadline", "tasks[2].deadline");

    [Fact]
    public void A_project_is_due_from_today_and_within_three_years() =>
        Assert.Multiple(
            () => Spec.Given().When(Decide(dueOn: Today.AddDays(-1))).ThenInvalid("dueOn"),
            () => Spec.Given().When(Decide(dueOn: Today.AddYears(3).AddDays(1))).ThenInvalid("dueOn"),
            () => Spec.Given().When(Decide() with { DueOn = null }).ThenInvalid("dueOn"));

    [Fact]
    public void A_need_is_listed_once_and_a_project_is_decided_once() =>
        Assert.Multiple(
            () => Spec.Given().When(Decide(needs: [Parking, Parking])).ThenInvalid("needIds"),
            () => Spec.Given(Decided()).When(Decide()).ThenThrows<RuleViolationException>());
}
