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

    [Fact]
    public void Completion_delivers_what_each_confirmed_claim_pledged_and_nothing_of_open_declined_or_unpledged_claims() =>
        Spec.Given(
                Decided(),
                Claimed("K1", Shizheng, "T2", hours: 80), Confirmed("K1", Shizheng, "T2"),
                Claimed("K2", Cehui, null, hours: 10),
                Claimed("K3", new ClaimingUnit("u-fmj-post", "富民邮政所"), "T2", hours: 5),
                new ClaimDeclined(ProjectId, "K3", "u-fmj-post", "富民邮政所", "施工不需要", Actor, Now.AddDays(-1)),
                Claimed("K4", new ClaimingUnit("u-fmj-court", "富民法庭"), null), Confirmed("K4", new ClaimingUnit("u-fmj-court", "富民法庭"), null),
                Reached("T1", true), Reached("T2", true))
            .When(new CompleteProject("建成"))
            .Then(
                new ProjectCompleted(ProjectId, Name, [], "建成", Actor, Now),
                new PledgeDelivered(ProjectId, Name, Fuminjie, "K1", Shizheng.UnitId, Shizheng.Name, BuildTask.What,
                    new ClaimPledge("A20260101-000000000001", "志愿服务", "hours", 80), Today, Actor, Now));
}
