using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.JoiningProjects;

/// <summary>The joint meeting dropped the project carrying the need: the need is its community's again.</summary>
public sealed class ReturnNeedFromProjectTests
{
    private static NeedMatchedToProject Matched(string projectId = "project-1") => new(NeedId, projectId, "垃圾分类亭改造", Now.AddDays(-20));

    [Fact]
    public void The_need_goes_back_to_its_community_with_a_fresh_time_limit() =>
        Spec.Given(Raised(), Accepted(), Matched())
            .When(new ReturnNeedFromProject("project-1", "垃圾分类亭改造", "选址未获居民同意。"))
            .Then(new NeedReturnedFromProject(NeedId, "project-1", "垃圾分类亭改造", "选址未获居民同意。", Now.AddHours(168), Actor, Now))
            .AndState(need =>
            {
                Assert.Equal((NeedStatus.Accepted, null, 2, Now.AddHours(168)), (need.Status, need.ProjectId, need.Round, need.HandleBy));
                Assert.False(need.OverdueInRound);
            });

    [Fact]
    public void Another_projects_news_or_a_need_no_longer_in_the_project_changes_nothing() =>
        Assert.Multiple(
            () => Spec.Given(Raised(), Accepted(), Matched("project-2")).When(new ReturnNeedFromProject("project-1", "旧项目", "撤销")).ThenNothing(),
            () => Spec.Given(Raised(), Accepted(), Matched(), Resolved(ResolutionSources.Project))
                .When(new ReturnNeedFromProject("project-1", "垃圾分类亭改造", "撤销")).ThenNothing(),
            () => Spec.Given(Raised(), Accepted()).When(new ReturnNeedFromProject("project-1", "垃圾分类亭改造", "撤销")).ThenNothing());

    [Fact]
    public void Returned_it_can_be_taken_into_another_project() =>
        Spec.Given(Raised(), Accepted(), Matched(), new NeedReturnedFromProject(NeedId, "project-1", "垃圾分类亭改造", "撤销", Now.AddHours(100), Actor, Now.AddHours(-1)))
            .When(new MatchNeedToProject("project-3", "垃圾分类亭易地新建"))
            .Then(new NeedMatchedToProject(NeedId, "project-3", "垃圾分类亭易地新建", Now));
}
