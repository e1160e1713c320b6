using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.DemoLoader.Resources;

/// <summary>
/// Loads the Resources demo data (<see cref="ResourcesDemoData"/>) for the load day through the Resources service's own
/// event store (its views, ledger and timers included). Records already there are left alone, so loading twice changes
/// nothing. The service's schema must be in place: its host has started once.
/// </summary>
internal sealed class ResourcesDemoLoader(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ResourcesDemoLoader> logger)
{
    private readonly DemoStreamWriter writer = new(store, dataSource);

    public async Task LoadAsync(string folder, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var data = ResourcesDemoData.Generate(ResourcesDemoSources.Load(folder), clock.GetUtcNow());
        var written = await writer.WriteAsync(data.DistrictCode, data.Groups, data.ActorNames, "resources.demo-data", cancellationToken);
        logger.LogInformation(
            "Demo data: {Units} units, {Agreements} agreements, {Offers} offers with {Bookings} bookings, {Contributions} contributions; {Streams} streams with {Events} events written, {Existing} streams already there, in {Elapsed} ms",
            data.Units, data.Agreements, data.Offers, data.Bookings, data.Contributions, written.Streams, written.Events, written.Existing,
            stopwatch.ElapsedMilliseconds);
    }
}
