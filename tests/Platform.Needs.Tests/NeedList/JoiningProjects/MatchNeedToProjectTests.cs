using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.JoiningProjects;

public sealed class MatchNeedToProjectTests
{
    [Fact]
    public void Matching_a_need_to_a_project_hands_it_over() =>
        Spec.Given(Raised(), Accepted())
            .When(new MatchNeedToProject("project-1", "垃圾分类亭改造"))
            .Then(new NeedMatchedToProject(NeedId, "project-1", "垃圾分类亭改造", Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.InProject, need.Status);
                Assert.Equal("project-1", need.ProjectId);
            });

    [Fact]
    public void Matching_a_raised_need_is_allowed() =>
        Spec.Given(Raised())
            .When(new MatchNeedToProject("project-1", "垃圾分类亭改造"))
            .Then(new NeedMatchedToProject(NeedId, "project-1", "垃圾分类亭改造", Now));

    [Fact]
    public void Matching_to_the_same_project_again_decides_nothing() =>
        Spec.Given(Raised(), Accepted(), new NeedMatchedToProject(NeedId, "project-1", "垃圾分类亭改造", Now.AddHours(-1)))
            .When(new MatchNeedToProject("project-1", "垃圾分类亭改造"))
            .ThenNothing();

    [Fact]
    public void Matching_to_another_project_once_in_a_project_is_refused() =>
        Spec.Given(Raised(), Accepted(), new NeedMatchedToProject(NeedId, "project-1", "垃圾分类亭改造", Now.AddHours(-1)))
            .When(new MatchNeedToProject("project-2", "另一个项目"))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void Matching_an_escalated_need_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new MatchNeedToProject("project-1", "项目")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Matching_a_missing_need_is_not_found() =>
        Spec.Given().When(new MatchNeedToProject("project-1", "项目")).ThenThrows<NotFoundException>();
}
