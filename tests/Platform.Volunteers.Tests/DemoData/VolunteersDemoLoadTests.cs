using System.Diagnostics;
using Platform.SystemUnderTest;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Volunteers.Tests.DemoData;

/// <summary>The Volunteers demo loaded into a Volunteers service on real PostgreSQL, twice: the second load finds
/// everything there and writes nothing, and the views, the ledger and the kept photos hold what the events say.</summary>
public sealed class VolunteersDemoLoadTests(ITestOutputHelper output) : ServiceInstanceTests("volunteers-demo", LoadMoment, "Volunteers:Timers")
{
    private static readonly DateTimeOffset LoadMoment = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(8));

    /// <summary>What the loader wrote, leaving out what the timers add meanwhile (missing check-outs closed, visits overdue).</summary>
    private const string LoadedEvents = "SELECT count(*) FROM volunteers.mt_events WHERE user_name <> 'system:timer'";

    [Fact]
    public async Task Loading_twice_changes_nothing_and_the_board_the_ledger_and_the_coverage_are_full()
    {
        await using var instance = await StartInstanceAsync(VolunteersService.Build);

        var stopwatch = Stopwatch.StartNew();
        await DemoDistrict.LoadVolunteersAsync(instance);
        output.WriteLine($"first load: {stopwatch.ElapsedMilliseconds} ms, {await ScalarAsync(LoadedEvents)} events");
        var events = await ScalarAsync(LoadedEvents);
        stopwatch.Restart();
        await DemoDistrict.LoadVolunteersAsync(instance);
        output.WriteLine($"second load: {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal(events, await ScalarAsync(LoadedEvents));
        Assert.Equal(605, await ScalarAsync("SELECT count(*) FROM volunteers.volunteer_views WHERE community_id = 'xinghuananli' AND kind <> 'resident'"));
        Assert.True(await ScalarAsync("SELECT count(*) FROM volunteers.wish_views WHERE status = 'fulfilled'") >= 300);
        Assert.True(await ScalarAsync("SELECT count(*) FROM volunteers.wish_views WHERE status = 'open'") >= 3);
        Assert.Equal(
            await ScalarAsync("SELECT count(*) FROM volunteers.wish_views WHERE status = 'fulfilled'"),
            await ScalarAsync("SELECT count(*) FROM volunteers.attachments WHERE owner_kind = 'wish-photo'"));
        Assert.True(await ScalarAsync("SELECT count(*) FROM volunteers.unit_report_views") > 200);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM (SELECT entry_id FROM volunteers.ledger_lines GROUP BY entry_id HAVING sum(amount) <> 0) AS unbalanced"));
    }
}
