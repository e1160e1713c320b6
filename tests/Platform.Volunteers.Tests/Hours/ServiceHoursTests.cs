namespace Platform.Volunteers.Tests.Hours;

/// <summary>How much service counts: a two-hour 环境整治 morning in 兴华南里 (seed 002), 9:00 to 11:00.</summary>
public sealed class ServiceHoursTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 21, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset End = Start.AddHours(2);
    private static readonly DateTimeOffset DayAfter = End.AddHours(30);

    private static VerifiedService Verify(DateTimeOffset checkedIn, DateTimeOffset? checkedOut, ServiceRules? rules = null, DateTimeOffset? now = null, bool walkIn = false) =>
        ServiceHours.Verify(new Presence("v-001", checkedIn, checkedOut, walkIn), Start, End, "env-cleanup", rules ?? ServiceRules.Default, now ?? DayAfter);

    [Fact]
    public void Minutes_run_from_check_in_to_check_out_rounded_to_the_minute()
    {
        var verified = Verify(Start.AddMinutes(5), Start.AddMinutes(100).AddSeconds(31));
        Assert.Equal(96, verified.Minutes);
        Assert.Equal(ServiceLedger.CheckedHours, verified.Kind);
        Assert.Equal(1.6m, verified.Points);
        Assert.Null(verified.Note);
    }

    [Fact]
    public void Time_before_the_start_and_after_the_end_does_not_count() =>
        Assert.Equal(120, Verify(Start.AddMinutes(-25), End.AddMinutes(40)).Minutes);

    [Fact]
    public void Under_sixty_percent_of_the_activity_earns_nothing_and_says_why()
    {
        var verified = Verify(Start.AddMinutes(50), End);
        Assert.Equal(0, verified.Minutes);
        Assert.Equal(0, verified.Points);
        Assert.Contains("不足活动时长的 60%", verified.Note);
        Assert.Equal(72, Verify(Start.AddMinutes(48), End).Minutes);
    }

    [Fact]
    public void The_share_is_configuration() =>
        Assert.Equal(70, Verify(Start.AddMinutes(50), End, ServiceRules.Default with { MinimumAttendanceShare = 0.5m }).Minutes);

    [Fact]
    public void A_missing_check_out_waits_for_the_grace_period_then_closes_at_the_end_flagged()
    {
        Assert.Equal("尚未签退", Verify(Start, null, now: End.AddHours(3)).Note);
        var closed = Verify(Start.AddMinutes(10), null, now: End.AddHours(24));
        Assert.Equal(110, closed.Minutes);
        Assert.Equal(End, closed.ClosedAt);
        Assert.Contains("自动签退", closed.Note);
    }

    [Fact]
    public void One_activity_credits_at_most_the_configured_hours()
    {
        var verified = Verify(Start, End, ServiceRules.Default with { MostHoursPerActivity = 1.5m });
        Assert.Equal(90, verified.Minutes);
        Assert.Contains("按上限计", verified.Note);
    }

    [Fact]
    public void Points_follow_the_rate_and_the_kind_s_bonus()
    {
        var rules = ServiceRules.Default with { PointsPerHour = 2, BonusPointsByKind = new() { ["env-cleanup"] = 1 } };
        Assert.Equal(5, Verify(Start, End, rules).Points);
        Assert.Equal(0, ServiceHours.PointsFor(0, "env-cleanup", rules));
    }

    [Fact]
    public void A_walk_in_s_time_is_the_organizer_s_and_kept_apart() =>
        Assert.Equal(ServiceLedger.RecordedHours, Verify(Start, End, walkIn: true).Kind);
}
