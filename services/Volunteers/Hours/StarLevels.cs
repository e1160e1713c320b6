namespace Platform.Volunteers.Hours;

/// <summary>A volunteer's star level (星级志愿者): the highest level whose hours and months of service are both reached.</summary>
public static class StarLevels
{
    public static int Of(decimal hours, DateOnly? servingSince, DateOnly today, ServiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (servingSince is not { } since) return 0;
        var level = 0;
        for (var star = 1; star <= rules.HoursForStars.Count; star++)
        {
            var months = rules.MonthsForStars.Count >= star ? rules.MonthsForStars[star - 1] : 0;
            if (hours >= rules.HoursForStars[star - 1] && since.AddMonths(months) <= today) level = star;
            else break;
        }
        return level;
    }

    /// <summary>What the next star still needs, for the volunteer's own page ("还需 12 小时").</summary>
    public static decimal? HoursToNext(decimal hours, int level, ServiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return level >= rules.HoursForStars.Count ? null : Math.Max(0, rules.HoursForStars[level] - hours);
    }
}
