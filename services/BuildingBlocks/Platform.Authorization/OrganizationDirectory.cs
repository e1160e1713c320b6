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

    private const string UnitColumns = "district_code, unit_id, kind, name, parent_id, street_id, community_id, closed";

    public async Task<OrganizationUnit?> FindAsync(string districtCode, string unitId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {UnitColumns} FROM {Schema}.org_units WHERE district_code = $1 AND unit_id = $2");
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = unitId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadUnit(reader) : null;
    }

    /// <summary>The open units of one kind (<see cref="OrganizationUnitKinds"/>), the district's own before the
    /// streets', then by street and id.</summary>
    public async Task<IReadOnlyList<OrganizationUnit>> ListAsync(string districtCode, string kind, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {UnitColumns} FROM {Schema}.org_units
            WHERE district_code = $1 AND kind = $2 AND NOT closed ORDER BY street_id NULLS FIRST, unit_id
            """);
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = kind });
        var units = new List<OrganizationUnit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) units.Add(ReadUnit(reader));
        return units;
    }

    /// <summary>The names of the given units, closed ones included (a closed unit still names what it did); an id the
    /// copy does not hold is left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(
        string districtCode, IEnumerable<string> unitIds, CancellationToken cancellationToken = default)
    {
        var ids = unitIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) return new Dictionary<string, string>();
        await using var command = dataSource.CreateCommand($"SELECT unit_id, name FROM {Schema}.org_units WHERE district_code = $1 AND unit_id = ANY($2)");
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = ids });
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) names[reader.GetString(0)] = reader.GetString(1);
        return names;
    }

    private static OrganizationUnit ReadUnit(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetBoolean(7));

    public async Task<int> CountAsync(string districtCode, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {Schema}.org_units WHERE district_code = $1");
        command.Parameters.Add(new() { Value = districtCode });
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    // Each changeable field keeps the revision that last set it. A rename and a close of one unit are two messages that
    // may arrive in either order; with one revision per row, the close (newer) applied first made the copy refuse the
    // rename (older) and keep the old name for good.
    private const string UpsertSql = $"""
        INSERT INTO {Schema}.org_units
            (district_code, unit_id, kind, name, parent_id, street_id, community_id, closed, revision, name_revision, closed_revision)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9)
        ON CONFLICT (district_code, unit_id) DO UPDATE
           SET kind = CASE WHEN {Schema}.org_units.revision < excluded.revision THEN excluded.kind ELSE {Schema}.org_units.kind END,
               parent_id = CASE WHEN {Schema}.org_units.revision < excluded.revision THEN excluded.parent_id ELSE {Schema}.org_units.parent_id END,
               street_id = CASE WHEN {Schema}.org_units.revision < excluded.revision THEN excluded.street_id ELSE {Schema}.org_units.street_id END,
               community_id = CASE WHEN {Schema}.org_units.revision < excluded.revision THEN excluded.community_id ELSE {Schema}.org_units.community_id END,
               name = CASE WHEN {Schema}.org_units.name_revision < excluded.revision THEN excluded.name ELSE {Schema}.org_units.name END,
               name_revision = greatest({Schema}.org_units.name_revision, excluded.revision),
               closed = CASE WHEN {Schema}.org_units.closed_revision < excluded.revision THEN excluded.closed ELSE {Schema}.org_units.closed END,
               closed_revision = greatest({Schema}.org_units.closed_revision, excluded.revision),
               revision = greatest({Schema}.org_units.revision, excluded.revision)
         WHERE {Schema}.org_units.name_revision < excluded.revision OR {Schema}.org_units.closed_revision < excluded.revision
            OR {Schema}.org_units.revision < excluded.revision
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

    /// <summary>A rename or a close: each field takes the change only when it is newer than what last set that field.
    /// A change for a unit the copy does not hold yet (its registration is still on its way) throws, so that the
    /// message is retried once the registration has landed instead of being lost.</summary>
    internal async Task UpdateAsync(string districtCode, string unitId, long revision, string? name, bool? closed, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH changed AS (
                UPDATE {Schema}.org_units
                   SET name = CASE WHEN $3::text IS NOT NULL AND name_revision < $5 THEN $3 ELSE name END,
                       name_revision = CASE WHEN $3::text IS NOT NULL THEN greatest(name_revision, $5) ELSE name_revision END,
                       closed = CASE WHEN $4::boolean IS NOT NULL AND closed_revision < $5 THEN $4 ELSE closed END,
                       closed_revision = CASE WHEN $4::boolean IS NOT NULL THEN greatest(closed_revision, $5) ELSE closed_revision END,
                       revision = greatest(revision, $5)
                 WHERE district_code = $1 AND unit_id = $2
                RETURNING 1)
            SELECT count(*) FROM changed
            """);
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = unitId });
        command.Parameters.Add(new() { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)closed ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        command.Parameters.Add(new() { Value = revision });
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 0)
            throw new UnknownOrganizationUnitException(unitId);
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
            ALTER TABLE {Schema}.org_units ADD COLUMN IF NOT EXISTS name_revision bigint NOT NULL DEFAULT 0;
            ALTER TABLE {Schema}.org_units ADD COLUMN IF NOT EXISTS closed_revision bigint NOT NULL DEFAULT 0;
            UPDATE {Schema}.org_units SET name_revision = revision, closed_revision = revision WHERE name_revision = 0 AND closed_revision = 0;
            CREATE TABLE IF NOT EXISTS {Schema}.org_copies (
                district_code text PRIMARY KEY,
                revision bigint NOT NULL,
                received_at timestamptz NOT NULL
            );
            """, cancellationToken);
    }
}
