using Platform.Authorization;
using Platform.Kernel.Errors;
using Platform.Storage.Views;

namespace Platform.Gateway.Insights.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var alerts = endpoints.MapGroup("/api/insights/alerts").WithTags("Alerts");
        alerts.MapGet("", ListAsync).RequireAccess(InsightsActions.ReadAlerts).WithName("ListAlerts")
            .WithSummary("提醒中心：调用者工作范围内各地的超时吹哨、吹哨升级、逾期任务、逾期走访、即将到期的共建协议和待认领的微心愿；state 为 open（默认，未确认）、unread 或 all（含已解除）。");
        alerts.MapGet("/digest", DigestAsync).RequireAccess(InsightsActions.ReadAlerts).WithName("GetAlertDigest")
            .WithSummary("提醒摘要：调用者工作范围内按类别汇总的待处理提醒，以及过去一天新增、加重和解除的数目。");
        alerts.MapPost("/{alertId}/read", ReadAsync).RequireAccess(InsightsActions.AcknowledgeAlerts).WithName("MarkAlertRead")
            .WithSummary("标记一条提醒为本人已读。");
        alerts.MapPost("/{alertId}/acknowledge", AcknowledgeAsync).RequireAccess(InsightsActions.AcknowledgeAlerts).WithName("AcknowledgeAlert")
            .WithSummary("确认一条提醒（本人已接手处理）：它离开本人的待处理列表，情况加重时会再次出现。");
        return endpoints;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, AlertsQueries queries, string? state, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        AlertState? parsed = state switch
        {
            null or "" or "open" => AlertState.Open,
            "unread" => AlertState.Unread,
            "all" => AlertState.All,
            _ => null,
        };
        if (parsed is null)
            throw new InvalidCommandException("state 须为 open、unread 或 all。", new Dictionary<string, string[]> { ["state"] = ["须为 open、unread 或 all。"] });
        var paging = PageRequest.From(page, pageSize);
        return TypedResults.Ok(await queries.ListAsync(user, parsed.Value, paging.Page, paging.PageSize, cancellationToken));
    }

    private static async Task<IResult> DigestAsync(
        HttpContext http, AccessGuard guard, AlertsQueries queries, InsightsQueries places, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var ownPlace = user.Role switch
        {
            PlatformRole.StreetStaff => user.StreetId,
            PlatformRole.CommunityStaff => user.CommunityId,
            _ => user.DistrictCode,
        };
        var names = await places.NamesAsync(user.DistrictCode, ownPlace is null ? [] : [ownPlace], cancellationToken);
        return TypedResults.Ok(await queries.DigestAsync(user, ownPlace is null ? "本辖区" : names.GetValueOrDefault(ownPlace, "本辖区"), cancellationToken));
    }

    private static Task<IResult> ReadAsync(HttpContext http, AccessGuard guard, AlertsQueries queries, string alertId, CancellationToken cancellationToken) =>
        MarkAsync(http, guard, queries, alertId, acknowledge: false, cancellationToken);

    private static Task<IResult> AcknowledgeAsync(HttpContext http, AccessGuard guard, AlertsQueries queries, string alertId, CancellationToken cancellationToken) =>
        MarkAsync(http, guard, queries, alertId, acknowledge: true, cancellationToken);

    private static async Task<IResult> MarkAsync(
        HttpContext http, AccessGuard guard, AlertsQueries queries, string alertId, bool acknowledge, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        if (!Guid.TryParse(alertId, out var id)) throw new NotFoundException($"没有提醒「{alertId}」。");
        switch (await queries.IsVisibleAsync(user, id, cancellationToken))
        {
            case null:
                throw new NotFoundException($"没有提醒「{alertId}」。");
            case false:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权操作", detail: "这条提醒不在您的工作范围内。");
        }
        await queries.MarkAsync(user, id, acknowledge, cancellationToken);
        return TypedResults.NoContent();
    }
}
