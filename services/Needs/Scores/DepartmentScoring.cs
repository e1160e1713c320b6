using Platform.Needs.Catalogue;

namespace Platform.Needs.Scores;

/// <summary>What a department did with the whistle cases dispatched to it in a period, as the statistics projection
/// counts it.</summary>
public sealed record DepartmentTally(
    string DepartmentId, string DepartmentName, int Dispatched, int SignedInTime, int Callbacks, int Resolved, int Satisfied,
    int Reported, int ReportedInTime, int Signed, double SignMinutes, double HandleHours);

/// <summary>A department's rates (fractions 0–1, null when nothing stands behind them yet), its weighted score out of
/// 100, and its place: null when it handled too few cases to be compared.</summary>
public sealed record DepartmentScore(
    string DepartmentId, string DepartmentName, int Dispatched, int SignedInTime, double? ResponseRate, int Callbacks, int ResolvedAtCallback,
    double? ResolutionRate, int Satisfied, double? SatisfactionRate, int Reported, int ReportedInTime, double? OnTimeRate,
    double? AverageSignMinutes, double? AverageHandleHours, double? Score, int? Rank);

/// <summary>
/// 部门考评, the rule: 响应率, 解决率 and 满意率 weighted as the district configures. A rate with nothing behind it
/// (no callbacks yet) is left out of the score rather than counted as zero. Only departments with at least the
/// configured number of dispatched cases are ranked: one case handled well would otherwise put a department above one
/// that handled forty nearly as well. Equal scores share a place.
/// </summary>
public static class DepartmentScoring
{
    public static DepartmentScore Score(DepartmentTally tally, ScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(weights);
        var response = Rate(tally.SignedInTime, tally.Dispatched);
        var resolution = Rate(tally.Resolved, tally.Callbacks);
        var satisfaction = Rate(tally.Satisfied, tally.Callbacks);
        var parts = new (double Weight, double? Rate)[] { (weights.ResponseRate, response), (weights.ResolutionRate, resolution), (weights.SatisfactionRate, satisfaction) }
            .Where(part => part.Rate is not null).ToList();
        double? score = parts.Count == 0 || parts.Sum(part => part.Weight) <= 0
            ? null
            : Math.Round(100 * parts.Sum(part => part.Weight * part.Rate!.Value) / parts.Sum(part => part.Weight), 1);
        return new DepartmentScore(
            tally.DepartmentId, tally.DepartmentName, tally.Dispatched, tally.SignedInTime, response, tally.Callbacks, tally.Resolved, resolution,
            tally.Satisfied, satisfaction, tally.Reported, tally.ReportedInTime, Rate(tally.ReportedInTime, tally.Reported),
            tally.Signed == 0 ? null : Math.Round(tally.SignMinutes / tally.Signed, 1),
            tally.Reported == 0 ? null : Math.Round(tally.HandleHours / tally.Reported, 1),
            score, Rank: null);
    }

    /// <summary>Ranked departments first, best score first (more cases first among equals); then the ones not ranked,
    /// by how many cases they had.</summary>
    public static IReadOnlyList<DepartmentScore> Rank(IEnumerable<DepartmentScore> scores, int minimumCasesToRank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumCasesToRank, 1);
        var all = scores.ToList();
        var ranked = all.Where(row => IsRanked(row, minimumCasesToRank))
            .OrderByDescending(row => row.Score).ThenByDescending(row => row.Dispatched).ThenBy(row => row.DepartmentName, StringComparer.Ordinal)
            .ToList();
        var placed = ranked.Select(row => row with { Rank = 1 + ranked.Count(other => other.Score > row.Score) });
        var unranked = all.Where(row => !IsRanked(row, minimumCasesToRank))
            .OrderByDescending(row => row.Dispatched).ThenBy(row => row.DepartmentName, StringComparer.Ordinal)
            .Select(row => row with { Rank = null });
        return [.. placed, .. unranked];
    }

    private static bool IsRanked(DepartmentScore row, int minimumCasesToRank) => row.Score is not null && row.Dispatched >= minimumCasesToRank;

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
