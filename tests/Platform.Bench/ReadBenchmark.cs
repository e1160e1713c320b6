using System.Diagnostics;

namespace Platform.Bench;

/// <summary>Latency of reading one whole 100-event stream, one read at a time, as a command handler does before deciding.</summary>
internal static class ReadBenchmark
{
    public sealed record Latency(double P50Milliseconds, double P99Milliseconds);

    public static async Task<Latency> MeasureAsync(EventStore.EventStore store, IReadOnlyList<Guid> needs, int reads, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < reads / 10; i++) await ReadAsync(store, needs[random.Next(needs.Count)]);

        var latencies = new double[reads];
        for (var i = 0; i < reads; i++)
        {
            var need = needs[random.Next(needs.Count)];
            var clock = Stopwatch.StartNew();
            await ReadAsync(store, need);
            latencies[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(latencies);
        return new Latency(latencies[reads / 2], latencies[(int)Math.Ceiling(reads * 0.99) - 1]);
    }

    private static async Task ReadAsync(EventStore.EventStore store, Guid need)
    {
        await using var session = store.OpenSession(BenchEvents.Tenant);
        var events = await session.FetchStreamAsync(EventLoader.StreamId(need));
        if (events.Count != 100) throw new InvalidOperationException($"Stream {need} has {events.Count} events, not 100.");
    }
}
