using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.DemoLoader.Wishes;
using Platform.Kernel.Time;
using Platform.Volunteers.ReadModels;

namespace Platform.DemoLoader.Volunteers;

/// <summary>
/// Loads the Volunteers demo data (<see cref="VolunteersDemoData"/>) for the load day through the Volunteers service's
/// own event store (its views, ledgers and timers included). Records already there are left alone, so loading twice
/// changes nothing. The service's schema must be in place: its host has started once.
/// </summary>
internal sealed class VolunteersDemoLoader(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<VolunteersDemoLoader> logger)
{
    private readonly DemoStreamWriter writer = new(store, dataSource);

    public async Task LoadAsync(string folder, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var loadMoment = clock.GetUtcNow();
        var data = VolunteersDemoData.Generate(
            VolunteersDemoSources.Load(folder), loadMoment, MicroWishesDemoPlan.Load(folder, DistrictTime.DateOf(loadMoment)));
        await DemoPhotos.KeepAsync(dataSource, VolunteersSchema.Name, data.DistrictCode, data.Photos, cancellationToken);
        var written = await writer.WriteAsync(data.DistrictCode, data.Groups, data.ActorNames, "volunteers.demo-data", cancellationToken);
        logger.LogInformation(
            "Demo data: {Volunteers} volunteers, {Teams} teams, {Activities} activities, {Households} households, {Gifts} gifts, {Wishes} micro-wishes; {Streams} streams with {Events} events written, {Existing} streams already there, in {Elapsed} ms",
            data.Volunteers, data.Teams, data.Activities, data.Households, data.Gifts, data.Wishes, written.Streams, written.Events, written.Existing, stopwatch.ElapsedMilliseconds);
    }
}
