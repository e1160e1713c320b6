using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Resources.Agreements;

/// <summary>The quarterly report on what the agreement delivered: once for each quarter of its term that has begun.</summary>
/// <param name="Quarter">As 2026-Q3.</param>
public sealed record ReportQuarter(string? Quarter, string? Summary) : AgreementCommand;

public static partial class AgreementDecider
{
    private static QuarterReported Report(ReportQuarter command, Agreement state, DecisionContext context)
    {
        ExpectExists(state);
        var start = QuarterStart(command.Quarter);
        new Validation()
            .Require(start is not null, "quarter", "季度须写作 2026-Q3 的形式。")
            .Require(start is null || start <= DistrictTime.DateOf(context.Now), "quarter", "尚未开始的季度不能报告。")
            .Require(start is null || (start.Value.AddMonths(3) > state.StartsOn && start <= state.EndsOn), "quarter", "该季度不在协议期内。")
            .Require(command.Quarter is null || !state.ReportedQuarters.Contains(command.Quarter), "quarter", $"{command.Quarter} 已经报告过。")
            .Text(command.Summary, "summary", "履约情况", 2000)
            .ThrowIfInvalid();
        return new QuarterReported(state.AgreementId, command.Quarter!, command.Summary!.Trim(), context.Actor, context.Now);
    }

    /// <summary>The first day of a quarter written as 2026-Q3; null when it is not written so.</summary>
    public static DateOnly? QuarterStart(string? quarter)
    {
        if (quarter is null || !QuarterPattern().IsMatch(quarter)) return null;
        var year = int.Parse(quarter[..4], CultureInfo.InvariantCulture);
        return new DateOnly(year, (quarter[6] - '1') * 3 + 1, 1);
    }

    [GeneratedRegex(@"^(19|20)\d{2}-Q[1-4]$")]
    private static partial Regex QuarterPattern();
}

public static class ReportQuarterEndpoint
{
    public sealed record ReportRequest(string? Quarter, string? Summary);

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("/{agreementId}/reports", (string agreementId, ReportRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
            AgreementEndpoints.RunAsync(http, guard, runner, agreementId, new ReportQuarter(request.Quarter, request.Summary), cancellationToken))
            .RequireAccess(ResourcesActions.ReportAgreements).WithName("ReportAgreementQuarter").WithSummary("填报一个季度的履约情况（每季度一次）。");
}
