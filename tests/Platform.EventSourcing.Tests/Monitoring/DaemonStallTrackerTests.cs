using Platform.EventSourcing.Monitoring;

namespace Platform.EventSourcing.Tests.Monitoring;

public sealed class DaemonStallTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Given_a_daemon_that_keeps_up_When_observed_Then_it_is_healthy()
    {
        var tracker = new DaemonStallTracker(Limit);

        var health = tracker.Observe(new DaemonProgress(500, 500, 0, 0), Start.AddMinutes(10));

        Assert.True(health.IsHealthy);
        Assert.Equal(TimeSpan.Zero, health.StalledFor);
    }

    [Fact]
    public void Given_a_high_water_mark_standing_still_below_the_newest_event_When_the_limit_passes_Then_it_is_a_stall()
    {
        var tracker = new DaemonStallTracker(Limit);

        var first = tracker.Observe(new DaemonProgress(520, 500, 0, 0), Start);
        var withinLimit = tracker.Observe(new DaemonProgress(540, 500, 0, 0), Start.AddSeconds(30));
        var pastLimit = tracker.Observe(new DaemonProgress(560, 500, 0, 0), Start.AddSeconds(31));

        Assert.False(first.IsStalled);
        Assert.False(withinLimit.IsStalled);
        Assert.True(pastLimit.IsStalled);
        Assert.Equal(TimeSpan.FromSeconds(31), pastLimit.StalledFor);
        Assert.Contains("长事务", pastLimit.Describe());
    }

    [Fact]
    public void Given_a_daemon_behind_but_moving_When_observed_long_after_Then_it_is_no_stall()
    {
        var tracker = new DaemonStallTracker(Limit);

        tracker.Observe(new DaemonProgress(900, 100, 0, 0), Start);
        tracker.Observe(new DaemonProgress(900, 400, 0, 0), Start.AddSeconds(25));
        var health = tracker.Observe(new DaemonProgress(900, 700, 0, 0), Start.AddSeconds(50));

        Assert.True(health.IsHealthy);
    }

    [Fact]
    public void Given_a_stall_When_the_transaction_commits_and_the_daemon_catches_up_Then_it_is_healthy_again()
    {
        var tracker = new DaemonStallTracker(Limit);
        tracker.Observe(new DaemonProgress(520, 500, 0, 0), Start);
        Assert.True(tracker.Observe(new DaemonProgress(520, 500, 0, 0), Start.AddMinutes(2)).IsStalled);

        var health = tracker.Observe(new DaemonProgress(520, 520, 0, 0), Start.AddMinutes(2).AddSeconds(1));

        Assert.True(health.IsHealthy);
    }

    [Fact]
    public void Given_holes_of_rolled_back_appends_passed_When_observed_Then_they_are_counted_and_no_finding()
    {
        var tracker = new DaemonStallTracker(Limit);

        var health = tracker.Observe(new DaemonProgress(520, 520, 1, 3), Start);

        Assert.True(health.IsHealthy);
        Assert.Contains("空号 3 个", health.Describe());
    }

    [Fact]
    public void Given_a_subscription_standing_still_below_the_high_water_mark_When_the_limit_passes_Then_it_is_a_stall_that_names_it()
    {
        var tracker = new DaemonStallTracker(Limit);

        var first = tracker.Observe(new DaemonProgress(600, 600, 0, 0, "outbox-relay:All", 420), Start);
        var pastLimit = tracker.Observe(new DaemonProgress(700, 700, 0, 0, "outbox-relay:All", 420), Start.AddSeconds(31));

        Assert.False(first.IsStalled);
        Assert.True(pastLimit.IsStalled);
        Assert.Equal("outbox-relay:All", pastLimit.StalledShard);
        Assert.Contains("outbox-relay:All", pastLimit.Describe());
        Assert.Contains("第 420 号", pastLimit.Describe());
    }

    [Fact]
    public void Given_a_subscription_behind_but_moving_When_observed_long_after_Then_it_is_no_stall()
    {
        var tracker = new DaemonStallTracker(Limit);

        tracker.Observe(new DaemonProgress(100_000, 100_000, 0, 0, "needs-statistics:All", 10_000), Start);
        var later = tracker.Observe(new DaemonProgress(100_000, 100_000, 0, 0, "needs-statistics:All", 60_000), Start.AddSeconds(31));
        var caughtUp = tracker.Observe(new DaemonProgress(100_000, 100_000, 0, 0, "needs-statistics:All", 100_000), Start.AddSeconds(62));

        Assert.False(later.IsStalled);
        Assert.True(caughtUp.IsHealthy);
        Assert.Null(caughtUp.StalledShard);
    }
}
