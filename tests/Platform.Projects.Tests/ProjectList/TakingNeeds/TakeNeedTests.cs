using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.TakingNeeds;

public sealed class TakeNeedTests
{
    [Fact]
    public void An_active_project_takes_one_more_need() =>
        Spec.Given(Decided(), Taken(Parking))
            .When(new TakeNeed(Lighting))
            .Then(Taken(Lighting, Now))
            .AndState(project => Assert.Equal([Parking.NeedId, Lighting.NeedId], project.Needs.Select(need => need.NeedId)));

    [Fact]
    public void Taking_a_need_already_taken_changes_nothing() =>
        Spec.Given(Decided(), Taken(Parking)).When(new TakeNeed(Parking)).ThenNothing();

    [Fact]
    public void A_completed_or_unknown_project_takes_no_need() =>
        Assert.Multiple(
            () => Spec.Given(Decided(), Reached("T1", true), Reached("T2", true), new ProjectCompleted(ProjectId, Name, [], "建成", Actor, Now))
                .When(new TakeNeed(Lighting)).ThenThrows<RuleViolationException>(),
            () => Spec.Given().When(new TakeNeed(Lighting)).ThenThrows<NotFoundException>());
}
