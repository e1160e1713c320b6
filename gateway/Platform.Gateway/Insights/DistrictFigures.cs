namespace Platform.Gateway.Insights;

/// <summary>The figures the district view reads, by the names the services report them under.</summary>
public static class DistrictFigures
{
    public const string NeedsRaised = "needs.raised";
    public const string NeedsAccepted = "needs.accepted";
    public const string NeedsProject = "needs.project";
    public const string NeedsWhistled = "needs.whistled";
    public const string NeedsResolved = "needs.resolved";
    public const string CasesOpen = "cases.open";
    public const string CasesOverdue = "cases.overdue";
    public const string TasksLate = "tasks.late";
    public const string HouseholdsOverdue = "households.overdue";
    public const string UnitsActive = "units.active";
    public const string OffersPublished = "offers.published";

    /// <summary>
    /// Figures of what serves several communities at once (a co-building unit, an offer): the service counts one under
    /// each community, street and the district it reaches, so a street's is its own row's, not its communities' added up.
    /// </summary>
    public static readonly IReadOnlySet<string> ReachFigures = new HashSet<string>(StringComparer.Ordinal) { UnitsActive, OffersPublished };

    /// <summary>What the twelve months' trend shows: the 需求清单 funnel, month by month, as the Needs service counts it.</summary>
    public static readonly IReadOnlyList<string> TrendFigures = [NeedsRaised, NeedsAccepted, NeedsWhistled, NeedsResolved];

    public const string TrendSource = "needs";

    /// <summary>Who reports figures, as a reader names them, in the order the view shows them.</summary>
    public static readonly IReadOnlyList<(string Source, string Name)> Sources =
    [
        ("needs", "需求清单与吹哨报到"),
        ("resources", "资源清单"),
        ("projects", "项目清单与责任清单"),
        ("volunteers", "志愿服务与双报到"),
    ];

    /// <summary>A service whose figures count nothing committed in the last minute is shown as late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Why a community needs the district's attention, most pressing first; none when it does not. Whistles past their
    /// limit come first: a department has not done what it was dispatched to do. Then tasks of the 责任清单 past their
    /// deadline, households whose visit is overdue, many whistles open at once, and a month in which the community took
    /// on too few of the needs raised.
    /// </summary>
    public static IReadOnlyList<string> AttentionReasons(IReadOnlyDictionary<string, long> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var reasons = new List<string>();
        var overdue = figures.GetValueOrDefault(CasesOverdue);
        var open = figures.GetValueOrDefault(CasesOpen);
        var raised = figures.GetValueOrDefault(NeedsRaised);
        var accepted = figures.GetValueOrDefault(NeedsAccepted);
        var lateTasks = figures.GetValueOrDefault(TasksLate);
        if (overdue > 0) reasons.Add($"{overdue} 件吹哨超过时限未办结");
        var unvisited = figures.GetValueOrDefault(HouseholdsOverdue);
        if (lateTasks > 0) reasons.Add($"{lateTasks} 项责任清单任务逾期");
        if (unvisited > 0) reasons.Add($"{unvisited} 户逾期未走访");
        if (open >= 5) reasons.Add($"{open} 件吹哨正在办理");
        if (raised >= 5 && accepted * 10 < raised * 6) reasons.Add($"本月 {raised} 条需求仅受理 {accepted} 条");
        return reasons;
    }

    /// <summary>
    /// A street's or the district's figures: its own (what no community of it holds) and its parts' added up, figure by
    /// figure; a reach figure is its own row's alone.
    /// </summary>
    public static Dictionary<string, long> Sum(IReadOnlyDictionary<string, long> own, IEnumerable<IReadOnlyDictionary<string, long>> parts)
    {
        ArgumentNullException.ThrowIfNull(own);
        var total = new Dictionary<string, long>(own, StringComparer.Ordinal);
        foreach (var part in parts)
            foreach (var (name, value) in part)
                if (!ReachFigures.Contains(name)) total[name] = total.GetValueOrDefault(name) + value;
        return total;
    }
}
