using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.Claiming;

public sealed class ClaimProjectTests
{
    [Fact]
    public void A_unit_claims_a_task_pledging_part_of_what_its_promise_has_left() =>
        Spec.Given(Decided())
            .When(new ClaimProject(Shizheng, "T2", Hours(), 80, "出 4 名工人，周末施工"))
            .Then(new ProjectClaimed(ProjectId, "K1", Shizheng.UnitId, Shizheng.Name, "T2", BuildTask.What,
                new ClaimPledge("A20260101-000000000001", "志愿服务", "hours", 80), "出 4 名工人，周末施工", Actor, Now))
            .AndState(project =>
            {
                Assert.Equal(ClaimStatus.Open, project.Claim("K1")!.Status);
                Assert.False(project.Answers(Shizheng.UnitId, "T2"));
            });

    [Fact]
    public void What_a_promise_has_left_is_its_term_less_deliveries_and_pledges_and_a_claim_cannot_pledge_more()
    {
        Assert.Equal(100, Hours(delivered: 40, pledged: 60).Left);
        Assert.Equal(0, Hours(delivered: 180, pledged: 60).Left);
        var refused = Spec.Given(Decided()).When(new ClaimProject(Shizheng, "T2", Hours(), 101, null)).ThenInvalid("amount");
        Assert.Contains("尚余 100 小时服务", refused.Errors["amount"][0]);
        Spec.Given(Decided()).When(new ClaimProject(Shizheng, "T2", Hours(), 0, null)).ThenInvalid("amount");
        Spec.Given(Decided()).When(new ClaimProject(Shizheng, "T2", null, 10, null)).ThenInvalid("commitment");
    }

    [Fact]
    public void Units_claim_jointly_but_not_twice_and_not_what_they_already_own() =>
        Assert.Multiple(
            () => Spec.Given(Decided(), Claimed("K1", Shizheng, "T2"))
                .When(new ClaimProject(Cehui, "T2", null, null, null))
                .Then(new ProjectClaimed(ProjectId, "K2", Cehui.UnitId, Cehui.Name, "T2", BuildTask.What, null, null, Actor, Now)),
            () => Spec.Given(Decided(), Claimed("K1", Shizheng, "T2")).When(new ClaimProject(Shizheng, "T2", null, null, null)).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided()).When(new ClaimProject(Cehui, "T1", null, null, null)).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), Claimed("K1", Shizheng, "T2"), new ClaimDeclined(ProjectId, "K1", Shizheng.UnitId, Shizheng.Name, "已有施工队", Actor, Now))
                .When(new ClaimProject(Shizheng, "T2", null, null, null))
                .Then(new ProjectClaimed(ProjectId, "K2", Shizheng.UnitId, Shizheng.Name, "T2", BuildTask.What, null, null, Actor, Now)));

    [Fact]
    public void A_claim_names_an_open_task_of_a_running_project_or_the_whole_project() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new ClaimProject(Shizheng, "T9", null, null, null)).ThenThrows<InvalidReferenceException>(),
            () => Spec.Given(Decided(), Reached("T2", completes: true)).When(new ClaimProject(Shizheng, "T2", null, null, null)).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided()).When(new ClaimProject(Shizheng, null, null, null, null))
                .Then(new ProjectClaimed(ProjectId, "K1", Shizheng.UnitId, Shizheng.Name, null, null, null, null, Actor, Now)),
            () => Spec.Given(Decided(), Reached("T1", true), Reached("T2", true), new ProjectCompleted(ProjectId, Name, [], "完成", Actor, Now))
                .When(new ClaimProject(Shizheng, null, null, null, null)).ThenThrows<RuleViolationException>(),
            () => Spec.Given().When(new ClaimProject(Shizheng, null, null, null, null)).ThenThrows<NotFoundException>());
}
