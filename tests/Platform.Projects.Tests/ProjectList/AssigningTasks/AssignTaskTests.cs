using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.AssigningTasks;

public sealed class AssignTaskTests
{
    private static readonly TaskDraft Lights = new("加装庭院灯 12 盏", "区供电局", null, new DateOnly(2027, 3, 31));

    [Fact]
    public void A_task_added_later_gets_the_next_number() =>
        Spec.Given(Decided())
            .When(new AssignTask(Lights))
            .Then(new TaskAssigned(ProjectId, new ResponsibilityTask("T3", "加装庭院灯 12 盏", new TaskOwner("区供电局", null), new DateOnly(2027, 3, 31), null), Actor, Now));

    [Fact]
    public void A_task_added_later_keeps_within_the_project_and_its_deadline() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new AssignTask(Lights with { Deadline = DueOn.AddDays(1) })).ThenInvalid("task.deadline"),
            () => Spec.Given(Decided()).When(new AssignTask(Lights with { OwnerName = null })).ThenInvalid("task.ownerName"),
            () => Spec.Given().When(new AssignTask(Lights)).ThenThrows<NotFoundException>());
}
