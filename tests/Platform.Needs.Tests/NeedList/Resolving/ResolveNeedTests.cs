using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Resolving;

public sealed class ResolveNeedTests
{
    [Fact]
    public void The_community_resolves_a_need_it_handles() =>
        Spec.Given(Raised(), Accepted(), HandlingStarted())
            .When(new ResolveNeed(" 已清运。 ", ResolutionSources.Community))
            .Then(new NeedResolved(NeedId, "已清运。", ResolutionSources.Community, Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Resolved, need.Status);
                Assert.Null(need.HandleBy);
            });

    [Fact]
    public void The_community_resolves_an_accepted_need_directly() =>
        Spec.Given(Raised(), Accepted())
            .When(new ResolveNeed("已清运。", ResolutionSources.Community))
            .Then(new NeedResolved(NeedId, "已清运。", ResolutionSources.Community, Actor, Now));

    [Fact]
    public void The_community_cannot_resolve_an_escalated_need() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new ResolveNeed("已清运。", ResolutionSources.Community)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Resolving_without_a_resolution_is_invalid() =>
        Spec.Given(Raised(), Accepted()).When(new ResolveNeed(" ", ResolutionSources.Community)).ThenInvalid("resolution");

    [Fact]
    public void The_case_resolves_an_escalated_need() =>
        Spec.Given(Raised(), Accepted(), Escalated())
            .When(new ResolveNeed("部门已修复。", ResolutionSources.WhistleCase))
            .Then(new NeedResolved(NeedId, "部门已修复。", ResolutionSources.WhistleCase, Actor, Now));

    [Fact]
    public void A_case_cannot_resolve_a_need_it_does_not_hold() =>
        Spec.Given(Raised(), Accepted()).When(new ResolveNeed("部门已修复。", ResolutionSources.WhistleCase)).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_project_resolves_a_need_in_it() =>
        Spec.Given(Raised(), Accepted(), new NeedMatchedToProject(NeedId, "project-1", "垃圾分类亭改造", Now.AddDays(-1)))
            .When(new ResolveNeed("项目完工。", ResolutionSources.Project))
            .Then(new NeedResolved(NeedId, "项目完工。", ResolutionSources.Project, Actor, Now));

    [Fact]
    public void A_project_reporting_again_on_a_closed_need_decides_nothing() =>
        Spec.Given(Raised(), Accepted(), Resolved(ResolutionSources.Project), Feedback(), Closed())
            .When(new ResolveNeed("项目完工。", ResolutionSources.Project))
            .ThenNothing();

    [Fact]
    public void A_volunteer_resolves_a_micro_wish() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), new MicroWishClaimed(NeedId, "volunteer-1", "李四", Now.AddHours(-5)))
            .When(new ResolveNeed("已送达。", ResolutionSources.MicroWish))
            .Then(new NeedResolved(NeedId, "已送达。", ResolutionSources.MicroWish, Actor, Now));

    [Fact]
    public void A_volunteer_reporting_again_on_a_resolved_micro_wish_decides_nothing() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), Resolved(ResolutionSources.MicroWish))
            .When(new ResolveNeed("已送达。", ResolutionSources.MicroWish))
            .ThenNothing();

    [Fact]
    public void Resolving_from_an_unknown_source_is_a_programming_error() =>
        Spec.Given(Raised(), Accepted()).When(new ResolveNeed("好了", "magic")).ThenThrows<ArgumentException>();

    [Fact]
    public void Resolving_a_missing_need_is_not_found() =>
        Spec.Given().When(new ResolveNeed("好了", ResolutionSources.Community)).ThenThrows<NotFoundException>();
}
