namespace Platform.Kernel.Time;

/// <summary>
/// The districts' clock: China Standard Time, UTC+8 all year (no daylight saving since 1991). Dates a person reads or
/// a rule counts in (a day's ids, a month's report, "today's" deadlines) are dates here, never in the server's zone.
/// </summary>
public static class DistrictTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The same instant, as the district's wall clock shows it.</summary>
    public static DateTimeOffset ToDistrict(this DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The district's calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant at which a district date begins.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The first instant of the district's month that contains <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOfMonth(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, Offset);
    }

    /// <summary>The district's month of an instant as reports and figures name it: "2026-11".</summary>
    public static string MonthOf(DateTimeOffset instant) => instant.ToOffset(Offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a month named as <see cref="MonthOf"/> names it, as the instants it starts and ends at.</summary>
    public static bool TryParseMonth(string? month, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = end = default;
        if (month is null || !DateTime.TryParseExact(month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var first))
            return false;
        start = new DateTimeOffset(first.Year, first.Month, 1, 0, 0, 0, Offset);
        end = start.AddMonths(1);
        return true;
    }

    /// <summary>"2026-12-05 14:30", as the console and printed reports show a time.</summary>
    public static string Format(DateTimeOffset instant) => instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
