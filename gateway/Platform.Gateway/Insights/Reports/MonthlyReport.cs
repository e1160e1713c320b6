using Platform.Contracts.Organization;

namespace Platform.Gateway.Insights.Reports;

public sealed record ReportFigure(string Key, string Label, decimal Value, string Unit);

/// <summary>One of the lists, as a report names and counts it; <paramref name="AsOfNow"/> when it counts what stands at
/// the time of printing rather than what happened in the month.</summary>
public sealed record ReportSection(string Title, bool AsOfNow, IReadOnlyList<ReportFigure> Figures);

public sealed record ReportPlaceRow(string Name, IReadOnlyList<decimal> Values, IReadOnlyList<string> Attention);

/// <param name="Detail">The lead department of a whistle, the category of a need.</param>
public sealed record NotableCase(string Title, string Community, string Detail, string Status, string When);

/// <summary>
/// 月度工作报表: the month of a street or the district in the form a district office sends upward, the five lists'
/// figures, its streets or communities side by side, the departments' scores, the volunteers' hours and the month's
/// notable cases. The same report prints as HTML and opens as an Excel workbook.
/// </summary>
public sealed record MonthlyReport(
    string Period,
    PlaceRef Place,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportSection> Sections,
    string PlacesTitle,
    IReadOnlyList<string> PlaceColumns,
    IReadOnlyList<ReportPlaceRow> Places,
    IReadOnlyList<DepartmentScoreRow> Departments,
    IReadOnlyList<NotableCase> OverdueCases,
    long OverdueCasesTotal,
    IReadOnlyList<NotableCase> WhistledNeeds,
    long WhistledNeedsTotal,
    IReadOnlyList<SourceFreshness> Sources)
{
    public string Title => $"{Place.Name}{MonthName(Period)}大党委协同工作月报";

    public static string MonthName(string period) => $"{period[..4]}年{int.Parse(period[5..], System.Globalization.CultureInfo.InvariantCulture)}月";

    public bool IsDistrict => Place.Kind == OrganizationUnitKinds.District;
}

/// <summary>What a report counts, in the order and words of the district office's form.</summary>
public static class ReportLayout
{
    private sealed record Line(string Key, string Label, string Unit = "", bool Hours = false);

    private sealed record Block(string Title, bool AsOfNow, Line[] Lines);

    private static readonly Block[] Blocks =
    [
        new("需求清单", false, [
            new("needs.raised", "提出需求", "条"), new("needs.accepted", "已受理", "条"), new("needs.project", "已转项目", "条"),
            new("needs.whistled", "已吹哨", "条"), new("needs.resolved", "已办结", "条")]),
        new("吹哨报到", true, [new("cases.open", "办理中的吹哨", "件"), new("cases.overdue", "超时的吹哨", "件")]),
        new("资源清单", true, [
            new("units.active", "服务本辖区的共建单位", "家"), new("agreements.active", "履行中的共建协议", "份"),
            new("agreements.behind", "履约进度落后", "份"), new("agreements.expiring", "30 天内到期", "份"), new("offers.published", "可预约的资源", "项")]),
        new("资源使用", false, [new("bookings.held", "预约资源", "次"), new("contributions.confirmed", "确认的共建贡献", "笔")]),
        new("项目清单", false, [new("projects.decided", "决定的项目", "个")]),
        new("项目进展", true, [
            new("projects.active", "进行中", "个"), new("projects.claimed", "共建单位认领", "个"), new("projects.completed", "已完成", "个"),
            new("projects.overdue", "有任务逾期", "个")]),
        new("责任清单", true, [new("tasks.done", "已完成的任务", "项"), new("tasks.on_time", "按期推进", "项"), new("tasks.late", "逾期未完成", "项")]),
        new("反馈清单", false, [
            new("meetings.planned", "安排的联席会议", "次"), new("meetings.held", "已召开", "次"), new("meetings.decisions", "作出决定", "项"),
            new("meetings.reviews", "评议上次决定", "项")]),
        new("志愿服务", false, [new("volunteers.service_minutes", "服务时长", "小时", Hours: true)]),
        new("双报到", true, [
            new("members.in_service", "报到的在职党员", "人"), new("members.retired", "离退休党员", "人"), new("volunteers.active", "在册志愿者", "人"),
            new("units.reported", "报到的单位", "家"), new("units.confirmed", "已确认的单位", "家")]),
        new("三色管理", true, [
            new("households.red", "红户", "户"), new("households.yellow", "黄户", "户"), new("households.green", "绿户", "户"),
            new("households.overdue", "逾期未走访", "户")]),
    ];

    /// <summary>The columns of the streets' or communities' table.</summary>
    private static readonly Line[] PlaceLines =
    [
        new("needs.raised", "提出需求"), new("needs.resolved", "办结需求"), new("cases.open", "办理中吹哨"), new("cases.overdue", "超时吹哨"),
        new("projects.decided", "决定项目"), new("tasks.late", "逾期任务"), new("meetings.held", "召开会议"),
        new("volunteers.service_minutes", "服务时长（小时）", Hours: true), new("households.overdue", "逾期走访"),
    ];

    public static IReadOnlyList<ReportSection> Sections(IReadOnlyDictionary<string, long> figures) =>
        [.. Blocks.Select(block => new ReportSection(block.Title, block.AsOfNow,
            [.. block.Lines.Select(line => new ReportFigure(line.Key, line.Label, Value(figures, line), line.Unit))]))];

    public static IReadOnlyList<string> PlaceColumns => [.. PlaceLines.Select(line => line.Label)];

    public static IReadOnlyList<decimal> PlaceValues(IReadOnlyDictionary<string, long> figures) => [.. PlaceLines.Select(line => Value(figures, line))];

    /// <summary>Hours are reported as whole minutes, and read to one decimal.</summary>
    private static decimal Value(IReadOnlyDictionary<string, long> figures, Line line)
    {
        var value = figures.GetValueOrDefault(line.Key);
        return line.Hours ? Math.Round(value / 60m, 1) : value;
    }
}
