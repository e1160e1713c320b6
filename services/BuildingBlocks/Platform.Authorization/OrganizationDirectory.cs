using Npgsql;
using Platform.Contracts.Organization;
using Platform.Storage;

namespace Platform.Authorization;

/// <summary>A unit of the org tree as a service's own copy knows it.</summary>
public sealed record OrganizationUnit(
    string DistrictCode, string UnitId, string Kind, string Name, string? ParentId, string? StreetId, string? CommunityId, bool Closed)
{
    /// <summary>Where the unit sits, for scope checks: a community is in its street, a street in the district.</summary>
    public OrgLocation Location => new(DistrictCode, StreetId, CommunityId);
}

/// <summary>
/// Each service's copy of the district's organization, kept from the organization events (one source of truth, in
/// the gateway's identity module). It is what a service authorizes and displays by, without calling anyone.
/// </summary>
public sealed class OrganizationDirectory(NpgsqlDataSource dataSource)
{
    public const string Schema = "authz";

    public async Task<OrganizationUnit?> FindAsync(string districtCode, string unitId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT district_code, unit_id, kind, name, parent_id, street_id, community_id, closed
            FROM {Schema}.org_units WHERE district_code = $1 AND unit_id = $2
            """);
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = unitId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new OrganizationUnit(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.GetBoolean(7));
    }

    public async Task<int> CountAsync(string districtCode, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {Schema}.org_units WHERE district_code = $1");
        command.Parameters.Add(new() { Value = districtCode });
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private const string UpsertSql = $"""
        INSERT INTO {Schema}.org_units (district_code, unit_id, kind, name, parent_id, street_id, community_id, closed, revision)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (district_code, unit_id) DO UPDATE
           SET kind = excluded.kind, name = excluded.name, parent_id = excluded.parent_id, street_id = excluded.street_id,
               community_id = excluded.community_id, closed = excluded.closed, revision = excluded.revision
         WHERE {Schema}.org_units.revision < excluded.revision
        """;

    /// <summary>Applies a change only when it is newer than what the copy holds, so redelivered or reordered
    /// organization events never roll the copy back.</summary>
    internal async Task UpsertAsync(OrganizationUnit unit, long revision, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new() { Value = unit.DistrictCode });
        command.Parameters.Add(new() { Value = unit.UnitId });
        command.Parameters.Add(new() { Value = unit.Kind });
        command.Parameters.Add(new() { Value = unit.Name });
        command.Parameters.Add(new() { Value = (object?)unit.ParentId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)unit.StreetId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)unit.CommunityId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = unit.Closed });
        command.Parameters.Add(new() { Value = revision });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal async Task UpdateAsync(string districtCode, string unitId, long revision, string? name, bool? closed, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {Schema}.org_units
               SET name = coalesce($3, name), closed = coalesce($4, closed), revision = $5
             WHERE district_code = $1 AND unit_id = $2 AND revision < $5
            """);
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = unitId });
        command.Parameters.Add(new() { Value = (object?)name ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)closed ?? DBNull.Value });
        command.Parameters.Add(new() { Value = revision });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Applies a whole district as its owner sent it, and records that the copy is current. One transaction: a copy
    /// is never marked current with half of its units.
    /// </summary>
    internal async Task ApplyCopyAsync(OrganizationCopySent copy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            foreach (var unit in copy.Units)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertSql)
                {
                    Parameters =
                    {
                        new() { Value = copy.DistrictCode }, new() { Value = unit.UnitId }, new() { Value = unit.Kind }, new() { Value = unit.Name },
                        new() { Value = (object?)unit.ParentId ?? DBNull.Value }, new() { Value = (object?)unit.StreetId ?? DBNull.Value },
                        new() { Value = (object?)unit.CommunityId ?? DBNull.Value }, new() { Value = unit.Closed }, new() { Value = copy.Revision },
                    },
                });
            }
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                INSERT INTO {Schema}.org_copies (district_code, revision, received_at) VALUES ($1, $2, now())
                ON CONFLICT (district_code) DO UPDATE SET revision = greatest({Schema}.org_copies.revision, excluded.revision), received_at = now()
                """)
            {
                Parameters = { new() { Value = copy.DistrictCode }, new() { Value = copy.Revision } },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether a whole copy of the organization has arrived since this database was created.</summary>
    public async Task<bool> HoldsACopyAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {Schema}.org_copies)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Creates the copy's table; idempotent and serialized across instances by an advisory lock.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await SchemaScript.ApplyAsync(dataSource, $"{Schema}.org_units", $"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.org_units (
                district_code text NOT NULL,
                unit_id text NOT NULL,
                kind text NOT NULL,
                name text NOT NULL,
                parent_id text,
                street_id text,
                community_id text,
                closed boolean NOT NULL DEFAULT false,
                revision bigint NOT NULL,
                PRIMARY KEY (district_code, unit_id)
            );
            CREATE TABLE IF NOT EXISTS {Schema}.org_copies (
                district_code text PRIMARY KEY,
                revision bigint NOT NULL,
                received_at timestamptz NOT NULL
            );
            """, cancellationToken);
    }
}
