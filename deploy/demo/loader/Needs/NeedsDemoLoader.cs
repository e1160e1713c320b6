using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Marten;
using Npgsql;
using Platform.DemoLoader.Wishes;
using Platform.Kernel.Time;
using Platform.Needs.Catalogue;

namespace Platform.DemoLoader.Needs;

/// <summary>
/// Loads the Needs demo data (<see cref="NeedsDemoData"/>), moved to the load day, through the Needs service's own event
/// store (its inline views and timers included). Streams that already exist are left alone, so loading twice, or from
/// two places at once, changes nothing. The service's schema must be in place: its host has started once.
/// </summary>
internal sealed class NeedsDemoLoader(
    IDocumentStore store, NpgsqlDataSource dataSource, NeedsCatalogue catalogue, TimeProvider clock, ILogger<NeedsDemoLoader> logger)
{
    private readonly DemoStreamWriter writer = new(store, dataSource);

    public async Task LoadAsync(string folder, bool withMicroWishes, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, DemoSources.CasesFileName)))
        {
            logger.LogWarning("Demo data: {Folder} has no {File}; no demo needs were loaded", folder, DemoSources.CasesFileName);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var sources = DemoSources.Load(folder);
        var shift = DemoTimeShift.For(sources.Cases.TimeBase.AnchorDate, clock.GetUtcNow());
        var wishes = withMicroWishes && File.Exists(Path.Combine(folder, DemoSources.ResourcesFileName)) ? MicroWishesDemoPlan.Load(folder, DistrictTime.DateOf(shift.NotAfter)) : [];
        var data = NeedsDemoData.Generate(sources, catalogue, shift, wishes);
        foreach (var skipped in data.Skipped) logger.LogWarning("Demo data: case left out: {Reason}", skipped);

        var written = await writer.WriteAsync(data.DistrictCode, data.Cases.Concat(data.MicroWishes).Select(demoCase => demoCase.Appends), data.ActorNames, "needs.demo-data", cancellationToken);
        logger.LogInformation(
            "Demo data: {Cases} needs moved by {Days} days and {Wishes} micro-wishes, {Streams} streams with {Events} events written, {Existing} streams already there, in {Elapsed} ms",
            data.Cases.Count, data.Shift.Days, data.MicroWishes.Count, written.Streams, written.Events, written.Existing, stopwatch.ElapsedMilliseconds);
    }
}
