using System.Diagnostics;
using Marten;

namespace Platform.Bench;

/// <summary>
/// Latency of reading one whole 100-event stream, one read at a time, as a command handler does before deciding.
/// Two stores are read in alternating rounds, so whatever else the machine does meanwhile falls on both alike.
/// </summary>
internal static class ReadBenchmark
{
    public sealed record Latency(double P50Milliseconds, double P99Milliseconds);

    public static async Task<(Latency Small, Latency Large)> CompareAsync(
        (IDocumentStore Store, IReadOnlyList<Guid> Needs) small, (IDocumentStore Store, IReadOnlyList<Guid> Needs) large,
        int readsEach, int rounds)
    {
        var random = new Random(42);
        var (smallLatencies, largeLatencies) = (new List<double>(readsEach), new List<double>(readsEach));
        await ReadAsync(small, readsEach / 10, random, []);
        await ReadAsync(large, readsEach / 10, random, []);
        for (var round = 0; round < rounds; round++)
        {
            await ReadAsync(small, readsEach / rounds, random, smallLatencies);
            await ReadAsync(large, readsEach / rounds, random, largeLatencies);
        }
        return (Summarize(smallLatencies), Summarize(largeLatencies));
    }

    private static async Task ReadAsync((IDocumentStore Store, IReadOnlyList<Guid> Needs) target, int reads, Random random, List<double> latencies)
    {
        for (var i = 0; i < reads; i++)
        {
            var need = target.Needs[random.Next(target.Needs.Count)];
            var clock = Stopwatch.StartNew();
            await using (var session = target.Store.LightweightSession(BenchEvents.Tenant))
            {
                var events = await session.Events.FetchStreamAsync(EventLoader.StreamId(need));
                if (events.Count != 100) throw new InvalidOperationException($"Stream {need} has {events.Count} events, not 100.");
            }
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    private static Latency Summarize(List<double> latencies)
    {
        latencies.Sort();
        return new Latency(latencies[latencies.Count / 2], latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]);
    }
}
