using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;
using Platform.Needs.NeedList;
using Platform.Needs.Tests.Support;
using Platform.Testing;
using static Platform.Needs.Tests.Support.Decisions;
using Platform.Kernel.Errors;

namespace Platform.Needs.Tests;

public sealed class NeedDeciderTests
{
    private const string NeedId = "need-0001";
    private const string CaseId = "case-0001";

    private static readonly DeciderSpecification<NeedCommand, NeedEvent, Need> Spec = new(NeedDecider.For(Decisions.Catalogue), Decisions.Actor, Decisions.Now);

    private static readonly Place Place = new("street-1", "community-1", "grid-1", "building-1", "幸福路 1 号");

    private static readonly DateTimeOffset RaisedAt = Now.AddDays(-2);

    private static readonly DateTimeOffset AcceptedAt = Now.AddDays(-1);

    private static NeedRaised Raised(string category = "env", string urgency = "normal") => new(
        NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", category, urgency, Place, new ReporterContact("张三", "13800001111"),
        "user-resident-1", "resident", null, "user-resident-1", RaisedAt);

    private static NeedAccepted Accepted(string handlingClass = "general", double hours = 168) =>
        new(NeedId, handlingClass, AcceptedAt.AddHours(hours), "staff-community-1", AcceptedAt);

    private static CommunityHandlingStarted HandlingStarted() => new(NeedId, "联系物业清运。", "staff-community-1", AcceptedAt.AddHours(1));

    private static NeedEscalatedByWhistle Escalated() => new(NeedId, CaseId, WhistleLevels.Street, false, "staff-community-1", AcceptedAt.AddHours(2));

    private static NeedResolved Resolved(string source = ResolutionSources.Community) => new(NeedId, "已清运。", source, "staff-community-1", Now.AddHours(-3));

    private static FeedbackRecorded Feedback(bool resolved = true, bool satisfied = true) =>
        new(NeedId, resolved, satisfied, null, "staff-community-1", Now.AddHours(-2));

    private static NeedClosed Closed() => new(NeedId, "staff-community-1", Now.AddHours(-1));

    private static RaiseNeed ValidRaise() => new(
        NeedId, "  垃圾桶满溢 ", " 小区门口垃圾桶三天没清运。 ", "env", "normal", Place, new ReporterContact(" 张三 ", " 138-0000-1111 "),
        "user-resident-1", "resident", "ext-1");

    // ---- RaiseNeed ------------------------------------------------------------------------------------------------

    [Fact]
    public void Raising_a_need_records_it_trimmed_with_actor_and_time() =>
        Spec.Given()
            .When(ValidRaise())
            .Then(new NeedRaised(
                NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", "env", "normal", Place, new ReporterContact("张三", "138-0000-1111"),
                "user-resident-1", "resident", "ext-1", Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Raised, need.Status);
                Assert.False(need.IsMicroWish);
            });

    [Fact]
    public void Raising_a_micro_wish_marks_it_as_one() =>
        Spec.Given()
            .When(ValidRaise() with { Category = Need.MicroWishCategory })
            .Then(new NeedRaised(
                NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", Need.MicroWishCategory, "normal", Place, new ReporterContact("张三", "138-0000-1111"),
                "user-resident-1", "resident", "ext-1", Actor, Now))
            .AndState(need => Assert.True(need.IsMicroWish));

    [Fact]
    public void Raising_an_existing_need_is_refused() =>
        Spec.Given(Raised()).When(ValidRaise()).ThenThrows<RuleViolationException>();

    [Theory]
    [InlineData("title")]
    [InlineData("title.long")]
    [InlineData("description")]
    [InlineData("category")]
    [InlineData("urgency")]
    [InlineData("channel")]
    [InlineData("place")]
    [InlineData("place.address")]
    [InlineData("reporter.name")]
    [InlineData("reporter.phone")]
    [InlineData("reporter.phone.letters")]
    [InlineData("externalId")]
    public void Raising_a_malformed_need_names_the_field(string problem)
    {
        var valid = ValidRaise();
        var (command, field) = problem switch
        {
            "title" => (valid with { Title = "  " }, "title"),
            "title.long" => (valid with { Title = new string('标', 101) }, "title"),
            "description" => (valid with { Description = null }, "description"),
            "category" => (valid with { Category = "unicorns" }, "category"),
            "urgency" => (valid with { Urgency = "whenever" }, "urgency"),
            "channel" => (valid with { Channel = "" }, "channel"),
            "place" => (valid with { Place = Place with { CommunityId = "" } }, "place"),
            "place.address" => (valid with { Place = Place with { Address = new string('路', 201) } }, "place.address"),
            "reporter.name" => (valid with { Reporter = new ReporterContact(" ", "13800001111") }, "reporter.name"),
            "reporter.phone" => (valid with { Reporter = new ReporterContact("张三", "12345") }, "reporter.phone"),
            "reporter.phone.letters" => (valid with { Reporter = new ReporterContact("张三", "138ABC01111") }, "reporter.phone"),
            "externalId" => (valid with { ExternalId = new string('x', 101) }, "externalId"),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        Spec.Given().When(command).ThenInvalid(field);
    }

    [Fact]
    public void Raising_an_empty_need_lists_every_missing_field() =>
        Spec.Given()
            .When(new RaiseNeed(NeedId, null, null, null, null, null, null, null, null, null))
            .ThenInvalid("title", "description", "category", "urgency", "channel", "place", "reporter.name", "reporter.phone");

    // ---- AcceptNeed: the handling deadline comes from the catalogue ------------------------------------------------

    [Fact]
    public void Accepting_a_general_need_gives_it_168_hours() =>
        Spec.Given(Raised("env"))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "general", Now.AddHours(168), Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Accepted, need.Status);
                Assert.Equal(1, need.Round);
                Assert.Equal(Now.AddHours(168), need.HandleBy);
            });

    [Fact]
    public void Accepting_a_sewer_need_gives_it_the_utility_24_hours() =>
        Spec.Given(Raised("sewer"))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "utility", Now.AddHours(24), Actor, Now));

    [Fact]
    public void Accepting_an_emergency_gives_it_the_emergency_2_hours_whatever_its_category() =>
        Spec.Given(Raised("env", "emergency"))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "emergency", Now.AddHours(2), Actor, Now));

    [Fact]
    public void Accepting_with_an_explicit_handling_class_uses_that_class() =>
        Spec.Given(Raised("env"))
            .When(new AcceptNeed("complex"))
            .Then(new NeedAccepted(NeedId, "complex", Now.AddHours(360), Actor, Now));

    [Fact]
    public void Accepting_a_micro_wish_also_publishes_it() =>
        Spec.Given(Raised(Need.MicroWishCategory))
            .When(new AcceptNeed(null))
            .Then(new NeedAccepted(NeedId, "general", Now.AddHours(168), Actor, Now), new MicroWishPublished(NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", Place, Now));

    [Fact]
    public void Accepting_with_an_unknown_handling_class_is_invalid() =>
        Spec.Given(Raised()).When(new AcceptNeed("someday")).ThenThrows<InvalidCommandException>();

    [Fact]
    public void Accepting_with_an_unknown_handling_class_names_the_field() =>
        Spec.Given(Raised()).When(new AcceptNeed("someday")).ThenInvalid("handlingClass");

    [Fact]
    public void Accepting_a_need_twice_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new AcceptNeed(null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Accepting_a_missing_need_is_not_found() =>
        Spec.Given().When(new AcceptNeed(null)).ThenThrows<NotFoundException>();

    // ---- RejectNeed -----------------------------------------------------------------------------------------------

    [Fact]
    public void Rejecting_a_raised_need_records_the_reason() =>
        Spec.Given(Raised())
            .When(new RejectNeed(" 不属于本社区 "))
            .Then(new NeedRejected(NeedId, "不属于本社区", Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.Rejected, need.Status));

    [Fact]
    public void Rejecting_an_accepted_need_is_allowed() =>
        Spec.Given(Raised(), Accepted()).When(new RejectNeed("重复")).Then(new NeedRejected(NeedId, "重复", Actor, Now));

    [Fact]
    public void Rejecting_without_a_reason_is_invalid() =>
        Spec.Given(Raised()).When(new RejectNeed("")).ThenInvalid("reason");

    [Fact]
    public void Rejecting_a_need_in_community_handling_is_refused() =>
        Spec.Given(Raised(), Accepted(), HandlingStarted()).When(new RejectNeed("晚了")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Rejecting_a_missing_need_is_not_found() =>
        Spec.Given().When(new RejectNeed("无")).ThenThrows<NotFoundException>();

    // ---- MergeNeed ------------------------------------------------------------------------------------------------

    [Fact]
    public void Merging_a_duplicate_records_the_original() =>
        Spec.Given(Raised())
            .When(new MergeNeed("need-0000", " 同一垃圾桶 "))
            .Then(new NeedMergedAsDuplicate(NeedId, "need-0000", "同一垃圾桶", Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.Merged, need.Status));

    [Fact]
    public void Merging_without_a_reason_says_it_was_reported_twice() =>
        Spec.Given(Raised(), Accepted())
            .When(new MergeNeed("need-0000", null))
            .Then(new NeedMergedAsDuplicate(NeedId, "need-0000", "重复反映", Actor, Now));

    [Fact]
    public void Merging_into_itself_is_invalid() =>
        Spec.Given(Raised()).When(new MergeNeed(NeedId, null)).ThenInvalid("duplicateOfNeedId");

    [Fact]
    public void Merging_into_nothing_is_invalid() =>
        Spec.Given(Raised()).When(new MergeNeed(" ", null)).ThenInvalid("duplicateOfNeedId");

    [Fact]
    public void Merging_an_escalated_need_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new MergeNeed("need-0000", null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Merging_a_missing_need_is_not_found() =>
        Spec.Given().When(new MergeNeed("need-0000", null)).ThenThrows<NotFoundException>();

    // ---- StartCommunityHandling -----------------------------------------------------------------------------------

    [Fact]
    public void Starting_community_handling_records_the_plan() =>
        Spec.Given(Raised(), Accepted())
            .When(new StartCommunityHandling(" 联系物业清运。 "))
            .Then(new CommunityHandlingStarted(NeedId, "联系物业清运。", Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.InCommunityHandling, need.Status));

    [Fact]
    public void Starting_community_handling_without_a_plan_is_invalid() =>
        Spec.Given(Raised(), Accepted()).When(new StartCommunityHandling(null)).ThenInvalid("plan");

    [Fact]
    public void Starting_community_handling_before_acceptance_is_refused() =>
        Spec.Given(Raised()).When(new StartCommunityHandling("计划")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Starting_community_handling_of_a_missing_need_is_not_found() =>
        Spec.Given().When(new StartCommunityHandling("计划")).ThenThrows<NotFoundException>();

    // ---- EscalateNeed (吹哨) ---------------------------------------------------------------------------------------

    [Fact]
    public void Escalating_an_accepted_need_hands_it_to_the_case() =>
        Spec.Given(Raised(), Accepted())
            .When(new EscalateNeed(CaseId, WhistleLevels.District, false))
            .Then(new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.District, false, Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Escalated, need.Status);
                Assert.Equal(CaseId, need.CaseId);
                Assert.Null(need.HandleBy);
            });

    [Fact]
    public void Escalating_a_need_in_community_handling_is_allowed() =>
        Spec.Given(Raised(), Accepted(), HandlingStarted())
            .When(new EscalateNeed(CaseId, WhistleLevels.Street, false))
            .Then(new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, false, Actor, Now));

    [Fact]
    public void Escalating_a_micro_wish_is_refused() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted())
            .When(new EscalateNeed(CaseId, WhistleLevels.Street, false))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_a_need_not_yet_accepted_is_refused() =>
        Spec.Given(Raised()).When(new EscalateNeed(CaseId, WhistleLevels.Street, false)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_an_escalated_need_again_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new EscalateNeed("case-0002", WhistleLevels.Street, false)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_a_missing_need_is_not_found() =>
        Spec.Given().When(new EscalateNeed(CaseId, WhistleLevels.Street, false)).ThenThrows<NotFoundException>();

    // ---- MarkNeedOverdue: the community's time limit ---------------------------------------------------------------

    [Fact]
    public void An_overdue_accepted_need_is_escalated_to_the_street_automatically() =>
        Spec.Given(Raised(), Accepted())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .Then(
                new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now),
                new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, true, Actor, Now))
            .AndState(need =>
            {
                Assert.True(need.OverdueInRound);
                Assert.Equal(NeedStatus.Escalated, need.Status);
            });

    [Fact]
    public void An_overdue_need_in_community_handling_is_escalated_too() =>
        Spec.Given(Raised(), Accepted(), HandlingStarted())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .Then(
                new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now),
                new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, true, Actor, Now));

    [Fact]
    public void An_overdue_micro_wish_is_recorded_but_not_escalated() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .Then(new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now))
            .AndState(need => Assert.Equal(NeedStatus.Accepted, need.Status));

    [Fact]
    public void A_deadline_of_another_round_decides_nothing() =>
        Spec.Given(Raised(), Accepted())
            .When(new MarkNeedOverdue(2, AcceptedAt.AddHours(168), CaseId))
            .ThenNothing();

    [Fact]
    public void A_deadline_already_marked_overdue_decides_nothing() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), new NeedOverdue(NeedId, AcceptedAt.AddHours(168), Now.AddMinutes(-5)))
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .ThenNothing();

    [Fact]
    public void A_deadline_of_a_need_already_escalated_decides_nothing() =>
        Spec.Given(Raised(), Accepted(), Escalated())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), "case-0002"))
            .ThenNothing();

    [Fact]
    public void A_deadline_of_a_resolved_need_decides_nothing() =>
        Spec.Given(Raised(), Accepted(), Resolved())
            .When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId))
            .ThenNothing();

    [Fact]
    public void A_deadline_of_the_round_before_a_reopen_decides_nothing_but_the_new_round_does()
    {
        var reopened = new NeedReopened(NeedId, "又满了", Now.AddHours(10), "staff-community-1", Now.AddHours(-158));
        NeedEvent[] history = [Raised(), Accepted(), Resolved(), Feedback(), Closed(), reopened];

        Spec.Given(history).When(new MarkNeedOverdue(1, AcceptedAt.AddHours(168), CaseId)).ThenNothing();
        Spec.Given(history)
            .When(new MarkNeedOverdue(2, Now.AddHours(10), CaseId), at: Now.AddHours(10))
            .Then(
                new NeedOverdue(NeedId, Now.AddHours(10), Now.AddHours(10)),
                new NeedEscalatedByWhistle(NeedId, CaseId, WhistleLevels.Street, true, Actor, Now.AddHours(10)));
    }

    [Fact]
    public void A_deadline_of_a_missing_need_decides_nothing() =>
        Spec.Given().When(new MarkNeedOverdue(1, Now, CaseId)).ThenNothing();

    // ---- MatchNeedToProject ---------------------------------------------------------------------------------------

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

    // ---- ClaimMicroWish -------------------------------------------------------------------------------------------

    [Fact]
    public void Claiming_a_published_micro_wish_records_the_volunteer() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), new MicroWishPublished(NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", Place, AcceptedAt))
            .When(new ClaimMicroWish("volunteer-1", "李四"))
            .Then(new MicroWishClaimed(NeedId, "volunteer-1", "李四", Now))
            .AndState(need => Assert.Equal("volunteer-1", need.ClaimedBy));

    [Fact]
    public void Claiming_again_by_the_same_volunteer_decides_nothing() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), new MicroWishClaimed(NeedId, "volunteer-1", "李四", Now.AddHours(-1)))
            .When(new ClaimMicroWish("volunteer-1", "李四"))
            .ThenNothing();

    [Fact]
    public void Claiming_a_closed_micro_wish_decides_nothing() =>
        Spec.Given(Raised(Need.MicroWishCategory), Accepted(), Resolved(ResolutionSources.MicroWish), Feedback(), Closed())
            .When(new ClaimMicroWish("volunteer-1", "李四"))
            .ThenNothing();

    [Fact]
    public void Claiming_a_need_that_is_not_a_micro_wish_is_refused() =>
        Spec.Given(Raised("env"), Accepted()).When(new ClaimMicroWish("volunteer-1", "李四")).ThenThrows<RuleViolationException>();

    // ---- ResolveNeed ----------------------------------------------------------------------------------------------

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

    // ---- RecordFeedback (回访) -------------------------------------------------------------------------------------

    [Fact]
    public void Feedback_is_recorded_on_a_resolved_need() =>
        Spec.Given(Raised(), Accepted(), Resolved())
            .When(new RecordFeedback(true, false, " 清运太慢 "))
            .Then(new FeedbackRecorded(NeedId, true, false, "清运太慢", Actor, Now))
            .AndState(need => Assert.True(need.FeedbackGiven));

    [Theory]
    [InlineData("resolved")]
    [InlineData("satisfied")]
    [InlineData("comment")]
    public void Malformed_feedback_names_the_field(string field)
    {
        var command = field switch
        {
            "resolved" => new RecordFeedback(null, true, null),
            "satisfied" => new RecordFeedback(true, null, null),
            _ => new RecordFeedback(true, true, new string('好', 1001)),
        };
        Spec.Given(Raised(), Accepted(), Resolved()).When(command).ThenInvalid(field);
    }

    [Fact]
    public void Feedback_twice_in_one_round_is_refused() =>
        Spec.Given(Raised(), Accepted(), Resolved(), Feedback()).When(new RecordFeedback(true, true, null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Feedback_on_an_unresolved_need_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new RecordFeedback(true, true, null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Feedback_on_a_missing_need_is_not_found() =>
        Spec.Given().When(new RecordFeedback(true, true, null)).ThenThrows<NotFoundException>();

    // ---- CloseNeed ------------------------------------------------------------------------------------------------

    [Fact]
    public void Closing_a_resolved_need() =>
        Spec.Given(Raised(), Accepted(), Resolved(), Feedback())
            .When(new CloseNeed())
            .Then(new NeedClosed(NeedId, Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.Closed, need.Status));

    [Fact]
    public void Closing_an_unresolved_need_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new CloseNeed()).ThenThrows<RuleViolationException>();

    [Fact]
    public void Closing_a_missing_need_is_not_found() =>
        Spec.Given().When(new CloseNeed()).ThenThrows<NotFoundException>();

    // ---- a need its whistle case holds ---------------------------------------------------------------------------

    private static NeedResolved ResolvedByCase() => new(NeedId, "已疏通。", ResolutionSources.WhistleCase, "staff-community-1", Now.AddHours(-2));

    [Fact]
    public void A_need_resolved_by_its_open_case_cannot_be_closed_by_hand_but_closes_with_the_case() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new CloseNeed())
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void The_case_closing_closes_the_need_it_holds() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new CloseNeed(CaseId))
            .Then(new NeedClosed(NeedId, Actor, Now));

    [Fact]
    public void A_need_resolved_by_its_open_case_takes_its_feedback_only_from_the_case() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new RecordFeedback(true, true, null))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void A_need_resolved_by_its_open_case_is_not_reopened_by_hand_so_the_case_can_still_be_reopened() =>
        Spec.Given(Raised(), Accepted(), Escalated(), ResolvedByCase())
            .When(new ReopenNeed("居民不满意"))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void A_need_resolved_by_its_open_case_cannot_be_resolved_again_by_the_community() =>
        Spec.Given(Raised(), Accepted(), Escalated())
            .When(new ResolveNeed("社区自行处理了", ResolutionSources.Community))
            .ThenThrows<RuleViolationException>();

    // ---- ReopenNeed -----------------------------------------------------------------------------------------------

    [Fact]
    public void Reopening_a_closed_need_starts_a_new_round_with_a_new_deadline_of_its_class() =>
        Spec.Given(Raised("sewer"), Accepted("utility", 24), Resolved(), Feedback(false, false), Closed())
            .When(new ReopenNeed(" 又堵了 "))
            .Then(new NeedReopened(NeedId, "又堵了", Now.AddHours(24), Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Accepted, need.Status);
                Assert.Equal(2, need.Round);
                Assert.False(need.OverdueInRound);
                Assert.False(need.FeedbackGiven);
                Assert.Equal(Now.AddHours(24), need.HandleBy);
            });

    [Fact]
    public void Reopening_a_resolved_need_is_allowed() =>
        Spec.Given(Raised(), Accepted(), Resolved())
            .When(new ReopenNeed("没清干净"))
            .Then(new NeedReopened(NeedId, "没清干净", Now.AddHours(168), Actor, Now));

    [Fact]
    public void Reopening_without_a_reason_is_invalid() =>
        Spec.Given(Raised(), Accepted(), Resolved()).When(new ReopenNeed(null)).ThenInvalid("reason");

    [Fact]
    public void Reopening_an_open_need_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new ReopenNeed("再办")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Reopening_a_missing_need_is_not_found() =>
        Spec.Given().When(new ReopenNeed("再办")).ThenThrows<NotFoundException>();

    // ---- ReturnNeedToCase (重办 by the department) ----------------------------------------------------------------

    [Fact]
    public void A_need_resolved_by_its_case_returns_to_the_case() =>
        Spec.Given(Raised(), Accepted(), Escalated(), Resolved(ResolutionSources.WhistleCase), Feedback(false, false))
            .When(new ReturnNeedToCase(CaseId, "居民不满意"))
            .Then(new NeedReturnedToCase(NeedId, CaseId, "居民不满意", Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Escalated, need.Status);
                Assert.False(need.FeedbackGiven);
            });

    [Fact]
    public void Returning_to_another_case_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated(), Resolved(ResolutionSources.WhistleCase))
            .When(new ReturnNeedToCase("case-0002", "居民不满意"))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void Returning_an_unresolved_need_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new ReturnNeedToCase(CaseId, "居民不满意")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Returning_a_missing_need_is_not_found() =>
        Spec.Given().When(new ReturnNeedToCase(CaseId, "居民不满意")).ThenThrows<NotFoundException>();

    private static MediaReference KeptPhoto(int number) => new($"0193a000-0000-7000-8000-00000000000{number}", null, new string('a', 63) + number);

    [Fact]
    public void A_photo_is_added_to_a_need_that_is_being_worked_on()
    {
        Spec.Given(Raised(), Accepted(), Escalated())
            .When(new AddNeedMedia([KeptPhoto(1)]))
            .Then(new NeedMediaAdded(NeedId, [KeptPhoto(1)], Actor, Now))
            .AndState(need => Assert.Equal(1, need.MediaCount));
    }

    [Fact]
    public void A_closed_or_rejected_need_takes_no_more_photos()
    {
        Spec.Given(Raised(), Accepted(), Resolved(), Feedback(), Closed()).When(new AddNeedMedia([KeptPhoto(1)])).ThenThrows<RuleViolationException>();
        Spec.Given(Raised(), new NeedRejected(NeedId, "不属于本社区", "staff-community-1", AcceptedAt)).When(new AddNeedMedia([KeptPhoto(1)])).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void A_need_keeps_at_most_five_files_counting_those_sent_when_it_was_raised()
    {
        var raisedWithThree = Raised() with { Media = [KeptPhoto(1), KeptPhoto(2), new MediaReference(null, "https://example.org/3.jpg")] };

        Spec.Given(raisedWithThree).When(new AddNeedMedia([KeptPhoto(4), KeptPhoto(5), KeptPhoto(6)])).ThenInvalid("media");
        Spec.Given(raisedWithThree).When(new AddNeedMedia([KeptPhoto(4), KeptPhoto(5)])).Then(new NeedMediaAdded(NeedId, [KeptPhoto(4), KeptPhoto(5)], Actor, Now));
    }

    [Fact]
    public void A_kept_file_without_its_digest_or_a_link_that_is_not_the_web_is_refused()
    {
        Spec.Given(Raised()).When(new AddNeedMedia([new MediaReference("0193a000-0000-7000-8000-000000000001", null)])).ThenInvalid("media");
        Spec.Given(Raised()).When(new AddNeedMedia([new MediaReference(null, "javascript:alert(1)")])).ThenInvalid("media");
        Spec.Given(Raised()).When(new AddNeedMedia([])).ThenInvalid("media");
    }
}
