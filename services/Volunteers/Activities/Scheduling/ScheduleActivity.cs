using Platform.ServiceDefaults.Idempotency;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Activities;

/// <summary>A community schedules an activity; the handler checks its team, grid and building against the community.</summary>
public sealed record ScheduleActivity(
    string ActivityId, string? Title, string? ServiceKind, string StreetId, string CommunityId, string? TeamId, ActivityPlace? Place,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity, IReadOnlyList<string>? Posts, string? Description) : ActivityCommand;

public sealed record CancelActivity(string? Reason) : ActivityCommand;

/// <summary>The kinds of service that 富民街's 服务积分制 scores (seed 003); configuration may give each bonus points.</summary>
public static class ServiceKinds
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["env-cleanup"] = "环境卫生整治", ["patrol"] = "巡逻防控", ["elderly-visit"] = "上门为老服务", ["wish-fulfilled"] = "认领并实现微心愿",
        ["tutoring"] = "辅导功课", ["policy-talk"] = "政策宣讲、法治宣传", ["health-check"] = "健康服务", ["business-help"] = "为小微商户代办",
        ["mediation"] = "调处邻里纠纷", ["performance"] = "文艺演出", ["meeting"] = "座谈会、议事会",
    };
}

public static partial class ActivityDecider
{
    /// <summary>An activity lasts at most a day; a longer service is several activities.</summary>
    public static readonly TimeSpan LongestActivity = TimeSpan.FromHours(12);

    public const int LargestCapacity = 2000;

    public const int MostPosts = 20;

    private static ActivityScheduled Schedule(ScheduleActivity command, Activity state, DecisionContext context)
    {
        if (state.Status != ActivityStatus.None) throw new RuleViolationException($"活动「{state.Title}」已安排。");
        var posts = command.Posts ?? [];
        new Validation()
            .Text(command.Title, "title", "活动名称", 100, singleLine: true)
            .Require(command.ServiceKind is null || ServiceKinds.Names.ContainsKey(command.ServiceKind), "serviceKind", $"未知的服务类别「{command.ServiceKind}」。")
            .Text(command.Place?.Address, "place.address", "活动地点", 100, singleLine: true)
            .Require(command.StartsAt is not null, "startsAt", "须写明开始时间。")
            .Require(command.EndsAt is not null, "endsAt", "须写明结束时间。")
            .Require(command.StartsAt is null || command.EndsAt is null || command.EndsAt > command.StartsAt, "endsAt", "结束时间须晚于开始时间。")
            .Require(command.StartsAt is null || command.EndsAt is null || command.EndsAt - command.StartsAt <= LongestActivity, "endsAt",
                $"一次活动最长 {LongestActivity.TotalHours:0} 小时；更长的服务请分为多次活动。")
            .Require(command.Capacity is > 0 and <= LargestCapacity, "capacity", $"人数上限须为 1–{LargestCapacity}。")
            .Require(posts.Count <= MostPosts, "posts", $"最多 {MostPosts} 个岗位。")
            .Require(posts.All(post => !string.IsNullOrWhiteSpace(post) && post.Trim().Length <= 20), "posts", "每个岗位名称须为 1–20 个字。")
            .Require(posts.Select(post => post.Trim()).Distinct(StringComparer.Ordinal).Count() == posts.Count, "posts", "岗位重复。")
            .Text(command.Description, "description", "活动说明", 1000, required: false)
            .ThrowIfInvalid();
        return new ActivityScheduled(
            command.ActivityId, command.Title!.Trim(), command.ServiceKind, command.StreetId, command.CommunityId, command.TeamId,
            command.Place! with { Address = command.Place.Address.Trim() }, command.StartsAt!.Value, command.EndsAt!.Value, command.Capacity!.Value,
            [.. posts.Select(post => post.Trim())], string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(), context.Actor, context.Now);
    }

    private static ActivityCancelled Cancel(CancelActivity command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        if (context.Now >= state.StartsAt) throw new RuleViolationException($"活动「{state.Title}」已开始，不能取消。");
        new Validation().Text(command.Reason, "reason", "取消原因", 200).ThrowIfInvalid();
        return new ActivityCancelled(state.ActivityId, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class ScheduleActivityEndpoints
{
    public sealed record ScheduleRequest(
        string? Title, string? ServiceKind, string? CommunityId, string? TeamId, PlaceRequest? Place, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
        int? Capacity, List<string>? Posts, string? Description);

    public sealed record PlaceRequest(string? Address, string? GridId, string? BuildingId);

    public sealed record ReasonRequest(string? Reason);

    public static void Map(RouteGroupBuilder activities)
    {
        activities.MapPost("", ScheduleAsync).RequireAccess(VolunteersActions.ManageVolunteers).WithName("ScheduleActivity").Idempotent()
            .WithSummary("社区安排志愿服务活动：时间、地点（可到网格与楼栋）、人数上限、由某支队伍承担或公开报名、岗位；答 201 及其地址。");
        activities.MapPost("/{activityId}/cancel", (string activityId, ReasonRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) => ActivityEndpoints.RunAsync(http, guard, runner, activityId, new CancelActivity(request.Reason), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("CancelActivity").WithSummary("开始前取消活动。");
    }

    private static async Task<IResult> ScheduleAsync(
        ScheduleRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, VolunteersQueries queries, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var community = await VolunteerEndpoints.CommunityAsync(user, guard, directory, request.CommunityId ?? user.CommunityId, cancellationToken);
        string? teamId = null;
        if (!string.IsNullOrWhiteSpace(request.TeamId))
        {
            var team = await queries.FindTeamAsync(user.DistrictCode, request.TeamId.Trim(), cancellationToken);
            if (team is null || team.CommunityId != community.UnitId) throw new InvalidReferenceException("teamId", $"本社区没有服务队伍「{request.TeamId}」。");
            teamId = team.Id;
        }
        var gridId = await VolunteerEndpoints.PlaceInAsync(user, directory, community.UnitId, request.Place?.GridId, "place.gridId", cancellationToken);
        var buildingId = await VolunteerEndpoints.BuildingInAsync(user, directory, community.UnitId, request.Place?.BuildingId, cancellationToken, "place.buildingId");
        var activityId = RecordIds.New("AV", clock.GetUtcNow());
        var place = request.Place is null ? null : new ActivityPlace(request.Place.Address ?? "", gridId, buildingId);
        var decided = await runner.StartAsync(
            CommandRequests.Origin(http, user), ActivityDecider.Decider, activityId,
            new ScheduleActivity(activityId, request.Title, string.IsNullOrWhiteSpace(request.ServiceKind) ? null : request.ServiceKind, community.StreetId!,
                community.UnitId, teamId, place, request.StartsAt, request.EndsAt, request.Capacity, request.Posts, request.Description),
            cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"activities/{Uri.EscapeDataString(activityId)}", new ActivityEndpoints.ActivityOutcome(activityId, decided.Version));
    }
}
