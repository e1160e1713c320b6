namespace Platform.Resources.Agreements;

/// <param name="DueInTerm">What the commitment adds up to over the whole term ("6 a year" over two years: 12).</param>
/// <param name="DueByNow">What should have been delivered by the end of today, the term's due spread evenly over its months.</param>
/// <param name="Shortfall">How far the confirmed contributions fall behind <paramref name="DueByNow"/>; 0 when on pace.</param>
public sealed record Pace(decimal DueInTerm, decimal DueByNow, decimal Delivered, decimal Shortfall)
{
    public bool Behind => Shortfall > 0;
}

/// <summary>
/// Whether a commitment keeps pace with its term: the confirmed contributions against what is due by today. Counted
/// measures (activities, half-days, items, servings, people) are due in whole units, so "6 activities a year" is 3
/// behind only when fewer than 3 were held by mid-year.
/// </summary>
public static class CommitmentPace
{
    private static readonly HashSet<string> Counted = new(StringComparer.Ordinal) { "activities", "half-days", "items", "servings", "people" };

    public static Pace Of(Commitment commitment, DateOnly startsOn, DateOnly endsOn, decimal delivered, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        var termMonths = Months(startsOn, endsOn.AddDays(1));
        var dueInTerm = commitment.Per switch
        {
            "month" => commitment.Amount * termMonths,
            "quarter" => commitment.Amount * termMonths / 3,
            "year" => commitment.Amount * termMonths / 12,
            _ => commitment.Amount,
        };
        // Counted in calendar months like the term, so that "6 a year" is exactly 3 due at the end of June.
        var elapsed = today < startsOn ? 0 : today >= endsOn ? 1 : Months(startsOn, today.AddDays(1)) / termMonths;
        var dueByNow = dueInTerm * elapsed;
        (dueInTerm, dueByNow) = Counted.Contains(commitment.Measure)
            ? (Math.Ceiling(Math.Round(dueInTerm, 6)), Math.Floor(Math.Round(dueByNow, 6)))
            : (Math.Round(dueInTerm, 2), Math.Round(dueByNow, 2));
        return new Pace(dueInTerm, dueByNow, delivered, Math.Max(0, dueByNow - delivered));
    }

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/>, and the rest as a share of its month.</summary>
    private static decimal Months(DateOnly from, DateOnly to)
    {
        var whole = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (from.AddMonths(whole) > to) whole--;
        var start = from.AddMonths(whole);
        var nextMonth = from.AddMonths(whole + 1);
        return whole + (decimal)(to.DayNumber - start.DayNumber) / (nextMonth.DayNumber - start.DayNumber);
    }
}
