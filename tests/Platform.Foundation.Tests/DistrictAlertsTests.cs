using Platform.Gateway.Insights.Alerts;

namespace Platform.Foundation.Tests;

public sealed class DistrictAlertsTests
{
    [Theory]
    [InlineData(null, 0, AlertChange.None)]
    [InlineData(null, 3, AlertChange.Raise)]
    [InlineData(3L, 3, AlertChange.None)]
    [InlineData(3L, 5, AlertChange.Rise)]
    [InlineData(3L, 1, AlertChange.Fall)]
    [InlineData(3L, 0, AlertChange.Clear)]
    public void A_places_alert_follows_its_figure(long? open, long figure, AlertChange expected)
    {
        Assert.Equal(expected, DistrictAlerts.Evaluate(open, figure));
    }

    [Fact]
    public void An_alert_reads_as_its_count_and_what_is_counted()
    {
        Assert.Equal("3 件吹哨超过时限未办结", DistrictAlerts.Message("cases.overdue", 3));
        Assert.Equal("吹哨超时", DistrictAlerts.NameOf("cases.overdue"));
    }

    [Fact]
    public void Only_figures_of_trouble_raise_alerts()
    {
        Assert.True(DistrictAlerts.IsWatched("tasks.late"));
        Assert.True(DistrictAlerts.IsWatched("wishes.open"));
        Assert.False(DistrictAlerts.IsWatched("needs.raised"));
        Assert.False(DistrictAlerts.IsWatched("units.active"));
    }
}
