using Platform.EventStore;

namespace Platform.Bench;

/// <summary>
/// Fills a store with real events (hash chain, versions, transaction ids) through its batch append: many streams per
/// transaction, a few events per stream per transaction, so each stream's events are spread over the log as in life.
/// </summary>
internal static class EventLoader
{
    private const int StreamsPerTransaction = 1000;

    public static string StreamId(Guid needId) => $"need-{needId}";

    public static async Task LoadAsync(
        EventStoreClient store, IReadOnlyList<Guid> needs, int eventsPerStream, int eventsPerStreamPerTransaction = 10)
    {
        // Two loaders: one per core, each on streams of its own.
        var chunks = needs.Chunk(StreamsPerTransaction).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (chunk, cancellationToken) =>
        {
            for (var version = 0; version < eventsPerStream; version += eventsPerStreamPerTransaction)
            {
                await using var session = store.OpenSession(BenchEvents.Tenant, BenchEvents.Metadata);
                var count = Math.Min(eventsPerStreamPerTransaction, eventsPerStream - version);
                foreach (var need in chunk) session.Append(StreamId(need), version, BenchEvents.Events(need, version, count));
                await session.SaveChangesAsync(cancellationToken);
            }
        });
    }

    public static List<Guid> NewNeeds(int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
}
