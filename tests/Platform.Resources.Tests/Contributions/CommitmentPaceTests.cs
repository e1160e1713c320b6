namespace Platform.Resources.Tests.Contributions;

public sealed class CommitmentPaceTests
{
    private static readonly DateOnly StartsOn = new(2026, 1, 1);
    private static readonly DateOnly EndsOn = new(2026, 12, 31);

    [Fact]
    public void Six_activities_a_year_are_three_by_the_end_of_june_and_two_held_is_one_short()
    {
        var pace = CommitmentPace.Of(new("社区志愿服务活动", "activities", 6, "year"), StartsOn, EndsOn, delivered: 2, today: new(2026, 6, 30));

        Assert.Equal((6m, 3m, 1m, true), (pace.DueInTerm, pace.DueByNow, pace.Shortfall, pace.Behind));
    }

    [Fact]
    public void A_venue_two_half_days_a_month_over_a_two_year_term_is_48_in_all()
    {
        var pace = CommitmentPace.Of(new("场地", "half-days", 2, "month"), StartsOn, new(2027, 12, 31), delivered: 30, today: new(2026, 12, 31));

        Assert.Equal((48m, 24m, 0m, false), (pace.DueInTerm, pace.DueByNow, pace.Shortfall, pace.Behind));
    }

    [Fact]
    public void Money_is_due_to_the_fen_and_nothing_is_due_before_the_term_starts()
    {
        var funds = new Commitment("共建资金", "yuan", 20_000, "year");

        Assert.Equal(10_000m, CommitmentPace.Of(funds, StartsOn, EndsOn, 10_000, new(2026, 6, 30)).DueByNow);
        Assert.Equal(10_107.53m, CommitmentPace.Of(funds, StartsOn, EndsOn, 10_000, new(2026, 7, 2)).DueByNow);
        Assert.Equal(0m, CommitmentPace.Of(funds, StartsOn, EndsOn, 0, new(2025, 12, 1)).DueByNow);
        Assert.Equal(20_000m, CommitmentPace.Of(funds, StartsOn, EndsOn, 0, new(2027, 3, 1)).Shortfall);
    }

    [Fact]
    public void A_commitment_for_the_whole_term_is_due_in_proportion() =>
        Assert.Equal(225m, CommitmentPace.Of(new("腊八粥", "servings", 450, "term"), StartsOn, EndsOn, 0, new(2026, 6, 30)).DueByNow);
}
