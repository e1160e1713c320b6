using System.Text.Json;
using Npgsql;
using Platform.Authorization;
using Platform.Contracts.Organization;

namespace Platform.Gateway.Identity.Organization;

public sealed record OrganizationUnitRow(
    string UnitId, string Kind, string Name, string? ParentId, string? StreetId, string? CommunityId, bool Closed,
    IReadOnlyDictionary<string, string>? Facts, UnitContact? Contact)
{
    public OrgLocation LocationIn(string districtCode) => Kind switch
    {
        OrganizationUnitKinds.Department => new OrgLocation(districtCode, StreetId, DepartmentIds: [UnitId]),
        OrganizationUnitKinds.CoBuildingUnit => new OrgLocation(districtCode, StreetId, CommunityId, UnitId: UnitId),
        _ => new OrgLocation(districtCode, StreetId, CommunityId),
    };
}

public sealed class OrganizationQueries(NpgsqlDataSource dataSource)
{
    private const string Columns = "unit_id, kind, name, parent_id, street_id, community_id, closed, facts, contact";

    public async Task<OrganizationUnitRow?> FindAsync(string districtCode, string unitId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM {IdentitySchema.Name}.org_units WHERE district_code = $1 AND unit_id = $2",
            cancellationToken, districtCode, unitId);
        return rows.SingleOrDefault();
    }

    public Task<IReadOnlyList<OrganizationUnitRow>> ChildrenAsync(string districtCode, string unitId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM {IdentitySchema.Name}.org_units WHERE district_code = $1 AND parent_id = $2 ORDER BY unit_id",
            cancellationToken, districtCode, unitId);

    /// <summary>The territorial tree (district, streets, communities, grids): what the console navigates by.</summary>
    public Task<IReadOnlyList<OrganizationUnitRow>> TerritoryAsync(string districtCode, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {Columns} FROM {IdentitySchema.Name}.org_units
            WHERE district_code = $1 AND kind IN ('district', 'street', 'community', 'grid') AND NOT closed
            ORDER BY unit_id
            """, cancellationToken, districtCode);

    private async Task<IReadOnlyList<OrganizationUnitRow>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OrganizationUnitRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OrganizationUnitRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetBoolean(6),
                reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7), JsonSerializerOptions.Web),
                reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<UnitContact>(reader.GetString(8), JsonSerializerOptions.Web)));
        }
        return rows;
    }
}
