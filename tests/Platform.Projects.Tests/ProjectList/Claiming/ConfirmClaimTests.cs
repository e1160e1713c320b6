using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.Claiming;

public sealed class ConfirmClaimTests
{
    [Fact]
    public void A_confirmed_claim_makes_the_unit_answer_for_the_task_beside_its_owner() =>
        Spec.Given(Decided(), Claimed("K1", Shizheng, "T1", hours: 20))
            .When(new ConfirmClaim("K1"))
            .Then(new ClaimConfirmed(ProjectId, "K1", Shizheng.UnitId, Shizheng.Name, "T1", SurveyTask.What, Actor, Now))
            .AndState(project =>
            {
                Assert.True(project.Answers(Shizheng.UnitId, "T1"));
                Assert.True(project.Answers(Cehui.UnitId, "T1"));
                Assert.False(project.Answers(Shizheng.UnitId, "T2"));
            });

    [Fact]
    public void A_confirmed_claim_on_the_whole_project_covers_every_task() =>
        Spec.Given(Decided(), Claimed("K1", Shizheng, null))
            .When(new ConfirmClaim("K1"))
            .Then(new ClaimConfirmed(ProjectId, "K1", Shizheng.UnitId, Shizheng.Name, null, null, Actor, Now))
            .AndState(project => Assert.True(project.Answers(Shizheng.UnitId, "T1") && project.Answers(Shizheng.UnitId, "T2")));

    [Fact]
    public void A_claim_is_declined_with_a_reason_and_then_decides_nothing() =>
        Spec.Given(Decided(), Claimed("K1", Shizheng, "T2"))
            .When(new DeclineClaim("K1", " 施工已由城建科承担 "))
            .Then(new ClaimDeclined(ProjectId, "K1", Shizheng.UnitId, Shizheng.Name, "施工已由城建科承担", Actor, Now))
            .AndState(project => Assert.False(project.Answers(Shizheng.UnitId, "T2")));

    [Fact]
    public void Only_an_open_claim_is_confirmed_or_declined() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new ConfirmClaim("K1")).ThenThrows<NotFoundException>(),
            () => Spec.Given(Decided(), Claimed("K1", Shizheng, "T2"), Confirmed("K1", Shizheng, "T2")).When(new ConfirmClaim("K1")).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), Claimed("K1", Shizheng, "T2"), Confirmed("K1", Shizheng, "T2")).When(new DeclineClaim("K1", "重复")).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), Claimed("K1", Shizheng, "T2")).When(new DeclineClaim("K1", " ")).ThenInvalid("reason"),
            () => Spec.Given(Decided(), Claimed("K1", Shizheng, "T2"), Reached("T2", true)).When(new ConfirmClaim("K1")).ThenThrows<RuleViolationException>());
}
