using Marten;
using Platform.EventSourcing.Audit;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Api;

/// <summary>Volunteer activities: the list and an activity's page (its roster, waitlist and credits) here, each
/// command's endpoint in its use case's folder.</summary>
public static class ActivityEndpoints
{
    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var activities = endpoints.MapGroup("/activities").WithTags("Activities");
        activities.MapGet("", ListAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("ListActivities")
            .WithSummary("志愿服务活动：社区看本社区的，街道看本街道的，志愿者与居民看所在社区的（upcoming=true 为未开始的，volunteerId 为某人参加的）。");
        activities.MapGet("/{activityId}", GetAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("GetActivity")
            .WithSummary("一次活动：时间地点、岗位、报名与候补名单、签到签退、核定的时长与积分及经过；ETag 为其版本号。");
        ScheduleActivityEndpoints.Map(activities);
        SignUpEndpoints.Map(activities);
        AttendEndpoints.Map(activities);
        CreditServiceEndpoint.Map(activities);
        CorrectCreditEndpoint.Map(activities);
        LateEntryEndpoints.Map(activities);
        return endpoints;
    }

    public sealed record ActivitySummary(
        string Id, string Title, string? ServiceKindName, VolunteerEndpoints.NamedPlace Community, string? TeamName, string Address, DateTimeOffset StartsAt,
        DateTimeOffset EndsAt, int Capacity, int Taken, int Waitlisted, string Status, string StatusName, string? MyStatus, long Version);

    public sealed record RosterEntry(
        string VolunteerId, string Name, string? Post, string Status, string StatusName, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt,
        decimal? CreditedHours, decimal? CreditedPoints, string? CreditKindName, string? CreditNote);

    public sealed record ActivityDetail(
        ActivitySummary Summary, string? ServiceKind, string? Description, VolunteerEndpoints.NamedPlace? Grid, VolunteerEndpoints.NamedPlace? Building,
        IReadOnlyList<string> Posts, IReadOnlyList<RosterEntry> Roster, IReadOnlyList<LateEntryEntry> LateEntries, DateTimeOffset? CodeIssuedAt, string? CancelReason,
        IReadOnlyList<ActivityChange> Changes);

    public sealed record LateEntryEntry(string VolunteerId, string Name, int Minutes, string Reason, string Status, string StatusName, string? Answer);

    public sealed record ActivityChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record ActivityOutcome(string Id, long Version);

    public static string StatusName(string status) => status switch
    {
        ActivityView.Scheduled => "报名中",
        ActivityView.Credited => "已核定时长",
        ActivityView.Cancelled => "已取消",
        _ => status,
    };

    public static string RosterStatusName(string status) => status switch
    {
        ActivityView.SignedUp => "已报名",
        ActivityView.Waitlisted => "候补",
        ActivityView.Withdrawn => "已取消报名",
        ActivityView.WalkIn => "现场登记",
        _ => status,
    };

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, TimeProvider clock, string? status, string? streetId,
        string? communityId, string? teamId, string? volunteerId, bool? upcoming, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or ActivityView.Scheduled or ActivityView.Credited or ActivityView.Cancelled, "status",
                $"未知的状态「{status}」（应为 scheduled、credited 或 cancelled）。")
            .ThrowIfInvalid();
        var mine = user.Role is PlatformRole.Volunteer or PlatformRole.Resident
            ? await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken)
            : null;
        var found = await queries.ListActivitiesAsync(user,
            new ActivityFilter(status, streetId, communityId, teamId, volunteerId, upcoming, CommandRequests.Paging(page, pageSize)), clock.GetUtcNow(), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(activity => activity.CommunityId), cancellationToken);
        var teams = await TeamNamesAsync(user, queries, found.Items, cancellationToken);
        return TypedResults.Ok(found.Select(activity => Summary(activity, names, teams, mine?.Id)));
    }

    private static async Task<IResult> GetAsync(
        string activityId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, IDocumentStore store,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await queries.FindActivityAsync(user.DistrictCode, activityId, cancellationToken) ?? throw new NotFoundException($"活动「{activityId}」不存在。");
        TeamEndpoints.EnsureSees(user, guard, view.StreetId, view.CommunityId, $"活动「{view.Title}」");
        var mine = user.Role is PlatformRole.Volunteer or PlatformRole.Resident
            ? await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken)
            : null;
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Activity.StreamId(activityId), token: cancellationToken);
        var places = await directory.NamesAsync(user.DistrictCode,
            new[] { view.CommunityId, view.Place.GridId, view.Place.BuildingId }.OfType<string>(), cancellationToken);
        var teams = await TeamNamesAsync(user, queries, [view], cancellationToken);
        var handles = user.Role == PlatformRole.CommunityStaff && user.CommunityId == view.CommunityId;
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new ActivityDetail(
            Summary(view, places, teams, mine?.Id), view.ServiceKind, view.Description, Place(view.Place.GridId, places), Place(view.Place.BuildingId, places),
            view.Posts,
            [.. view.Roster.Select(line => new RosterEntry(
                line.VolunteerId, handles || line.VolunteerId == mine?.Id ? line.Name : PersonalData.MaskName(line.Name), line.Post, line.Status,
                RosterStatusName(line.Status), line.CheckedInAt, line.CheckedOutAt, line.CreditedMinutes is { } minutes ? Math.Round(minutes / 60m, 2) : null,
                line.CreditedPoints, line.CreditKind is null ? null : ServiceLedger.KindNames.GetValueOrDefault(line.CreditKind), line.CreditNote))],
            [.. view.LateEntries.Select(entry => new LateEntryEntry(
                entry.VolunteerId, handles || entry.VolunteerId == mine?.Id ? entry.Name : PersonalData.MaskName(entry.Name), entry.Minutes, entry.Reason, entry.Status,
                entry.Status switch { ActivityView.LatePending => "待审核", ActivityView.LateApproved => "已批准", _ => "不予补录" }, entry.Answer))],
            view.CodeIssuedAt, view.CancelReason,
            [.. events.Select(stored => new ActivityChange(stored.Version, TitleOf(stored.Data), ((ActivityEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    private static VolunteerEndpoints.NamedPlace? Place(string? id, IReadOnlyDictionary<string, string> names) =>
        id is null ? null : new VolunteerEndpoints.NamedPlace(id, names.GetValueOrDefault(id, id));

    internal static string TitleOf(object data) => data switch
    {
        ActivityScheduled scheduled => $"安排活动，人数上限 {scheduled.Capacity}",
        VolunteerSignedUp signedUp => signedUp.Waitlisted ? "报名（候补）" : "报名",
        SignUpCancelled => "取消报名",
        WaitlistPromoted => "候补递补",
        CheckInCodeIssued => "出示签到码",
        VolunteerCheckedIn => "签到",
        VolunteerCheckedOut => "签退",
        CheckOutsClosed closed => $"{closed.VolunteerIds.Count} 人未签退，按结束时间自动签退",
        WalkInLogged => "现场登记到场",
        ServiceCredited credited => $"核定时长与积分（{credited.Credits.Count} 人）",
        CreditCorrected corrected => $"冲销更正：{corrected.Reason}",
        ActivityCancelled cancelled => $"取消活动：{cancelled.Reason}",
        LateEntryRequested requested => $"申请补录 {requested.Minutes} 分钟",
        LateEntryApproved approved => $"批准补录 {approved.Credit.Minutes} 分钟",
        LateEntryRejected rejected => $"不予补录：{rejected.Reason}",
        _ => data.GetType().Name,
    };

    private static async Task<IReadOnlyDictionary<string, string>> TeamNamesAsync(
        PlatformUser user, VolunteersQueries queries, IEnumerable<ActivityView> activities, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var teamId in activities.Select(activity => activity.TeamId).OfType<string>().Distinct())
            if (await queries.FindTeamAsync(user.DistrictCode, teamId, cancellationToken) is { } team) names[teamId] = team.Name;
        return names;
    }

    private static ActivitySummary Summary(
        ActivityView view, IReadOnlyDictionary<string, string> places, IReadOnlyDictionary<string, string> teams, string? myVolunteerId) => new(
        view.Id, view.Title, view.ServiceKind is null ? null : ServiceKinds.Names.GetValueOrDefault(view.ServiceKind),
        new VolunteerEndpoints.NamedPlace(view.CommunityId, places.GetValueOrDefault(view.CommunityId, view.CommunityId)),
        view.TeamId is null ? null : teams.GetValueOrDefault(view.TeamId), view.Place.Address, view.StartsAt, view.EndsAt, view.Capacity, view.Taken,
        view.Roster.Count(line => line.Status == ActivityView.Waitlisted), view.Status, StatusName(view.Status),
        view.Roster.FirstOrDefault(line => line.VolunteerId == myVolunteerId)?.Status is { } mine ? RosterStatusName(mine) : null, view.Version);

    /// <summary>An activity the caller may act on, checked before anything the request names is looked up.</summary>
    internal static async Task<ActivityView> ReadableActivityAsync(
        PlatformUser user, AccessGuard guard, VolunteersQueries queries, string activityId, CancellationToken cancellationToken)
    {
        var view = await queries.FindActivityAsync(user.DistrictCode, activityId, cancellationToken) ?? throw new NotFoundException($"活动「{activityId}」不存在。");
        TeamEndpoints.EnsureSees(user, guard, view.StreetId, view.CommunityId, $"活动「{view.Title}」");
        return view;
    }

    /// <summary>
    /// A command on one activity, after the caller's scope over it is checked on its state: staff of its place, or a
    /// volunteer acting for themselves in their own community. A volunteer the command names must be of the activity's community.
    /// </summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string activityId, ActivityCommand command, CancellationToken cancellationToken,
        VolunteerView? volunteer = null)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), ActivityDecider.Decider, activityId, command, CommandRequests.ExpectedVersion(http),
            state =>
            {
                TeamEndpoints.EnsureSees(user, guard, state.StreetId, state.CommunityId, $"活动「{state.Title}」");
                if (volunteer is not null && volunteer.CommunityId != state.CommunityId)
                    throw new InvalidReferenceException("volunteerId", $"{volunteer.Person.Name}不是活动所在社区的志愿者。");
            },
            $"活动「{activityId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new ActivityOutcome(activityId, decided.Version));
    }
}
