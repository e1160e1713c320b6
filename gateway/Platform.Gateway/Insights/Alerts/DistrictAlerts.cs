namespace Platform.Gateway.Insights.Alerts;

/// <summary>How an open alert of a place changes when its figure is reported again.</summary>
public enum AlertChange
{
    None,
    Raise,
    Rise,
    Fall,
    Clear,
}

/// <summary>
/// 提醒: what in a place needs someone to act, read from the figures every service reports for now. An alert is one
/// kind of trouble in one place (兴华南里: 3 whistles past their limit), open while its figure is above zero; it
/// rises when the figure grows (and is then unread again for everyone) and clears when it is back at zero. One alert
/// per place and kind rather than per case keeps a district of 300 communities readable; the list it links to names
/// every case.
/// </summary>
public static class DistrictAlerts
{
    /// <param name="Kind">The figure it watches, by the name the service reports it under.</param>
    /// <param name="Counted">What one of the figure is, after the count: "件吹哨超过时限未办结".</param>
    public sealed record AlertKind(string Kind, string Name, string Counted);

    public static readonly IReadOnlyList<AlertKind> Kinds =
    [
        new(DistrictFigures.CasesOverdue, "吹哨超时", "件吹哨超过时限未办结"),
        new("cases.escalated", "吹哨升级", "件吹哨已升级办理"),
        new(DistrictFigures.TasksLate, "任务逾期", "项责任清单任务逾期"),
        new(DistrictFigures.HouseholdsOverdue, "逾期走访", "户逾期未走访"),
        new("agreements.expiring", "协议到期", "份共建协议 30 天内到期"),
        new("wishes.open", "微心愿待认领", "个微心愿等待认领"),
    ];

    private static readonly Dictionary<string, AlertKind> ByKind = Kinds.ToDictionary(kind => kind.Kind, StringComparer.Ordinal);

    public static bool IsWatched(string figure) => ByKind.ContainsKey(figure);

    public static string NameOf(string kind) => ByKind.TryGetValue(kind, out var known) ? known.Name : kind;

    /// <summary>"3 件吹哨超过时限未办结".</summary>
    public static string Message(string kind, long count) => ByKind.TryGetValue(kind, out var known) ? $"{count} {known.Counted}" : $"{kind}: {count}";

    /// <param name="openCount">The count of the place's open alert of this kind, or null when none is open.</param>
    public static AlertChange Evaluate(long? openCount, long figure) => openCount switch
    {
        null => figure > 0 ? AlertChange.Raise : AlertChange.None,
        _ when figure <= 0 => AlertChange.Clear,
        { } open when figure > open => AlertChange.Rise,
        { } open when figure < open => AlertChange.Fall,
        _ => AlertChange.None,
    };
}
