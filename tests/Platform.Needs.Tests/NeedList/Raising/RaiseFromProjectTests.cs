using Platform.Contracts.Projects;
using Platform.Needs.Cases;
using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Raising;

/// <summary>A community whistled an overdue task of its project (seed 003: 富民街's parking lot, its survey late): the
/// task enters the 需求清单 as a need already taken on, ready for its whistle case.</summary>
public sealed class RaiseFromProjectTests
{
    private const string FromProjectId = "N-from-project";

    private static readonly ProjectTaskOrigin Origin = new("P-parking", "富民街停车场改造", "T1", "测绘场地并出方案");

    private static ProjectTaskEscalated Whistled(string communityId = "community-1", params string[] needIds) => new(
        "district", "P-parking", "富民街停车场改造", "street-1", communityId, "T1", "测绘场地并出方案", "富民测绘公司", new DateOnly(2027, 1, 31), 10, needIds,
        WhistleLevels.Street, "测绘公司人员不足，需规划部门协助。", "fumin-staff", Now);

    private static readonly string Description =
        "联席会议项目「富民街停车场改造」的任务「测绘场地并出方案」由富民测绘公司负责，时限 2027-01-31，已逾期 10 天。吹哨原因：测绘公司人员不足，需规划部门协助。";

    private static Need StateOf(params NeedEvent[] events) => Spec.Decider.Fold(events, Spec.Decider.Initial);

    [Fact]
    public void The_task_takes_the_category_and_place_of_the_need_its_project_answers_in_the_same_community()
    {
        var answered = StateOf(Raised("parking", "urgent"));
        var command = NeedDecider.NeedFromProjectTask(FromProjectId, Whistled("community-1", NeedId), answered, "富民街社区");
        Assert.Equal(
            new RaiseFromProject(FromProjectId, Origin, "项目任务逾期：测绘场地并出方案", Description, "parking", "urgent", ThePlace, new ReporterContact("富民街社区大党委", "")),
            command);
    }

    [Fact]
    public void A_project_answering_no_need_of_its_community_whistles_an_urgent_other_at_the_community()
    {
        var elsewhere = StateOf(Raised("parking"));
        var command = NeedDecider.NeedFromProjectTask(FromProjectId, Whistled("community-2", NeedId), elsewhere, "北街社区");
        Assert.Equal(("other", "urgent", new Place("street-1", "community-2", null, null, null)), (command.Category, command.Urgency, command.Place));
        Assert.Equal("other", NeedDecider.NeedFromProjectTask(FromProjectId, Whistled(), null, "富民街社区").Category);
    }

    [Fact]
    public void The_need_is_raised_on_the_project_channel_and_accepted_at_once() =>
        Spec.Given()
            .When(NeedDecider.NeedFromProjectTask(FromProjectId, Whistled(), null, "富民街社区"))
            .Then(
                new NeedRaised(
                    FromProjectId, "项目任务逾期：测绘场地并出方案", Description, "other", "urgent", new Place("street-1", "community-1", null, null, null),
                    new ReporterContact("富民街社区大党委", ""), null, NeedChannels.Project, null, Actor, Now, null, Origin),
                new NeedAccepted(FromProjectId, "general", Now.AddHours(168), Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.Accepted, need.Status));

    [Fact]
    public void Its_whistle_says_what_the_project_tried_and_escalates_the_need()
    {
        var need = StateOf(
            new NeedRaised(FromProjectId, "项目任务逾期：测绘场地并出方案", Description, "other", "urgent", ThePlace, new ReporterContact("富民街社区大党委", ""), null,
                NeedChannels.Project, null, Actor, Now, null, Origin),
            new NeedAccepted(FromProjectId, "general", Now.AddHours(168), Actor, Now));
        var blow = NeedCasePolicies.ProjectTaskWhistle(need, CaseId, Whistled());
        Assert.Equal((WhistleLevels.Street, "key", "测绘公司人员不足，需规划部门协助。", false), (blow.Level, blow.WhistleType, blow.Reason, blow.Automatic));
        Assert.Equal(
            ["联席会议立项「富民街停车场改造」，任务「测绘场地并出方案」由富民测绘公司负责，时限 2027-01-31。", "任务已逾期 10 天，责任方和轮值主席督办后仍未完成。"],
            blow.TriedByCommunity);
        Spec.Given(
                new NeedRaised(FromProjectId, "项目任务逾期：测绘场地并出方案", Description, "other", "urgent", ThePlace, new ReporterContact("富民街社区大党委", ""), null,
                    NeedChannels.Project, null, Actor, Now, null, Origin),
                new NeedAccepted(FromProjectId, "general", Now.AddHours(168), Actor, Now))
            .When(NeedCasePolicies.Escalation(blow))
            .Then(new NeedEscalatedByWhistle(FromProjectId, CaseId, WhistleLevels.Street, false, Actor, Now));
    }
}
