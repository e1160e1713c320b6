using Marten;

namespace Platform.Bench;

/// <summary>
/// Fills a Marten store with events, each stream's spread over the log as in life: a thousand streams at a time,
/// ten events of each stream in turn (by default), so a 100-event stream lies in ten places of mt_events.
/// </summary>
internal static class EventLoader
{
    public const int StreamsPerTransaction = 1000;
    private const int EventsPerStreamInTurn = 10;

    public static string StreamId(Guid needId) => $"need-{needId}";

    public static List<Guid> NewNeeds(int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();

    /// <summary>
    /// Through Marten's own append, as commands write: one session per transaction, <paramref name="eventsInTurn"/>
    /// events to each of a thousand streams (a quick-append function call per stream, the hash-chain trigger per
    /// event). Two loaders, one per core.
    /// </summary>
    public static async Task AppendAsync(IDocumentStore store, IReadOnlyList<Guid> needs, int eventsPerStream, int eventsInTurn = EventsPerStreamInTurn)
    {
        await Parallel.ForEachAsync(needs.Chunk(StreamsPerTransaction), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (chunk, cancellationToken) =>
        {
            for (var version = 0; version < eventsPerStream; version += eventsInTurn)
            {
                await using var session = BenchEvents.Stamped(store.LightweightSession(BenchEvents.Tenant));
                var count = Math.Min(eventsInTurn, eventsPerStream - version);
                foreach (var need in chunk) session.Events.Append(StreamId(need), version + count, BenchEvents.Events(need, version, count));
                await session.SaveChangesAsync(cancellationToken);
            }
        });
    }
}
