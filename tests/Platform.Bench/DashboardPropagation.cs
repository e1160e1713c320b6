using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// How long a raised need takes to reach the district's dashboard: the Needs service's statistics projection, which
/// the event store's daemon runs behind the log and which writes needs.dashboard_items (kind 'need', item_id = the
/// need's id). Timed from the command's 201 answer (the need's events are committed by then) until a poll of the
/// table finds the row.
/// </summary>
internal sealed class DashboardPropagation(NpgsqlDataSource needsDatabase, string districtCode)
{
    private const string FindShown = """
        SELECT item_id FROM needs.dashboard_items WHERE tenant_id = $1 AND kind = 'need' AND item_id = ANY($2)
        """;

    /// <summary>Waits until every need in <paramref name="needIds"/> is on the dashboard; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForAllAsync(IReadOnlyCollection<string> needIds, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var ids = needIds.ToArray();
        while (true)
        {
            await using (var command = needsDatabase.CreateCommand(FindShown.Replace("SELECT item_id", "SELECT count(*)", StringComparison.Ordinal)))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = districtCode });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
                var shown = (long)(await command.ExecuteScalarAsync())!;
                if (shown == ids.Length) return clock.Elapsed;
                if (clock.Elapsed > limit)
                    throw new TimeoutException($"After {limit.TotalSeconds:F0} s only {shown:N0} of {ids.Length:N0} raised needs are in needs.dashboard_items.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Raises <paramref name="count"/> needs through the gateway at <paramref name="perSecond"/> (each on its schedule,
    /// whether or not the previous one has been answered), round robin over the clients, while one connection polls
    /// the dashboard every <paramref name="pollInterval"/> for all needs not seen yet, in one query. Returns each need's
    /// delay in milliseconds, up to the end of the poll that found it.
    /// </summary>
    public async Task<List<double>> MeasureAsync(IReadOnlyList<HttpClient> clients, int count, double perSecond, TimeSpan pollInterval)
    {
        var pending = new ConcurrentDictionary<string, long>();
        var delays = new List<double>(count);
        var sending = Task.Run(async () =>
        {
            var start = Stopwatch.GetTimestamp();
            var raises = new List<Task>(count);
            for (var i = 0; i < count; i++)
            {
                var wait = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var client = clients[i % clients.Count];
                raises.Add(Task.Run(async () =>
                {
                    var needId = await RaiseNeedLoad.RaiseAsync(client, RaiseNeedLoad.GatewayPath);
                    pending[needId] = Stopwatch.GetTimestamp();
                }));
            }
            await Task.WhenAll(raises);
        });

        await using var connection = await needsDatabase.OpenConnectionAsync();
        await using var poll = new NpgsqlCommand(FindShown, connection);
        var ids = new NpgsqlParameter<string[]> { TypedValue = [] };
        poll.Parameters.Add(new NpgsqlParameter<string> { TypedValue = districtCode });
        poll.Parameters.Add(ids);
        await poll.PrepareAsync();
        var sentAll = (long?)null;
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
                foreach (var needId in shown)
                {
                    if (pending.TryRemove(needId, out var answeredAt)) delays.Add(Stopwatch.GetElapsedTime(answeredAt, seenAt).TotalMilliseconds);
                }
            }
            if (sentAll is not null && pending.IsEmpty) break;
            if (sentAll is { } since && Stopwatch.GetElapsedTime(since) > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"{pending.Count} raised needs were not in needs.dashboard_items 60 s after the last was raised: {string.Join(", ", pending.Keys.Take(5))} ...");
            await Task.Delay(pollInterval);
        }
        return delays;
    }
}
