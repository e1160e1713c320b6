using Marten;
using Platform.EventSourcing.Audit;
using Platform.Projects.Copies;
using Platform.Projects.ProjectList;
using Platform.Storage.Views;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Projects.Api;

/// <summary>The 项目清单 and each project's 责任清单: the list, a project's page and the needs a project could take in
/// here, each command's endpoint in its use case's folder.</summary>
public static class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var projects = endpoints.MapGroup("/projects").WithTags("Projects");
        projects.MapGet("", ListAsync).RequireAccess(ProjectsActions.ReadProjects).WithName("ListProjects")
            .WithSummary("项目清单，按调用者的范围筛选（共建单位只见其负责任务的项目），进行中的在前；overdue=true 只看有任务逾期的。");
        projects.MapGet("/{projectId}", GetAsync).RequireAccess(ProjectsActions.ReadProjects).WithName("GetProject")
            .WithSummary("一个项目：回应的需求、责任清单（每项任务的责任方、时限、进展节点、是否逾期）、由节点计出的进度与变更经过；ETag 为其版本号。");
        DecideProjectEndpoint.Map(projects);
        TakeNeedEndpoint.Map(projects);
        AssignTaskEndpoint.Map(projects);
        ReachMilestoneEndpoint.Map(projects);
        CompleteProjectEndpoint.Map(projects);
        AddTaskEvidenceEndpoint.Map(projects);
        ClaimProjectEndpoint.Map(projects);
        ConfirmClaimEndpoint.Map(projects);
        EscalateTaskEndpoint.Map(projects);
        RequestResourceEndpoint.Map(projects);
        ClaimEndpoints.Map(endpoints, projects);
        endpoints.MapGet("/notices", NoticesAsync).RequireAccess(ProjectsActions.ReadProjects).WithTags("Projects").WithName("ListOverdueNotices")
            .WithSummary("任务逾期提醒：逾期次日提醒责任方，3 天后仍未完成报告轮值主席；社区与街道见本辖区的，共建单位只见发给本单位的；最新的在前。");
        endpoints.MapGet("/needs", AcceptedNeedsAsync).RequireAccess(ProjectsActions.ManageProjects).WithTags("Projects").WithName("ListNeedsForProjects")
            .WithSummary("本社区（或本街道）已受理、尚未办结的需求，可列入项目；最早受理的在前。");
        return endpoints;
    }

    public sealed record ProjectSummary(
        string Id, string Name, string StreetId, string StreetName, string? CommunityId, string PartyName, string Status, string StatusName, DateOnly DueOn,
        int Tasks, int TasksDone, int TasksOverdue, int ProgressPercent, int Needs, DateTimeOffset DecidedAt, long Version);

    /// <param name="Partners">The units whose confirmed claims make them answer for the task beside its owner.</param>
    public sealed record TaskView(
        string TaskId, string What, string OwnerName, string? UnitId, IReadOnlyList<string> Partners, DateOnly Deadline, DateOnly? DoneOn, bool Overdue,
        string StatusName, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<EvidenceView> Evidence, TaskWhistleView? Whistle);

    /// <param name="Reads">The claim in one line: who, on what, with what pledge.</param>
    /// <param name="DeliveredOn">When the completed project delivered the pledge, which Resources then credits to the unit.</param>
    public sealed record ClaimSummary(
        string ClaimId, string UnitId, string UnitName, string? TaskId, string? Task, ClaimPledge? Pledge, string? Note, string Status, string StatusName,
        string Reads, DateTimeOffset ClaimedAt, DateTimeOffset? DecidedAt, string? Reason, DateOnly? DeliveredOn);

    /// <param name="YourTasks">The tasks the caller's unit answers for (empty for staff), so that a unit member's page offers only those.</param>
    public sealed record ProjectDetail(
        ProjectSummary Summary, string Description, string? Funding, IReadOnlyList<ProjectNeed> Needs, IReadOnlyList<TaskView> Tasks,
        IReadOnlyList<ClaimSummary> Claims, IReadOnlyList<string> YourTasks, string? CompletionSummary, DateTimeOffset? CompletedAt, string? DropReason,
        IReadOnlyList<ResourceRequestView> Resources, IReadOnlyList<ProjectChange> Changes);

    public sealed record ProjectChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record ProjectOutcome(string Id, string Status, long Version);

    public sealed record NeedForProject(string NeedId, string Title, string Category, string? CommunityId, string? CommunityName, DateTimeOffset AcceptedAt);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, ProjectQueries queries, OrganizationDirectory directory, TimeProvider clock, string? status, string? streetId,
        string? communityId, string? coBuildingUnitId, string? needId, bool? overdue, string? q, string? decidedIn, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or ProjectView.Active or ProjectView.Completed or ProjectView.Dropped, "status",
                $"未知的项目状态「{status}」（应为 active、completed 或 dropped）。")
            .Require(decidedIn is null || DistrictTime.TryParseMonth(decidedIn, out _, out _), "decidedIn", "月份须写作 yyyy-MM，如 2026-11。")
            .ThrowIfInvalid();
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var found = await queries.ListProjectsAsync(
            user, new ProjectFilter(status, streetId, communityId, coBuildingUnitId, needId, overdue, q, CommandRequests.Paging(page, pageSize), decidedIn), today,
            cancellationToken);
        return TypedResults.Ok(await SummariesAsync(user, directory, found, today, cancellationToken));
    }

    internal static async Task<ResultPage<ProjectSummary>> SummariesAsync(
        PlatformUser user, OrganizationDirectory directory, ResultPage<ProjectView> found, DateOnly today, CancellationToken cancellationToken)
    {
        var names = await PlaceNamesAsync(user, directory, found.Items, cancellationToken);
        return found.Select(view => Summary(view, names, today));
    }

    private static async Task<IResult> GetAsync(
        string projectId, HttpContext http, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, OrganizationDirectory directory, IDocumentStore store,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableProjectAsync(user, projectId, guard, queries, copies, clock, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Project.StreamId(projectId), token: cancellationToken);
        var names = await PlaceNamesAsync(user, directory, [view], cancellationToken);
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new ProjectDetail(
            Summary(view, names, today), view.Summary, view.Funding, view.Needs,
            [.. view.Tasks.Select(task => new TaskView(
                task.TaskId, task.What, task.Owner.Name, task.Owner.UnitId,
                [.. view.Claims.Where(claim => claim.Status == ClaimView.Confirmed && claim.TaskId == task.TaskId).Select(claim => claim.UnitName)],
                task.Deadline, task.DoneOn, task.IsOverdue(today), TaskStatusName(task, today), [.. view.Milestones.Where(milestone => milestone.TaskId == task.TaskId)],
                [.. view.Evidence.Where(evidence => evidence.TaskId == task.TaskId)], view.Whistles.FirstOrDefault(whistle => whistle.TaskId == task.TaskId)))],
            [.. view.Claims.Where(claim => user.Role != PlatformRole.UnitMember || claim.UnitId == user.UnitId).Select(ClaimEndpoints.Summary)],
            user.Role == PlatformRole.UnitMember ? [.. view.Tasks.Where(task => view.Answers(user.UnitId, task.TaskId)).Select(task => task.TaskId)] : [],
            view.CompletionSummary, view.CompletedAt, view.DropReason, view.Resources,
            [.. events.Select(stored => new ProjectChange(stored.Version, TitleOf(stored.Data), ((ProjectEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    private static async Task<IResult> NoticesAsync(
        HttpContext http, AccessGuard guard, ProjectQueries queries, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListNoticesAsync(guard.CurrentUser(http), CommandRequests.Paging(page, pageSize), cancellationToken));

    private static async Task<IResult> AcceptedNeedsAsync(
        HttpContext http, AccessGuard guard, ProjectCopies copies, OrganizationDirectory directory, string? streetId, string? communityId, int? limit,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        // Community staff see their own community's needs, street staff their street's, whatever they ask for.
        communityId = user.Role == PlatformRole.CommunityStaff ? user.CommunityId : communityId;
        streetId = user.Role == PlatformRole.StreetStaff ? user.StreetId : streetId;
        new Validation().Require(limit is null or (>= 1 and <= 500), "limit", "limit 须在 1 到 500 之间。").ThrowIfInvalid();
        var needs = await copies.AcceptedNeedsAsync(user.DistrictCode, streetId, communityId, limit ?? 100, cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, needs.Select(need => need.CommunityId).OfType<string>(), cancellationToken);
        return TypedResults.Ok(needs.Select(need => new NeedForProject(
            need.RecordId, need.Facts.Title, need.Facts.Category, need.CommunityId, need.CommunityId is null ? null : names.GetValueOrDefault(need.CommunityId),
            need.ChangedAt)).ToList());
    }

    internal static string TitleOf(object data) => data switch
    {
        ProjectDecided decided => $"立项：{decided.Name}（责任清单 {decided.Tasks.Count} 项）",
        NeedTakenIntoProject taken => $"列入需求「{taken.NeedTitle}」",
        TaskAssigned assigned => $"增加任务「{assigned.Task.What}」，责任方{assigned.Task.Owner.Name}，{assigned.Task.Deadline:yyyy-MM-dd} 前完成",
        MilestoneReached reached => reached.CompletesTask ? $"任务「{reached.Task}」完成：{reached.Title}" : $"任务「{reached.Task}」进展：{reached.Title}",
        ProjectClaimed claimed => $"{claimed.UnitName}认领{(claimed.Task is null ? "整个项目" : $"任务「{claimed.Task}」")}"
            + (claimed.Pledge is { } pledge ? $"，从承诺「{pledge.Commitment}」投入 {pledge.Amount:#,0.##} {ProjectDecider.MeasureName(pledge.Measure)}" : ""),
        ClaimConfirmed confirmed => $"确认{confirmed.UnitName}认领{(confirmed.Task is null ? "整个项目" : $"任务「{confirmed.Task}」")}",
        ClaimDeclined declined => $"不予确认{declined.UnitName}的认领：{declined.Reason}",
        TaskOverdueNoticed noticed => noticed.Stage == OverdueNotice.Owner
            ? $"任务「{noticed.Task}」逾期 {noticed.DaysLate} 天，已提醒{noticed.NoticeTo}"
            : $"任务「{noticed.Task}」逾期 {noticed.DaysLate} 天仍未完成，已报告{noticed.NoticeTo}督办",
        TaskEvidenceAdded added => $"任务「{added.Task}」上传证据「{added.Evidence.FileName}」",
        ProjectDropped dropped => $"联席会议撤销项目：{dropped.Reason}",
        ResourceRequested requested => $"预约资源「{requested.OfferTitle}」：{requested.Date:yyyy-MM-dd}，{requested.Quantity:0.##}，{requested.Purpose}",
        ResourceRequestAnswered answered => answered.Booked ? $"资源「{answered.OfferTitle}」已预约" : $"资源「{answered.OfferTitle}」未能预约：{answered.Refusal}",
        ProjectRescheduled rescheduled => $"联席会议决定继续推进，完成时限由 {rescheduled.DueOn:yyyy-MM-dd} 调整为 {rescheduled.NewDueOn:yyyy-MM-dd}：{rescheduled.Reason}",
        TaskEscalated escalated => $"任务「{escalated.Task}」逾期 {escalated.DaysLate} 天，吹哨至{TaskWhistleView.NameOf(escalated.Level)}：{escalated.Reason}",
        ProjectCompleted => "项目完成",
        PledgeDelivered delivered =>
            $"{delivered.UnitName}认领投入的「{delivered.Pledge.Commitment}」{delivered.Pledge.Amount:#,0.##} {ProjectDecider.MeasureName(delivered.Pledge.Measure)}已交付，计入共建贡献台账",
        _ => data.GetType().Name,
    };

    internal static string StatusCode(ProjectStatus status) => status switch
    {
        ProjectStatus.Completed => ProjectView.Completed,
        ProjectStatus.Dropped => ProjectView.Dropped,
        _ => ProjectView.Active,
    };

    internal static string StatusName(string status) => status switch
    {
        ProjectView.Active => "进行中",
        ProjectView.Completed => "已完成",
        ProjectView.Dropped => "已撤销",
        _ => status,
    };

    private static string TaskStatusName(ResponsibilityTask task, DateOnly today) =>
        task.IsDone ? "已完成" : task.IsOverdue(today) ? $"已逾期 {today.DayNumber - task.Deadline.DayNumber} 天" : "进行中";

    private static ProjectSummary Summary(ProjectView view, IReadOnlyDictionary<string, string> names, DateOnly today) => new(
        view.Id, view.Name, view.StreetId, names.GetValueOrDefault(view.StreetId, view.StreetId), view.CommunityId,
        names.GetValueOrDefault(view.CommunityId ?? view.StreetId, view.CommunityId ?? view.StreetId), view.Status, StatusName(view.Status), view.DueOn,
        view.Tasks.Count, view.Tasks.Count(task => task.IsDone), view.Tasks.Count(task => task.IsOverdue(today)), Project.ProgressPercent(view.Tasks),
        view.Needs.Count, view.DecidedAt, view.Version);

    private static Task<IReadOnlyDictionary<string, string>> PlaceNamesAsync(
        PlatformUser user, OrganizationDirectory directory, IEnumerable<ProjectView> views, CancellationToken cancellationToken) =>
        directory.NamesAsync(user.DistrictCode, views.SelectMany(view => new[] { view.StreetId, view.CommunityId }).OfType<string>(), cancellationToken);

    /// <summary>Whose a project is: its community and street; and a unit's members see it when their unit takes part
    /// (<paramref name="unitTakesPart"/>).</summary>
    private static OrgLocation LocationOf(PlatformUser user, string? streetId, string? communityId, bool unitTakesPart) =>
        new(user.DistrictCode, streetId, communityId, UnitId: unitTakesPart ? user.UnitId : null);

    /// <summary>A project the caller may read: its place's staff, a unit taking part in it, or a unit that could claim it
    /// (one with an agreement in force with its place).</summary>
    internal static async Task<ProjectView> ReadableProjectAsync(
        PlatformUser user, string projectId, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var view = await queries.FindProjectAsync(user.DistrictCode, projectId, cancellationToken) ?? throw new NotFoundException($"项目「{projectId}」不存在。");
        var takesPart = user.UnitId is { } unitId && (view.UnitIds.Contains(unitId)
            || (view.Status == ProjectView.Active && await MayClaimAsync(user, view, copies, clock, cancellationToken)));
        guard.EnsureCovers(user, LocationOf(user, view.StreetId, view.CommunityId, takesPart), $"项目「{view.Name}」");
        return view;
    }

    /// <summary>A project the caller may claim on: for staff, one they run; for a unit's member, one their unit takes part
    /// in or one of a place their unit has an agreement in force with.</summary>
    internal static async Task<ProjectView> ClaimableProjectAsync(
        PlatformUser user, string projectId, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (user.Role != PlatformRole.UnitMember) return await ManagedProjectAsync(user, projectId, guard, queries, cancellationToken);
        var view = await queries.FindProjectAsync(user.DistrictCode, projectId, cancellationToken) ?? throw new NotFoundException($"项目「{projectId}」不存在。");
        // A unit already taking part is answered (its claim refused with the reason when no agreement binds it); any other needs an agreement here.
        var takesPart = view.UnitIds.Contains(user.UnitId) || await MayClaimAsync(user, view, copies, clock, cancellationToken);
        guard.EnsureCovers(user, LocationOf(user, view.StreetId, view.CommunityId, takesPart), $"项目「{view.Name}」");
        return view;
    }

    private static async Task<bool> MayClaimAsync(PlatformUser user, ProjectView view, ProjectCopies copies, TimeProvider clock, CancellationToken cancellationToken) =>
        user.UnitId is { } unitId && (await copies.AgreementsInForceAsync(
            user.DistrictCode, unitId, new ProjectParty(view.StreetId, view.CommunityId), DistrictTime.DateOf(clock.GetUtcNow()), cancellationToken)).Count > 0;

    /// <summary>A project its community's or street's staff (or the district) run; a unit taking part only reads it.</summary>
    internal static async Task<ProjectView> ManagedProjectAsync(
        PlatformUser user, string projectId, AccessGuard guard, ProjectQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindProjectAsync(user.DistrictCode, projectId, cancellationToken) ?? throw new NotFoundException($"项目「{projectId}」不存在。");
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, view.StreetId, view.CommunityId), $"项目「{view.Name}」");
        return view;
    }

    /// <summary>The party a project is decided for: a community of the district (its street follows), or else a street.</summary>
    internal static async Task<ProjectParty> PartyAsync(
        PlatformUser user, OrganizationDirectory directory, string? streetId, string? communityId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(communityId))
        {
            var community = await directory.FindAsync(user.DistrictCode, communityId.Trim(), cancellationToken);
            if (community is not { Kind: OrganizationUnitKinds.Community, Closed: false, StreetId: { } street })
                throw new InvalidReferenceException("communityId", $"本区没有社区「{communityId}」。");
            return new ProjectParty(street, community.UnitId);
        }
        if (string.IsNullOrWhiteSpace(streetId))
            throw new InvalidCommandException("须写明项目所属的社区或街道。", new Dictionary<string, string[]> { ["communityId"] = ["须写明项目所属的社区或街道。"] });
        var found = await directory.FindAsync(user.DistrictCode, streetId.Trim(), cancellationToken);
        if (found is not { Kind: OrganizationUnitKinds.Street, Closed: false }) throw new InvalidReferenceException("streetId", $"本区没有街道「{streetId}」。");
        return new ProjectParty(found.UnitId, null);
    }

    /// <summary>
    /// A command on one project, after the caller's right over it is checked on its state: the project's community,
    /// street or the district; a unit's member only on a task its unit answers for (<paramref name="ownTask"/>).
    /// </summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string projectId, ProjectCommand command, CancellationToken cancellationToken,
        string? ownTask = null)
    {
        var unitId = guard.CurrentUser(http).UnitId;
        var decided = await DecideAsync(http, guard, runner, projectId, command, state => state.Answers(unitId, ownTask?.Trim()), cancellationToken);
        return TypedResults.Ok(new ProjectOutcome(projectId,
            StatusCode(decided.State.Status), decided.Version));
    }

    /// <summary>
    /// A command on one project, after the caller's right over it is checked on its state: the project's community,
    /// street or the district; a unit's member only where <paramref name="unitMemberMay"/> says so (a task its unit
    /// answers for, or a claim the handler checked against its agreements).
    /// </summary>
    internal static async Task<Decided<Project>> DecideAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string projectId, ProjectCommand command, Func<Project, bool> unitMemberMay,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), ProjectDecider.Decider, projectId, command, CommandRequests.ExpectedVersion(http),
            state => guard.EnsureCovers(user, user.Role == PlatformRole.UnitMember
                ? LocationOf(user, "", null, unitMemberMay(state))
                : new OrgLocation(user.DistrictCode, state.Party?.StreetId, state.Party?.CommunityId), $"项目「{state.Name}」"),
            $"项目「{projectId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return decided;
    }
}
