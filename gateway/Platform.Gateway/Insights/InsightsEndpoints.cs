using MassTransit;
using Npgsql;
using Platform.Authorization;
using Platform.Contracts.Insights;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;

namespace Platform.Gateway.Insights;

public static class InsightsEndpoints
{
    public static IEndpointRouteBuilder MapInsightsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/insights").WithTags("Insights");
        group.MapGet("/overview", Overview).RequireAccess(InsightsActions.ReadOverview).WithName("GetDistrictOverview")
            .WithSummary("辖区总览：所选月份的五张清单数字、各街道与社区情况（需关注的在前）、近十二个月走势与各服务数据的更新时间；默认为调用者的工作范围与本月。");
        group.MapGet("/report.html", ReportPage).RequireAccess(InsightsActions.ReadReport).WithName("GetMonthlyReportPage")
            .WithSummary("月度工作报表（可打印的网页）：五张清单、各街道或社区情况、部门考评与重点案件；place 为街道或全区，默认为调用者的工作范围，period 默认为本月。")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        group.MapGet("/report.xlsx", ReportWorkbookFile).RequireAccess(InsightsActions.ReadReport).WithName("GetMonthlyReportWorkbook")
            .WithSummary("月度工作报表（Excel 文件），内容与网页版相同。")
            .Produces(StatusCodes.Status200OK, contentType: Reports.ReportWorkbook.ContentType);
        group.MapPost("/rebuild", Rebuild).RequireAccess(InsightsActions.Rebuild).WithName("RebuildDistrictOverview")
            .WithSummary("清空辖区总览并请各服务重新报送全部统计；报送完成前总览中的数字会偏少。");
        return endpoints;
    }

    private static async Task<IResult> Overview(
        HttpContext http, AccessGuard guard, InsightsQueries queries, TimeProvider clock, string? period, string? place, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        period ??= DistrictTime.MonthOf(clock.GetUtcNow());
        new Validation()
            .Require(DistrictTime.TryParseMonth(period, out _, out _), "period", "月份须写作 yyyy-MM，如 2026-11。")
            .ThrowIfInvalid();
        var overview = await queries.OverviewAsync(user, string.IsNullOrEmpty(place) ? null : place, period, cancellationToken);
        return overview is null
            ? throw new NotFoundException($"没有您工作范围内的街道或社区「{place}」。")
            : TypedResults.Ok(overview);
    }

    private static async Task<IResult> ReportPage(
        HttpContext http, AccessGuard guard, Reports.MonthlyReports reports, TimeProvider clock, string? period, string? place, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(http, guard, reports, clock, period, place, cancellationToken);
        return TypedResults.Content(Reports.ReportHtml.Render(report), "text/html; charset=utf-8");
    }

    private static async Task<IResult> ReportWorkbookFile(
        HttpContext http, AccessGuard guard, Reports.MonthlyReports reports, TimeProvider clock, string? period, string? place, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(http, guard, reports, clock, period, place, cancellationToken);
        return TypedResults.File(Reports.ReportWorkbook.Write(report), Reports.ReportWorkbook.ContentType, $"{report.Title}.xlsx");
    }

    private static async Task<Reports.MonthlyReport> ReportAsync(
        HttpContext http, AccessGuard guard, Reports.MonthlyReports reports, TimeProvider clock, string? period, string? place, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        period ??= DistrictTime.MonthOf(clock.GetUtcNow());
        new Validation()
            .Require(DistrictTime.TryParseMonth(period, out _, out _), "period", "月份须写作 yyyy-MM，如 2026-11。")
            .ThrowIfInvalid();
        return await reports.BuildAsync(user, string.IsNullOrEmpty(place) ? null : place, period, cancellationToken)
            ?? throw new NotFoundException($"没有您工作范围内的街道「{place}」。");
    }

    private static async Task<IResult> Rebuild(
        HttpContext http, AccessGuard guard, NpgsqlDataSource dataSource, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await using (var command = dataSource.CreateCommand($"DELETE FROM {InsightsSchema.Name}.place_figures WHERE tenant_id = $1"))
        {
            command.Parameters.Add(new() { Value = user.DistrictCode });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await bus.Publish(new FiguresRequested(user.DistrictCode, clock.GetUtcNow()), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
