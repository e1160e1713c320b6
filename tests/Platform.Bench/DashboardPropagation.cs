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
    public Task<List<double>> MeasureAsync(IReadOnlyList<HttpClient> clients, int count, double perSecond, TimeSpan pollInterval) =>
        ScheduledPropagation.MeasureAsync(needsDatabase, FindShown, districtCode,
            i => RaiseNeedLoad.RaiseAsync(clients[i % clients.Count], RaiseNeedLoad.GatewayPath), count, perSecond, pollInterval);
}
