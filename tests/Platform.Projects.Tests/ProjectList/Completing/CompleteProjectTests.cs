using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.Completing;

public sealed class CompleteProjectTests
{
    [Fact]
    public void A_project_whose_tasks_are_all_done_completes_with_every_need_it_answered() =>
        Spec.Given(Decided(), Taken(Parking), Taken(Lighting), Reached("T1", true), Reached("T2", true))
            .When(new CompleteProject("新增停车位 60 个"))
            .Then(new ProjectCompleted(ProjectId, Name, [Parking.NeedId, Lighting.NeedId], "新增停车位 60 个", Actor, Now))
            .AndState(project => Assert.Equal(ProjectStatus.Completed, project.Status));

    [Fact]
    public void A_project_with_an_open_task_does_not_complete() =>
        Assert.Contains("施工建设停车场",
            Spec.Given(Decided(), Reached("T1", true)).When(new CompleteProject("建成")).ThenThrows<RuleViolationException>().Message);

    [Fact]
    public void A_project_completes_once_and_says_how() =>
        Assert.Multiple(
            () => Spec.Given(Decided(), Reached("T1", true), Reached("T2", true)).When(new CompleteProject(" ")).ThenInvalid("summary"),
            () => Spec.Given(Decided(), Reached("T1", true), Reached("T2", true), new ProjectCompleted(ProjectId, Name, [], "建成", Actor, Now))
                .When(new CompleteProject("建成")).ThenThrows<RuleViolationException>());
}
