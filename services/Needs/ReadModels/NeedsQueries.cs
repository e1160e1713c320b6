using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Authorization;

namespace Platform.Needs.ReadModels;

public sealed record NeedFilter(string? Status, string? Category, string? StreetId, string? CommunityId, string? Query, int Page, int PageSize);

public sealed record CaseFilter(
    string? Status, string? Level, string? StreetId, string? CommunityId, string? DepartmentId, bool? Overdue, bool? Open, int Page, int PageSize);

public sealed record ResultPage<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);

/// <summary>Reads of the views, always narrowed to what the caller's role and place may see.</summary>
public sealed class NeedsQueries(NpgsqlDataSource dataSource)
{
    public Task<NeedView?> FindNeedAsync(string tenantId, string needId, CancellationToken cancellationToken) =>
        FindAsync<NeedView>("need_views", "need_id", tenantId, needId, cancellationToken);

    public Task<CaseView?> FindCaseAsync(string tenantId, string caseId, CancellationToken cancellationToken) =>
        FindAsync<CaseView>("case_views", "case_id", tenantId, caseId, cancellationToken);

    public async Task<NeedView?> FindNeedByExternalIdAsync(string tenantId, string externalId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT view FROM {NeedsSchema.Name}.need_views WHERE tenant_id = $1 AND external_id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = externalId });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Deserialize<NeedView>(json) : null;
    }

    public async Task<ResultPage<NeedView>> ListNeedsAsync(PlatformUser user, NeedFilter filter, CancellationToken cancellationToken)
    {
        var where = new Where(user.DistrictCode);
        switch (user.Role)
        {
            case PlatformRole.StreetStaff: where.Add("street_id = {0}", user.StreetId); break;
            case PlatformRole.CommunityStaff: where.Add("community_id = {0}", user.CommunityId); break;
            case PlatformRole.Resident or PlatformRole.Volunteer: where.Add("reporter_user_id = {0}", user.UserId); break;
            case PlatformRole.DistrictAdmin or PlatformRole.Auditor: break;
            default: where.Add("false"); break;
        }
        if (filter.Status is { Length: > 0 } status)
        {
            if (status == "open") where.Add("is_open");
            else if (status == "overdue") where.Add("is_open AND overdue");
            else where.Add("status = {0}", status);
        }
        if (filter.Category is { Length: > 0 }) where.Add("category = {0}", filter.Category);
        if (filter.StreetId is { Length: > 0 }) where.Add("street_id = {0}", filter.StreetId);
        if (filter.CommunityId is { Length: > 0 }) where.Add("community_id = {0}", filter.CommunityId);
        if (filter.Query is { Length: > 0 }) where.Add("search ILIKE {0}", $"%{EscapeLike(filter.Query)}%");
        return await PageAsync<NeedView>("need_views", where, "raised_at DESC, need_id", filter.Page, filter.PageSize, cancellationToken);
    }

    public async Task<ResultPage<CaseView>> ListCasesAsync(PlatformUser user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var where = new Where(user.DistrictCode);
        switch (user.Role)
        {
            case PlatformRole.StreetStaff: where.Add("street_id = {0}", user.StreetId); break;
            case PlatformRole.CommunityStaff: where.Add("community_id = {0}", user.CommunityId); break;
            case PlatformRole.DepartmentStaff: where.Add("department_ids @> ARRAY[{0}]::text[]", user.DepartmentId); break;
            case PlatformRole.DistrictAdmin or PlatformRole.Auditor: break;
            default: where.Add("false"); break;
        }
        if (filter.Status is { Length: > 0 }) where.Add("status = {0}", filter.Status);
        if (filter.Level is { Length: > 0 }) where.Add("level = {0}", filter.Level);
        if (filter.StreetId is { Length: > 0 }) where.Add("street_id = {0}", filter.StreetId);
        if (filter.CommunityId is { Length: > 0 }) where.Add("community_id = {0}", filter.CommunityId);
        if (filter.DepartmentId is { Length: > 0 }) where.Add("department_ids @> ARRAY[{0}]::text[]", filter.DepartmentId);
        if (filter.Overdue is { } overdue) where.Add(overdue ? "overdue" : "NOT overdue");
        if (filter.Open is { } open) where.Add(open ? "is_open" : "NOT is_open");
        return await PageAsync<CaseView>("case_views", where, "is_open DESC, next_deadline_at ASC NULLS LAST, blown_at DESC, case_id", filter.Page, filter.PageSize, cancellationToken);
    }

    public sealed record Notification(long Id, string? CaseId, string? NeedId, string Kind, string Message, DateTimeOffset At);

    public async Task<IReadOnlyList<Notification>> NotificationsAsync(PlatformUser user, int limit, CancellationToken cancellationToken)
    {
        var (kind, id) = user.Role switch
        {
            PlatformRole.DistrictAdmin => ("district", "*"),
            PlatformRole.StreetStaff => ("street", user.StreetId),
            PlatformRole.CommunityStaff => ("community", user.CommunityId),
            PlatformRole.DepartmentStaff => ("department", user.DepartmentId),
            _ => ("", null),
        };
        if (id is null) return [];
        await using var command = dataSource.CreateCommand($"""
            SELECT id, case_id, need_id, kind, message, at FROM {NeedsSchema.Name}.notifications
            WHERE tenant_id = $1 AND audience_kind = $2 AND audience_id = $3 ORDER BY at DESC, id DESC LIMIT $4
            """);
        command.Parameters.Add(new() { Value = user.DistrictCode });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = limit });
        var result = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Notification(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return result;
    }

    private async Task<T?> FindAsync<T>(string table, string idColumn, string tenantId, string id, CancellationToken cancellationToken) where T : class
    {
        await using var command = dataSource.CreateCommand($"SELECT view FROM {NeedsSchema.Name}.{table} WHERE tenant_id = $1 AND {idColumn} = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Deserialize<T>(json) : null;
    }

    private async Task<ResultPage<T>> PageAsync<T>(string table, Where where, string orderBy, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT view, count(*) OVER () FROM {NeedsSchema.Name}.{table} WHERE {where.Sql}
            ORDER BY {orderBy} LIMIT {pageSize} OFFSET {(page - 1) * pageSize}
            """);
        command.Parameters.AddRange(where.Parameters.ToArray());
        var items = new List<T>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Deserialize<T>(reader.GetString(0)));
            total = reader.GetInt64(1);
        }
        if (items.Count == 0 && page > 1)
        {
            // Past the last page the window function has no row to report the total on; count separately.
            await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {NeedsSchema.Name}.{table} WHERE {where.Sql}");
            count.Parameters.AddRange(where.Parameters.Select(parameter => parameter.Clone()).ToArray());
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken));
        }
        return new ResultPage<T>(items, total, page, pageSize);
    }

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, NeedsViewProjection.Json)!;

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <summary>Builds a parameterized WHERE clause; "{0}" in a condition stands for the value's parameter.</summary>
    private sealed class Where
    {
        private readonly StringBuilder sql = new("tenant_id = $1");

        public List<NpgsqlParameter> Parameters { get; } = [];

        public Where(string tenantId) => Parameters.Add(new NpgsqlParameter { Value = tenantId });

        public string Sql => sql.ToString();

        public void Add(string condition, string? value = null)
        {
            if (condition.Contains("{0}"))
            {
                Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                condition = condition.Replace("{0}", $"${Parameters.Count}");
            }
            sql.Append(" AND ").Append(condition);
        }
    }
}
