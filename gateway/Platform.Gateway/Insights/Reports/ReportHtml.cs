using System.Globalization;
using System.Net;
using System.Text;
using Platform.Kernel.Time;

namespace Platform.Gateway.Insights.Reports;

/// <summary>
/// The report as a page that prints on A4 as the district office files it. No scripts; its stylesheet is the console's
/// /report.css, a same-origin file, because the gateway's Content-Security-Policy refuses inline styles.
/// </summary>
public static class ReportHtml
{
    public static string Render(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{E(report.Title)}</title>
            <link rel="stylesheet" href="/report.css"></head><body>
            <header><h1 data-testid="report-title">{E(report.Title)}</h1>
            <p class="meta">统计月份：{E(MonthlyReport.MonthName(report.Period))}　编制时间：{E(DistrictTime.Format(report.GeneratedAt))}　数据来源：大党委协同平台</p>
            {Freshness(report)}</header>
            <h2>一、五张清单</h2>
            <p class="note">标“截至编制时”的数字是编制报表时的情况，其余是本月发生的数。</p>
            <div class="sections">
            """);
        foreach (var section in report.Sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<table class=\"section\"><caption>{E(section.Title)}{(section.AsOfNow ? "<small>（截至编制时）</small>" : "")}</caption><tbody>");
            foreach (var figure in section.Figures)
                html.Append(CultureInfo.InvariantCulture, $"<tr data-figure=\"{E(figure.Key)}\"><th>{E(figure.Label)}</th><td>{Number(figure.Value)} {E(figure.Unit)}</td></tr>");
            html.Append("</tbody></table>\n");
        }
        html.Append("</div>\n");

        html.Append(CultureInfo.InvariantCulture, $"<h2>二、{E(report.PlacesTitle)}</h2>\n<table class=\"places\" data-testid=\"report-places\"><thead><tr><th>{(report.IsDistrict ? "街道" : "社区")}</th>");
        foreach (var column in report.PlaceColumns) html.Append(CultureInfo.InvariantCulture, $"<th>{E(column)}</th>");
        html.Append("<th>需关注</th></tr></thead><tbody>");
        foreach (var row in report.Places)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(row.Name)}</th>");
            foreach (var value in row.Values) html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Number(value)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join("；", row.Attention))}</td></tr>");
        }
        html.Append("</tbody></table>\n");

        html.Append("<h2>三、部门考评</h2>\n");
        if (report.Departments.Count == 0) html.Append("<p>本月没有派给部门的吹哨案件。</p>");
        else
        {
            html.Append("<table class=\"departments\" data-testid=\"report-departments\"><thead><tr><th>排名</th><th>部门</th><th>派单</th><th>响应率</th><th>解决率</th><th>满意率</th><th>按时反馈率</th><th>综合得分</th></tr></thead><tbody>");
            foreach (var department in report.Departments)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{(department.Rank is { } rank ? rank.ToString(CultureInfo.InvariantCulture) : "不排名")}</td><th>{E(department.DepartmentName)}</th>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{department.Dispatched}</td><td class=\"num\">{Percent(department.ResponseRate)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Percent(department.ResolutionRate)}</td><td class=\"num\">{Percent(department.SatisfactionRate)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Percent(department.OnTimeRate)}</td><td class=\"num\">{Score(department.Score)}</td></tr>");
            }
            html.Append("</tbody></table>\n");
        }

        html.Append("<h2>四、重点案件</h2>\n");
        Cases(html, $"超过时限未办结的吹哨（截至编制时，共 {report.OverdueCasesTotal} 件）", ("牵头部门", "吹哨时间"), report.OverdueCases, report.OverdueCasesTotal, "report-overdue");
        Cases(html, $"本月提出并吹哨报到的需求（共 {report.WhistledNeedsTotal} 条）", ("类别", "提出时间"), report.WhistledNeeds, report.WhistledNeedsTotal, "report-whistled");
        html.Append("<footer><p>本表由大党委协同平台根据各业务系统报送的统计自动生成，数字与各清单一一对应，可在平台中逐条查证。</p>")
            .Append("<p class=\"sign\">填报单位（盖章）：　　　　　　　　　负责人：　　　　　　　　　填报人：</p></footer></body></html>");
        return html.ToString();
    }

    private static void Cases(
        StringBuilder html, string title, (string Detail, string When) labels, IReadOnlyList<NotableCase> cases, long total, string testid)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(title)}</h3>");
        if (cases.Count == 0)
        {
            html.Append("<p>无。</p>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"cases\" data-testid=\"{testid}\"><thead><tr><th>事项</th><th>社区</th><th>{E(labels.Detail)}</th><th>状态</th><th>{E(labels.When)}</th></tr></thead><tbody>");
        foreach (var item in cases)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(item.Title)}</td><td>{E(item.Community)}</td><td>{E(item.Detail)}</td><td>{E(item.Status)}</td><td>{E(item.When)}</td></tr>");
        html.Append("</tbody></table>");
        if (total > cases.Count) html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">仅列出前 {cases.Count} 件，其余见平台中的清单。</p>");
    }

    private static string Freshness(MonthlyReport report)
    {
        var late = report.Sources.Where(source => source.Late).Select(source => source.Name).ToList();
        return late.Count == 0 ? "" : $"<p class=\"warn\">提示：{E(string.Join("、", late))}的统计更新延迟，相关数字可能偏少。</p>";
    }

    internal static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.0", CultureInfo.InvariantCulture);

    internal static string Percent(double? rate) => rate is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    internal static string Score(double? score) => score is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
