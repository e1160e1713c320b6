using Platform.Needs.Catalogue;
using Platform.Needs.Scores;

namespace Platform.Needs.Tests;

public sealed class DepartmentScoringTests
{
    private static readonly ScoreWeights Weights = new() { ResponseRate = 0.3, ResolutionRate = 0.4, SatisfactionRate = 0.3 };

    private static DepartmentTally Tally(string name, int dispatched, int signedInTime, int callbacks = 0, int resolved = 0, int satisfied = 0) =>
        new($"dept-{name}", name, dispatched, signedInTime, callbacks, resolved, satisfied, Reported: 0, ReportedInTime: 0, Signed: signedInTime, SignMinutes: 20.0 * signedInTime, HandleHours: 0);

    private static DepartmentScore Scored(string name, int dispatched, int signedInTime, int callbacks = 0, int resolved = 0, int satisfied = 0) =>
        DepartmentScoring.Score(Tally(name, dispatched, signedInTime, callbacks, resolved, satisfied), Weights);

    [Fact]
    public void The_score_weighs_the_three_rates_as_the_district_configures()
    {
        var score = Scored("市政市容", dispatched: 10, signedInTime: 9, callbacks: 8, resolved: 6, satisfied: 7);

        Assert.Equal(0.9, score.ResponseRate);
        Assert.Equal(0.75, score.ResolutionRate);
        Assert.Equal(0.875, score.SatisfactionRate);
        Assert.Equal(Math.Round(100 * (0.3 * 0.9 + 0.4 * 0.75 + 0.3 * 0.875), 1), score.Score);
        Assert.Equal(20, score.AverageSignMinutes);
    }

    [Fact]
    public void A_rate_with_nothing_behind_it_is_left_out_of_the_score_not_counted_as_zero()
    {
        var score = Scored("城管执法", dispatched: 4, signedInTime: 3);

        Assert.Null(score.ResolutionRate);
        Assert.Null(score.SatisfactionRate);
        Assert.Equal(75.0, score.Score);
    }

    [Fact]
    public void A_department_with_no_case_has_no_score()
    {
        var score = Scored("公安分局", dispatched: 0, signedInTime: 0);

        Assert.Null(score.ResponseRate);
        Assert.Null(score.Score);
    }

    [Fact]
    public void One_case_handled_well_does_not_rank_above_forty_handled_nearly_as_well()
    {
        var one = Scored("房管所", dispatched: 1, signedInTime: 1, callbacks: 1, resolved: 1, satisfied: 1);
        var forty = Scored("市政市容", dispatched: 40, signedInTime: 38, callbacks: 40, resolved: 37, satisfied: 38);

        var ranked = DepartmentScoring.Rank([one, forty], minimumCasesToRank: 5);

        Assert.Equal(["市政市容", "房管所"], ranked.Select(row => row.DepartmentName));
        Assert.Equal(1, ranked[0].Rank);
        Assert.Null(ranked[1].Rank);
        Assert.Equal(100.0, ranked[1].Score);
    }

    [Fact]
    public void Ranked_departments_come_first_by_score_and_the_unranked_after_them_by_cases()
    {
        var rows = new[]
        {
            Scored("甲", dispatched: 6, signedInTime: 3),
            Scored("乙", dispatched: 2, signedInTime: 2),
            Scored("丙", dispatched: 8, signedInTime: 8),
            Scored("丁", dispatched: 4, signedInTime: 1),
            Scored("戊", dispatched: 0, signedInTime: 0),
            Scored("己", dispatched: 5, signedInTime: 4),
        };

        var ranked = DepartmentScoring.Rank(rows, minimumCasesToRank: 5);

        Assert.Equal(["丙", "己", "甲", "丁", "乙", "戊"], ranked.Select(row => row.DepartmentName));
        Assert.Equal([1, 2, 3, null, null, null], ranked.Select(row => row.Rank));
    }

    [Fact]
    public void Equal_scores_share_a_place_and_the_next_place_skips()
    {
        var rows = new[]
        {
            Scored("甲", dispatched: 10, signedInTime: 10),
            Scored("乙", dispatched: 6, signedInTime: 6),
            Scored("丙", dispatched: 10, signedInTime: 5),
        };

        var ranked = DepartmentScoring.Rank(rows, minimumCasesToRank: 1);

        Assert.Equal(["甲", "乙", "丙"], ranked.Select(row => row.DepartmentName));
        Assert.Equal([1, 1, 3], ranked.Select(row => row.Rank));
    }

    [Fact]
    public void A_minimum_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DepartmentScoring.Rank([], minimumCasesToRank: 0));
    }

    [Fact]
    public void The_catalogue_refuses_a_minimum_below_one_at_start()
    {
        var catalogue = new NeedsCatalogue { MinimumCasesToRank = 0 };

        Assert.Contains(catalogue.Problems(), problem => problem.Contains("MinimumCasesToRank", StringComparison.Ordinal));
    }
}
