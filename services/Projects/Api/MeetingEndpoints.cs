using Platform.Projects.Meetings;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Projects.Api;

/// <summary>Joint meetings (联席会议): the schedule, a meeting's page, its drafted agenda, the roster and the 反馈清单
/// here; each command's endpoint in its use case's folder.</summary>
public static class MeetingEndpoints
{
    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var meetings = endpoints.MapGroup("/meetings").WithTags("Joint meetings");
        meetings.MapGet("", ListAsync).RequireAccess(ProjectsActions.ReadMeetings).WithName("ListMeetings")
            .WithSummary("联席会议安排与记录，按调用者的范围筛选，最近的在前；status=scheduled|open|closed。");
        meetings.MapGet("/roster", RosterAsync).RequireAccess(ProjectsActions.ReadMeetings).WithName("GetMeetingRoster")
            .WithSummary("联席会议的轮值主席名单、下一任轮值主席与已开会次数；社区写 communityId，街道写 streetId，全区都不写。");
        meetings.MapGet("/{meetingId}", GetAsync).RequireAccess(ProjectsActions.ReadMeetings).WithName("GetMeeting")
            .WithSummary("一次联席会议：轮值主席与筹备任务、议题、议程、出席、决定、对以前决定的评议与纪要摘要。");
        meetings.MapGet("/{meetingId}/agenda", AgendaAsync).RequireAccess(ProjectsActions.ReadMeetings).WithName("GetMeetingAgenda")
            .WithSummary("会议议程：未开会时为服务按当前情况起草的（反馈清单、截止前受理的需求与提出的议题、可对接资源，其余留待下次会议），开会后为固定的。");
        SetRosterEndpoint.Map(meetings);
        ScheduleMeetingEndpoint.Map(meetings);
        ProposeTopicEndpoint.Map(meetings);
        OpenMeetingEndpoint.Map(meetings);
        RecordDecisionEndpoint.Map(meetings);
        ReviewDecisionEndpoint.Map(meetings);
        CloseMinutesEndpoint.Map(meetings);
        endpoints.MapGet("/feedback", FeedbackAsync).RequireAccess(ProjectsActions.ReadMeetings).WithTags("Joint meetings").WithName("GetFeedbackList")
            .WithSummary("反馈清单：本社区（或街道、全区）联席会议以前的决定中尚未完成或撤销的，各自的落实情况与最近一次评议。");
        return endpoints;
    }

    public sealed record MeetingOutcome(string Id, string Status, long Version);

    public sealed record RosterOutcome(string PartyId, IReadOnlyList<string> Roster, long Version);

    public sealed record DecisionOutcome(string MeetingId, string? ProjectId, long Version);

    public sealed record MeetingSummary(
        string Id, int Number, string PartyId, string Level, string PartyName, DateTimeOffset HeldAt, string Place, string ChairName, string Status, string StatusName,
        int Decisions, int Reviews, long Version);

    public sealed record AgendaItemView(string Kind, string KindName, string RefId, string Title, string? Detail, bool Urgent);

    public sealed record AgendaView(string MeetingId, bool Fixed, DateOnly TopicsCloseOn, IReadOnlyList<AgendaItemView> Items, IReadOnlyList<AgendaItemView> Deferred);

    public sealed record ReviewView(string DecisionId, string Outcome, string OutcomeName, string Reason, DateOnly? NewDueOn);

    public sealed record MeetingDetail(
        MeetingSummary Summary, DateOnly TopicsCloseOn, IReadOnlyList<PreparationTask> Preparation, IReadOnlyList<ProposedTopic> Topics,
        IReadOnlyList<Attendee> Attendees, IReadOnlyList<DecisionView> Decisions, IReadOnlyList<ReviewView> Reviews, string? MinutesSummary,
        IReadOnlyList<int> Reminded);

    public sealed record RosterView(string PartyId, string PartyName, IReadOnlyList<RosterMember> Roster, RosterMember? NextChair, int MeetingsHeld, long Version);

    public sealed record FeedbackItem(
        string DecisionId, int MeetingNumber, DateTimeOffset MeetingHeldAt, string Title, string Kind, string? ProjectId, string Standing, bool Overdue,
        ReviewView? LastReview);

    public sealed record FeedbackList(string PartyId, string PartyName, IReadOnlyList<FeedbackItem> Items);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, MeetingQueries queries, OrganizationDirectory directory, string? status, string? level, string? streetId,
        string? communityId, string? heldIn, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or MeetingView.Scheduled or MeetingView.Open or MeetingView.Closed, "status", $"未知的会议状态「{status}」（应为 scheduled、open 或 closed）。")
            .Require(heldIn is null || DistrictTime.TryParseMonth(heldIn, out _, out _), "heldIn", "月份须写作 yyyy-MM，如 2026-11。")
            .Require(level is null or CouncilParty.Community or CouncilParty.Street or CouncilParty.District, "level", $"未知的会议层级「{level}」。")
            .ThrowIfInvalid();
        var found = await queries.ListMeetingsAsync(user, new MeetingFilter(status, level, streetId, communityId, CommandRequests.Paging(page, pageSize), heldIn), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(view => view.PartyId), cancellationToken);
        return TypedResults.Ok(found.Select(view => Summary(view, names)));
    }

    private static async Task<IResult> GetAsync(
        string meetingId, HttpContext http, AccessGuard guard, MeetingQueries queries, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableMeetingAsync(user, meetingId, guard, queries, cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, [view.PartyId], cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new MeetingDetail(
            Summary(view, names), view.TopicsCloseOn, view.Preparation, view.Topics, view.Attendees, view.Decisions, [.. view.Reviews.Select(Review)], view.Summary,
            view.Reminded));
    }

    private static async Task<IResult> AgendaAsync(
        string meetingId, HttpContext http, AccessGuard guard, MeetingQueries queries, AgendaDrafting drafting, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableMeetingAsync(user, meetingId, guard, queries, cancellationToken);
        if (view.Status != MeetingView.Scheduled)
            return TypedResults.Ok(new AgendaView(meetingId, Fixed: true, view.TopicsCloseOn, [.. view.Agenda.Select(Item)], [.. view.Deferred.Select(Item)]));
        await using var scope = runner.Begin(CommandRequests.Origin(http, user));
        var council = await scope.LoadAsync(CouncilDecider.Decider, view.PartyId, cancellationToken: cancellationToken);
        var drafted = await drafting.DraftAsync(user.DistrictCode, council.State, council.State.Meeting(meetingId)!, cancellationToken);
        return TypedResults.Ok(new AgendaView(meetingId, Fixed: false, view.TopicsCloseOn, [.. drafted.Items.Select(Item)], [.. drafted.Deferred.Select(Item)]));
    }

    private static async Task<IResult> RosterAsync(
        HttpContext http, AccessGuard guard, OrganizationDirectory directory, MeetingQueries queries, string? streetId, string? communityId,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var party = await PartyAsync(user, guard, directory, streetId, communityId, cancellationToken);
        var council = await queries.FindCouncilAsync(user.DistrictCode, party.PartyId, cancellationToken) ?? new CouncilView();
        var names = await directory.NamesAsync(user.DistrictCode, [party.PartyId], cancellationToken);
        // The meeting already scheduled has its chair; otherwise the next member in turn will chair the next one.
        var last = council.Meetings.LastOrDefault();
        var nextChair = last is { Status: MeetingView.Scheduled } ? last.Chair : Council.NextChair(council.Roster, last?.Chair.UnitId);
        return TypedResults.Ok(new RosterView(party.PartyId, PartyName(party.PartyId, names), council.Roster, nextChair,
            council.Meetings.Count(meeting => meeting.Status != MeetingView.Scheduled), council.Version));
    }

    private static async Task<IResult> FeedbackAsync(
        HttpContext http, AccessGuard guard, OrganizationDirectory directory, MeetingQueries queries, ProjectQueries projects, TimeProvider clock,
        string? streetId, string? communityId, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        // Community and street staff read their own place's list, whatever they ask for.
        communityId = user.Role == PlatformRole.CommunityStaff ? user.CommunityId : communityId;
        streetId = user.Role == PlatformRole.StreetStaff && communityId is null ? user.StreetId : streetId;
        var party = await PartyAsync(user, guard, directory, streetId, communityId, cancellationToken);
        var council = await queries.FindCouncilAsync(user.DistrictCode, party.PartyId, cancellationToken) ?? new CouncilView();
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var reviews = council.Meetings.SelectMany(meeting => meeting.Reviews).ToList();
        var items = new List<FeedbackItem>();
        foreach (var meeting in council.Meetings)
        {
            foreach (var decided in meeting.Decisions)
            {
                var decision = decided.Decision;
                var last = reviews.LastOrDefault(review => review.DecisionId == decision.DecisionId);
                if (last is { Settles: true }) continue;
                var project = decision.ProjectId is null ? null : await projects.FindProjectAsync(user.DistrictCode, decision.ProjectId, cancellationToken);
                var dueOn = last?.NewDueOn ?? decision.DueOn;
                var overdue = project is not null ? project.Status == ProjectView.Active && project.Tasks.Any(task => task.IsOverdue(today)) : dueOn < today;
                items.Add(new FeedbackItem(decision.DecisionId, meeting.Number, meeting.HeldAt, decision.Title, decision.Kind, decision.ProjectId,
                    AgendaDrafting.Standing(project, decision, today), overdue, last is null ? null : Review(last)));
            }
        }
        var names = await directory.NamesAsync(user.DistrictCode, [party.PartyId], cancellationToken);
        return TypedResults.Ok(new FeedbackList(party.PartyId, PartyName(party.PartyId, names), items));
    }

    internal static string TitleOf(object data) => data switch
    {
        RosterSet set => $"设定轮值名单（{set.Roster.Count} 个成员单位）",
        MeetingScheduled scheduled => $"安排第 {scheduled.Number} 次联席会议（{scheduled.HeldAt.ToDistrict():yyyy-MM-dd HH:mm}，轮值主席{scheduled.Chair.Name}）",
        TopicProposed proposed => $"提出议题「{proposed.Title}」{(proposed.Urgent ? "（紧急）" : "")}",
        MeetingOpened opened => $"开会：议程 {opened.Agenda.Count} 项，出席 {opened.Attendees.Count} 个单位或人员",
        DecisionRecorded recorded => recorded.Decision.Kind == MeetingDecision.Project ? $"决定立项「{recorded.Decision.Title}」" : $"议定「{recorded.Decision.Title}」",
        DecisionReviewed reviewed => $"评议「{reviewed.DecisionTitle}」：{DecisionReview.Names.GetValueOrDefault(reviewed.Review.Outcome)}",
        MinutesClosed => "纪要办结",
        MinutesReminded reminded => $"纪要开会 {reminded.DaysOpen} 天未办结，已提醒",
        _ => data.GetType().Name,
    };

    internal static string StatusName(string status) => status switch
    {
        MeetingView.Scheduled => "待召开",
        MeetingView.Open => "纪要待办结",
        MeetingView.Closed => "纪要已办结",
        _ => status,
    };

    private static string PartyName(string partyId, IReadOnlyDictionary<string, string> names) => names.GetValueOrDefault(partyId, "全区");

    private static MeetingSummary Summary(MeetingView view, IReadOnlyDictionary<string, string> names) => new(
        view.Id, view.Number, view.PartyId, view.Level, PartyName(view.PartyId, names), view.HeldAt, view.Place, view.Chair.Name, view.Status, StatusName(view.Status),
        view.Decisions.Count, view.Reviews.Count, view.Version);

    private static AgendaItemView Item(AgendaItem item) => new(item.Kind, item.Kind switch
    {
        AgendaItem.Feedback => "反馈清单",
        AgendaItem.Need => "需求",
        AgendaItem.Offer => "可对接资源",
        _ => "议题",
    }, item.RefId, item.Title, item.Detail, item.Urgent);

    private static ReviewView Review(DecisionReview review) =>
        new(review.DecisionId, review.Outcome, DecisionReview.Names.GetValueOrDefault(review.Outcome, review.Outcome), review.Reason, review.NewDueOn);

    private static OrgLocation LocationOf(PlatformUser user, string? streetId, string? communityId) =>
        streetId is null && communityId is null ? OrgLocation.District(user.DistrictCode) : new OrgLocation(user.DistrictCode, streetId, communityId);

    internal static async Task<MeetingView> ReadableMeetingAsync(
        PlatformUser user, string meetingId, AccessGuard guard, MeetingQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindMeetingAsync(user.DistrictCode, meetingId, cancellationToken) ?? throw new NotFoundException($"联席会议「{meetingId}」不存在。");
        guard.EnsureCovers(user, LocationOf(user, view.StreetId, view.CommunityId), $"第 {view.Number} 次联席会议");
        return view;
    }

    internal static Task<MeetingView> ManagedMeetingAsync(
        PlatformUser user, string meetingId, AccessGuard guard, MeetingQueries queries, CancellationToken cancellationToken) =>
        ReadableMeetingAsync(user, meetingId, guard, queries, cancellationToken);

    /// <summary>The council a request names: a community's 大党委, a street's, or (neither named) the district's; the
    /// caller must cover it.</summary>
    internal static async Task<CouncilParty> PartyAsync(
        PlatformUser user, AccessGuard guard, OrganizationDirectory directory, string? streetId, string? communityId, CancellationToken cancellationToken)
    {
        CouncilParty party;
        if (!string.IsNullOrWhiteSpace(communityId))
        {
            var community = await directory.FindAsync(user.DistrictCode, communityId.Trim(), cancellationToken);
            if (community is not { Kind: OrganizationUnitKinds.Community, Closed: false, StreetId: { } street })
                throw new InvalidReferenceException("communityId", $"本区没有社区「{communityId}」。");
            party = new CouncilParty(community.UnitId, CouncilParty.Community, street, community.UnitId);
        }
        else if (!string.IsNullOrWhiteSpace(streetId))
        {
            var found = await directory.FindAsync(user.DistrictCode, streetId.Trim(), cancellationToken);
            if (found is not { Kind: OrganizationUnitKinds.Street, Closed: false }) throw new InvalidReferenceException("streetId", $"本区没有街道「{streetId}」。");
            party = new CouncilParty(found.UnitId, CouncilParty.Street, found.UnitId, null);
        }
        else party = new CouncilParty(user.DistrictCode, CouncilParty.District, null, null);
        guard.EnsureCovers(user, LocationOf(user, party.StreetId, party.CommunityId), "该联席会议");
        return party;
    }

    /// <summary>A command on one meeting, decided on its council's stream after the caller's scope over the meeting is
    /// checked; <paramref name="command"/> may read the council's state (the agenda is drafted from it).</summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, MeetingQueries queries, CommandRunner runner, string meetingId,
        Func<Council, PlatformUser, Task<CouncilCommand>> command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ManagedMeetingAsync(user, meetingId, guard, queries, cancellationToken);
        var (version, status) = await runner.ExecuteAsync(CommandRequests.Origin(http, user), async scope =>
        {
            var council = await scope.LoadAsync(CouncilDecider.Decider, view.PartyId, CommandRequests.ExpectedVersion(http), cancellationToken: cancellationToken);
            scope.Decide(council, await command(council.State, user));
            return (council.Version, council.State.Meeting(meetingId)!.Status);
        }, cancellationToken);
        CommandRequests.SetVersion(http, version);
        return TypedResults.Ok(new MeetingOutcome(meetingId, status switch
        {
            MeetingStatus.Open => MeetingView.Open,
            MeetingStatus.Closed => MeetingView.Closed,
            _ => MeetingView.Scheduled,
        }, version));
    }
}
