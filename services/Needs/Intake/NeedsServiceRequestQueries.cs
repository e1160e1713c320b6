using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Authorization;
using Platform.Needs.Open311;
using Platform.Needs.ReadModels;

namespace Platform.Needs.Intake;

/// <summary>A need with what a GeoReport answer names beside it: its community and street, and its whistle case's
/// level, status and lead department when it was escalated.</summary>
internal sealed record ServiceRequestRow(
    NeedView Need, string? CommunityName, string? StreetName, string? CaseLevel, string? CaseStatus, string? LeadDepartmentName);

/// <summary>Reads of needs.need_views for the public GeoReport interface, with the names it shows from the service's
/// copy of the org tree.</summary>
internal sealed class NeedsServiceRequestQueries(NpgsqlDataSource dataSource, OrganizationDirectory directory)
{
    public async Task<ServiceRequestRow?> FindAsync(string tenantId, string needId, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(tenantId, "n.need_id = $2", [new NpgsqlParameter { Value = needId }], 1, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<ServiceRequestRow>> SearchAsync(string tenantId, ServiceRequestQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder();
        var parameters = new List<NpgsqlParameter>();
        void Add(string condition, object value, NpgsqlDbType type)
        {
            parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            if (where.Length > 0) where.Append(" AND ");
            where.Append(condition.Replace("{0}", $"${parameters.Count + 1}", StringComparison.Ordinal));
        }

        if (query.ServiceRequestIds is { } ids)
        {
            Add("n.need_id = ANY({0})", ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        else
        {
            // timestamptz parameters must be UTC; the client may have sent any offset.
            Add("n.raised_at >= {0}", query.From.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            Add("n.raised_at <= {0}", query.To.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            if (query.ServiceCodes is { } codes) Add("n.category = ANY({0})", codes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            if (query.Open is { } open) Add("n.is_open = {0}", open, NpgsqlDbType.Boolean);
        }
        return ReadAsync(tenantId, where.ToString(), parameters, Math.Clamp(query.Limit, 1, ServiceRequestQuery.MaxResults), cancellationToken);
    }

    private async Task<IReadOnlyList<ServiceRequestRow>> ReadAsync(
        string tenantId, string where, List<NpgsqlParameter> parameters, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT n.view, c.level, c.status, c.view->>'leadDepartmentId'
              FROM {NeedsSchema.Name}.need_views n
              LEFT JOIN {NeedsSchema.Name}.case_views c
                     ON c.tenant_id = n.tenant_id AND c.case_id = n.view->>'caseId'
             WHERE n.tenant_id = $1 AND {where}
             ORDER BY n.raised_at DESC, n.need_id
             LIMIT {limit}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.AddRange(parameters.ToArray());
        var found = new List<(NeedView Need, string? Level, string? Status, string? LeadDepartmentId)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((JsonSerializer.Deserialize<NeedView>(reader.GetString(0), NeedsViewProjection.Json)!,
                    NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3)));
            }
        }
        var names = await directory.NamesAsync(
            tenantId,
            found.SelectMany(row => new[] { row.Need.Place.CommunityId, row.Need.Place.StreetId, row.LeadDepartmentId }).OfType<string>(),
            cancellationToken);
        string? NameOf(string? unitId) => unitId is null ? null : names.GetValueOrDefault(unitId);
        return [.. found.Select(row => new ServiceRequestRow(
            row.Need, NameOf(row.Need.Place.CommunityId), NameOf(row.Need.Place.StreetId), row.Level, row.Status, NameOf(row.LeadDepartmentId)))];
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
