using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.DemoData;

/// <summary>The Resources demo loaded into a Resources service on real PostgreSQL, twice: the second load finds
/// everything there and writes nothing, and the views and the ledger hold what the events say.</summary>
public sealed class ResourcesDemoLoadTests() : ServiceInstanceTests("resources-demo", LoadMoment, "Resources:Timers")
{
    private static readonly DateTimeOffset LoadMoment = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(8));

    /// <summary>What the loader wrote, leaving out what the agreements' timers add meanwhile (the warnings due at once).</summary>
    private const string LoadedEvents =
        "SELECT count(*) FROM resources.mt_events WHERE type NOT IN ('resources.agreement-expiry-warned.v1', 'resources.agreement-expired.v1')";

    [Fact]
    public async Task Loading_twice_changes_nothing_and_the_ledger_balances()
    {
        await using var instance = await StartInstanceAsync(ResourcesService.Build);

        await DemoDistrict.LoadResourcesAsync(instance);
        var events = await ScalarAsync(LoadedEvents);
        await DemoDistrict.LoadResourcesAsync(instance);

        Assert.Equal(events, await ScalarAsync(LoadedEvents));
        Assert.Equal(269, await ScalarAsync("SELECT count(*) FROM resources.unit_views"));
        Assert.Equal(269, await ScalarAsync("SELECT count(*) FROM resources.agreement_views"));
        Assert.True(await ScalarAsync("SELECT count(*) FROM resources.booking_views") > 300);
        Assert.True(await ScalarAsync("SELECT count(DISTINCT entry_id) FROM resources.ledger_lines") > 800);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM (SELECT entry_id FROM resources.ledger_lines GROUP BY entry_id HAVING sum(amount) <> 0) AS unbalanced"));
        Assert.Equal(0, await ScalarAsync("SELECT coalesce(sum(amount), 0)::bigint FROM resources.ledger_lines"));
        // The agreements in force keep their timers: a warning and an expiry each, or the expiry alone once warned.
        Assert.True(await ScalarAsync("SELECT count(*) FROM resources.durable_timers") >= 269);
    }
}
