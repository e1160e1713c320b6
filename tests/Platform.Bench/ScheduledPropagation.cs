using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// The propagation measurement both benchmarks share: commands sent on a fixed schedule, and one connection polling
/// a read model for every command not seen there yet, in one query.
/// </summary>
internal static class ScheduledPropagation
{
    /// <summary>
    /// Runs <paramref name="count"/> commands at <paramref name="perSecond"/> (each on its schedule, whether or not
    /// the previous one has finished); a command returns the id it wrote once it is committed. Meanwhile
    /// <paramref name="findShown"/> ($1 = <paramref name="tenant"/>, $2 = the ids still pending; it returns the ids
    /// found) runs every <paramref name="pollInterval"/>. Returns each command's delay in milliseconds, from its
    /// commit to the end of the poll that found it.
    /// </summary>
    public static async Task<List<double>> MeasureAsync(
        NpgsqlDataSource dataSource, string findShown, string tenant, Func<int, Task<string>> command,
        int count, double perSecond, TimeSpan pollInterval)
    {
        var pending = new ConcurrentDictionary<string, long>();
        var delays = new List<double>(count);
        var sending = Task.Run(async () =>
        {
            var start = Stopwatch.GetTimestamp();
            var commands = new List<Task>(count);
            for (var i = 0; i < count; i++)
            {
                var wait = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var number = i;
                commands.Add(Task.Run(async () =>
                {
                    var id = await command(number);
                    pending[id] = Stopwatch.GetTimestamp();
                }));
            }
            await Task.WhenAll(commands);
        });

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var poll = new NpgsqlCommand(findShown, connection);
        var ids = new NpgsqlParameter<string[]> { TypedValue = [] };
        poll.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
        poll.Parameters.Add(ids);
        await poll.PrepareAsync();
        long? sentAll = null;
        while (true)
        {
            if (sending.IsFaulted) await sending;
            if (sending.IsCompleted) sentAll ??= Stopwatch.GetTimestamp();
            if (!pending.IsEmpty)
            {
                ids.TypedValue = [.. pending.Keys];
                var shown = new List<string>();
                await using (var reader = await poll.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync()) shown.Add(reader.GetString(0));
                }
                var seenAt = Stopwatch.GetTimestamp();
                foreach (var id in shown)
                {
                    if (pending.TryRemove(id, out var committedAt)) delays.Add(Stopwatch.GetElapsedTime(committedAt, seenAt).TotalMilliseconds);
                }
            }
            if (sentAll is not null && pending.IsEmpty) break;
            if (sentAll is { } since && Stopwatch.GetElapsedTime(since) > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"{pending.Count} commands were not in the read model 60 s after the last was sent: {string.Join(", ", pending.Keys.Take(5))} ...");
            await Task.Delay(pollInterval);
        }
        return delays;
    }
}
