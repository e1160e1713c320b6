using Npgsql;
using Platform.Authorization;
using Platform.Gateway.Identity;

namespace Platform.Gateway.Insights.Alerts;

/// <summary>An alert as one user sees it: what, where, since when, and whether they read and acknowledged it.</summary>
public sealed record AlertView(
    Guid Id, string Kind, string KindName, string Message, long Count, string PlaceId, string PlaceName, string? StreetId, string? StreetName,
    DateTimeOffset RaisedAt, DateTimeOffset RoseAt, DateTimeOffset? ClearedAt, bool Read, bool Acknowledged, DateTimeOffset? AcknowledgedAt);

public sealed record AlertPage(IReadOnlyList<AlertView> Items, long Total, long Unread, int Page, int PageSize);

/// <summary>One kind's line of a digest: the places with it open, how many things in all, and what is new.</summary>
public sealed record DigestLine(string Kind, string KindName, long Places, long Count, long Unread, long NewToday);

/// <summary>提醒摘要: what stands open in the caller's place by kind, what came or rose in the last day, and what cleared.</summary>
public sealed record AlertDigest(string Scope, DateTimeOffset Since, IReadOnlyList<DigestLine> Lines, long Unread, long ClearedToday, string Summary);

public enum AlertState
{
    Open,
    Unread,
    All,
}

/// <summary>Reads the alerts of the caller's place (a district's all, a street's its own and its communities', a
/// community's its own), with the caller's own receipts.</summary>
public sealed class AlertsQueries(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Alerts = $"{InsightsSchema.Name}.alerts";
    private const string Receipts = $"{InsightsSchema.Name}.alert_receipts";
    private const string Units = $"{IdentitySchema.Name}.org_units";

    /// <summary>Open: not cleared, and not acknowledged since it last rose. Unread: open and not read since it last rose.</summary>
    private const string IsOpen = "alert.cleared_at IS NULL AND (receipt.acknowledged_at IS NULL OR receipt.acknowledged_at < alert.rose_at)";
    private const string IsUnread = $"{IsOpen} AND (receipt.read_at IS NULL OR receipt.read_at < alert.rose_at)";

    public async Task<AlertPage> ListAsync(PlatformUser user, AlertState state, int page, int pageSize, CancellationToken cancellationToken)
    {
        var filter = state switch
        {
            AlertState.Open => IsOpen,
            AlertState.Unread => IsUnread,
            _ => "true",
        };
        await using var command = dataSource.CreateCommand($"""
            SELECT alert.alert_id, alert.kind, alert.count, alert.place_id, coalesce(place.name, alert.place_id),
                   nullif(alert.street_id, ''), street.name, alert.raised_at, alert.rose_at, alert.cleared_at,
                   coalesce(receipt.read_at >= alert.rose_at, false), coalesce(receipt.acknowledged_at >= alert.rose_at, false),
                   receipt.acknowledged_at,
                   count(*) OVER (), count(*) FILTER (WHERE {IsUnread}) OVER ()
              FROM {Alerts} AS alert
              LEFT JOIN {Receipts} AS receipt ON receipt.tenant_id = alert.tenant_id AND receipt.alert_id = alert.alert_id AND receipt.username = $2
              LEFT JOIN {Units} AS place ON place.district_code = alert.tenant_id AND place.unit_id = alert.place_id
              LEFT JOIN {Units} AS street ON street.district_code = alert.tenant_id AND street.unit_id = alert.street_id
             WHERE alert.tenant_id = $1 AND {InScope(user)} AND {filter}
             ORDER BY alert.cleared_at IS NOT NULL, alert.rose_at DESC, alert.alert_id
             LIMIT $4 OFFSET $5
            """);
        AddCaller(command, user);
        command.Parameters.Add(new() { Value = pageSize });
        command.Parameters.Add(new() { Value = (page - 1) * pageSize });
        var items = new List<AlertView>();
        long total = 0, unread = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var kind = reader.GetString(1);
                var count = reader.GetInt64(2);
                items.Add(new AlertView(
                    reader.GetGuid(0), kind, DistrictAlerts.NameOf(kind), DistrictAlerts.Message(kind, count), count, reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8),
                    reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.GetBoolean(10), reader.GetBoolean(11),
                    reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12)));
                (total, unread) = (reader.GetInt64(13), reader.GetInt64(14));
            }
        }
        // A page past the end still says how many there are.
        if (items.Count == 0 && page > 1) (total, unread) = await CountAsync(user, filter, cancellationToken);
        return new AlertPage(items, total, unread, page, pageSize);
    }

    private async Task<(long Total, long Unread)> CountAsync(PlatformUser user, string filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT count(*), count(*) FILTER (WHERE {IsUnread})
              FROM {Alerts} AS alert
              LEFT JOIN {Receipts} AS receipt ON receipt.tenant_id = alert.tenant_id AND receipt.alert_id = alert.alert_id AND receipt.username = $2
             WHERE alert.tenant_id = $1 AND {InScope(user)} AND {filter}
            """);
        AddCaller(command, user);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<AlertDigest> DigestAsync(PlatformUser user, string scopeName, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-1);
        await using var command = dataSource.CreateCommand($"""
            SELECT alert.kind,
                   count(*) FILTER (WHERE {IsOpen}), coalesce(sum(alert.count) FILTER (WHERE {IsOpen}), 0)::bigint,
                   count(*) FILTER (WHERE {IsUnread}), count(*) FILTER (WHERE {IsOpen} AND alert.rose_at >= $4),
                   count(*) FILTER (WHERE alert.cleared_at >= $4)
              FROM {Alerts} AS alert
              LEFT JOIN {Receipts} AS receipt ON receipt.tenant_id = alert.tenant_id AND receipt.alert_id = alert.alert_id AND receipt.username = $2
             WHERE alert.tenant_id = $1 AND {InScope(user)} AND (alert.cleared_at IS NULL OR alert.cleared_at >= $4)
             GROUP BY alert.kind
            """);
        AddCaller(command, user);
        command.Parameters.Add(new() { Value = since.ToUniversalTime() });
        var byKind = new Dictionary<string, (long Places, long Count, long Unread, long New, long Cleared)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                byKind[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        }
        var lines = DistrictAlerts.Kinds
            .Where(kind => byKind.TryGetValue(kind.Kind, out var counts) && counts.Places > 0)
            .Select(kind =>
            {
                var counts = byKind[kind.Kind];
                return new DigestLine(kind.Kind, kind.Name, counts.Places, counts.Count, counts.Unread, counts.New);
            })
            .ToList();
        var cleared = byKind.Values.Sum(counts => counts.Cleared);
        var unread = lines.Sum(line => line.Unread);
        var summary = lines.Count == 0
            ? $"{scopeName}目前没有待处理的提醒。"
            : $"{scopeName}：{string.Join("；", lines.Select(line => $"{line.KindName} {line.Places} 处（共 {DistrictAlerts.Message(line.Kind, line.Count)}）"))}。"
              + $"过去一天新增或加重 {lines.Sum(line => line.NewToday)} 处，解除 {cleared} 处。";
        return new AlertDigest(scopeName, since, lines, unread, cleared, summary);
    }

    /// <returns>Null when there is no such alert; false when it is not in the caller's place.</returns>
    public async Task<bool?> IsVisibleAsync(PlatformUser user, Guid alertId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {InScope(user)} FROM {Alerts} AS alert WHERE alert.tenant_id = $1 AND alert.alert_id = $2
            """);
        command.Parameters.Add(new() { Value = user.DistrictCode });
        command.Parameters.Add(new() { Value = alertId });
        command.Parameters.Add(ScopeParameter(user));
        return await command.ExecuteScalarAsync(cancellationToken) is bool visible ? visible : null;
    }

    /// <summary>Marks the alert read by the caller (and acknowledged, when <paramref name="acknowledge"/>).</summary>
    public async Task MarkAsync(PlatformUser user, Guid alertId, bool acknowledge, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {Receipts} AS receipt (tenant_id, alert_id, username, read_at, acknowledged_at)
            VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN $4 END)
            ON CONFLICT (tenant_id, alert_id, username) DO UPDATE
               SET read_at = excluded.read_at, acknowledged_at = coalesce(excluded.acknowledged_at, receipt.acknowledged_at)
            """);
        command.Parameters.Add(new() { Value = user.DistrictCode });
        command.Parameters.Add(new() { Value = alertId });
        command.Parameters.Add(new() { Value = user.UserId });
        command.Parameters.Add(new() { Value = clock.GetUtcNow().ToUniversalTime() });
        command.Parameters.Add(new() { Value = acknowledge });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The caller's place as SQL over the alert's columns; <c>$3</c> of the scope is the caller's street or community.</summary>
    private static string InScope(PlatformUser user) => user.Role switch
    {
        PlatformRole.StreetStaff => "alert.street_id = $3",
        PlatformRole.CommunityStaff => "alert.place_id = $3",
        _ => "$3::text IS NULL",
    };

    /// <summary><c>$3</c>: the caller's street or community, null for the district's desks.</summary>
    private static NpgsqlParameter ScopeParameter(PlatformUser user) => new()
    {
        Value = (object?)(user.Role switch
        {
            PlatformRole.StreetStaff => user.StreetId,
            PlatformRole.CommunityStaff => user.CommunityId,
            _ => null,
        }) ?? DBNull.Value,
        NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
    };

    private static void AddCaller(NpgsqlCommand command, PlatformUser user)
    {
        command.Parameters.Add(new() { Value = user.DistrictCode });
        command.Parameters.Add(new() { Value = user.UserId });
        command.Parameters.Add(ScopeParameter(user));
    }
}
