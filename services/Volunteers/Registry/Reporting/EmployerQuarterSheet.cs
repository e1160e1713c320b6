using System.Globalization;
using System.Net;
using System.Text;
using Platform.Volunteers.Hours;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Volunteers.Registry;

/// <summary>A calendar quarter in district time ("2026-Q4").</summary>
public sealed record Quarter(int Year, int Number)
{
    public DateOnly From => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly Until => From.AddMonths(3).AddDays(-1);

    public override string ToString() => $"{Year}-Q{Number}";

    public string ChineseName => $"{Year} 年第{"一二三四"[Number - 1]}季度";

    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = new Quarter(0, 0);
        if (text is not { Length: 7 } || text[4] != '-' || text[5] != 'Q' || !int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || text[6] is < '1' or > '4')
            return false;
        quarter = new Quarter(year, text[6] - '0');
        return true;
    }
}

/// <summary>
/// 双报到's quarterly feedback (反馈单): for an employer, each of its in-service members who report to a community,
/// the service they did in the quarter and the hours and points credited, printable to send to the unit's party
/// organization. The unit's own members and the staff whose place holds the unit ask for it; staff see the members who
/// report in their scope.
/// </summary>
public static class EmployerQuarterSheetEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/employers/{employerUnitId}/quarter-sheet", SheetAsync).RequireAccess(VolunteersActions.EmployerSheets).WithTags("Volunteers")
            .WithName("EmployerQuarterSheet")
            .WithSummary("在职党员季度服务情况反馈单（可打印的 HTML）：quarter 形如 2026-Q4，默认为本季度。");

    /// <param name="employerUnitId">Named apart from the edge's <c>unitId</c>, which only a unit's own members pass: the
    /// staff of the unit's place read the sheet too.</param>
    private static async Task<IResult> SheetAsync(
        string employerUnitId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, TimeProvider clock, string? quarter,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var unitId = employerUnitId;
        if (user.Role == PlatformRole.UnitMember && user.UnitId != unitId) throw new AccessDeniedException("只能查看本单位在职党员的反馈单。");
        var unit = await directory.FindAsync(user.DistrictCode, unitId, cancellationToken);
        if (unit is not { Kind: OrganizationUnitKinds.CoBuildingUnit }) throw new NotFoundException($"组织架构中没有单位「{unitId}」。");
        if (user.Role != PlatformRole.UnitMember) guard.EnsureCovers(user, unit.Location, $"单位「{unit.Name}」");
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        Quarter period;
        if (quarter is null) period = Quarter.Of(today);
        else if (!Quarter.TryParse(quarter, out period))
            throw new InvalidCommandException("季度须形如 2026-Q4。", new Dictionary<string, string[]> { ["quarter"] = ["季度须形如 2026-Q4。"] });
        var members = await queries.MembersOfEmployerAsync(user, unitId, cancellationToken);
        var totals = members.Count == 0 ? [] : await queries.ServiceBetweenAsync(user.DistrictCode, [.. members.Select(member => member.Id)], period.From, period.Until, cancellationToken);
        var places = await directory.NamesAsync(user.DistrictCode, members.Select(member => member.CommunityId), cancellationToken);
        return TypedResults.Content(Printable(unit.Name, period, members, totals, places, clock.GetUtcNow()), "text/html; charset=utf-8");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Printable(
        string unitName, Quarter quarter, IReadOnlyList<VolunteerView> members, IReadOnlyList<ServiceTotal> totals, IReadOnlyDictionary<string, string> places,
        DateTimeOffset printedAt)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(unitName)}} {{E(quarter.ChineseName)}}在职党员到社区报到服务情况反馈单</title>
            <link rel="stylesheet" href="/dossier.css"></head><body>
            <h1>在职党员到社区报到服务情况反馈单</h1>
            <p>单位：{{E(unitName)}}　期间：{{E(quarter.ChineseName)}}（{{quarter.From:yyyy-MM-dd}} 至 {{quarter.Until:yyyy-MM-dd}}）　打印时间：{{E(DistrictTime.Format(printedAt))}}</p>
            <table><thead><tr><th>姓名</th><th>报到社区</th><th>岗位</th><th>本季度服务</th><th>签到核验时长</th><th>组织者登记时长</th><th>积分</th></tr></thead><tbody>
            """);
        foreach (var member in members)
        {
            var own = totals.Where(total => total.VolunteerId == member.Id).ToList();
            decimal Sum(string kind) => own.Where(total => total.Kind == kind).Sum(total => total.Amount);
            var services = own.Where(total => total.Kind != ServiceLedger.Points).Select(total => $"{total.On:MM-dd} {total.What}").Distinct().ToList();
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(member.Person.Name)}</td><td>{E(places.GetValueOrDefault(member.CommunityId, member.CommunityId))}</td><td>{E(member.Post ?? "待设岗")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{(services.Count == 0 ? "本季度无服务记录" : string.Join("<br>", services.Select(E)))}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{Sum(ServiceLedger.CheckedHours):0.##} 小时</td><td>{Sum(ServiceLedger.RecordedHours):0.##} 小时</td><td>{Sum(ServiceLedger.Points):0.##}</td></tr>\n");
        }
        if (members.Count == 0) html.Append("<tr><td colspan=\"7\">没有在本辖区报到的在职党员。</td></tr>");
        html.Append("</tbody></table><p>说明：签到核验时长来自活动现场签到签退；组织者登记时长为现场登记、补录、更正与微心愿服务。社区（盖章）：　　　　　　　单位党组织（盖章）：</p></body></html>");
        return html.ToString();
    }
}
