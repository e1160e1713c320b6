using Npgsql;
using Platform.Contracts.Insights;

namespace Platform.Gateway.Insights.Alerts;

/// <summary>Raises, moves and clears a place's alerts as a new revision of its figures for now says (<see cref="DistrictAlerts"/>).</summary>
public static class AlertsWriter
{
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PlaceFiguresReported figures, CancellationToken cancellationToken)
    {
        var watched = figures.Figures.Where(figure => DistrictAlerts.IsWatched(figure.Key)).ToList();
        if (watched.Count == 0) return;
        // The place's open alerts in one read, locked: a revision of the same place in another transaction waits here.
        var open = new Dictionary<string, (Guid AlertId, long Count)>(StringComparer.Ordinal);
        await using (var find = new NpgsqlCommand($"""
            SELECT kind, alert_id, count FROM {InsightsSchema.Name}.alerts
             WHERE tenant_id = $1 AND place_id = $2 AND cleared_at IS NULL FOR UPDATE
            """, connection, transaction))
        {
            find.Parameters.Add(new() { Value = figures.DistrictCode });
            find.Parameters.Add(new() { Value = figures.PlaceId });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) open[reader.GetString(0)] = (reader.GetGuid(1), reader.GetInt64(2));
        }
        foreach (var (kind, value) in watched)
        {
            var (alertId, openCount) = open.TryGetValue(kind, out var found) ? (found.AlertId, (long?)found.Count) : (Guid.Empty, null);
            var at = figures.ChangedAt.ToUniversalTime();
            var (sql, values) = DistrictAlerts.Evaluate(openCount, value) switch
            {
                AlertChange.Raise => ($"""
                    INSERT INTO {InsightsSchema.Name}.alerts (tenant_id, alert_id, place_id, street_id, kind, count, raised_at, rose_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
                    """, new object[] { figures.DistrictCode, Guid.CreateVersion7(at), figures.PlaceId, figures.StreetId, kind, value, at }),
                AlertChange.Rise => ($"UPDATE {InsightsSchema.Name}.alerts SET count = $3, rose_at = $4 WHERE tenant_id = $1 AND alert_id = $2",
                    [figures.DistrictCode, alertId, value, at]),
                AlertChange.Fall => ($"UPDATE {InsightsSchema.Name}.alerts SET count = $3 WHERE tenant_id = $1 AND alert_id = $2",
                    [figures.DistrictCode, alertId, value]),
                AlertChange.Clear => ($"UPDATE {InsightsSchema.Name}.alerts SET cleared_at = $3 WHERE tenant_id = $1 AND alert_id = $2",
                    [figures.DistrictCode, alertId, at]),
                _ => ((string?)null, Array.Empty<object>()),
            };
            if (sql is null) continue;
            await using var change = new NpgsqlCommand(sql, connection, transaction);
            foreach (var parameter in values) change.Parameters.Add(new() { Value = parameter });
            await change.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
