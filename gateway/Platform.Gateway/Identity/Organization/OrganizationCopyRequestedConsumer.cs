using MassTransit;
using Npgsql;
using Platform.Contracts.Organization;

namespace Platform.Gateway.Identity.Organization;

/// <summary>
/// Answers a service that asks for the whole organization with one copy per district, read in one snapshot so the
/// units and the revision agree. A district with no units yet is not sent: the service would call an empty copy
/// current, and it asks again anyway.
/// </summary>
public sealed class OrganizationCopyRequestedConsumer(NpgsqlDataSource dataSource, TimeProvider clock) : IConsumer<OrganizationCopyRequested>
{
    public async Task Consume(ConsumeContext<OrganizationCopyRequested> context)
    {
        var districts = new Dictionary<string, (long Revision, List<OrganizationUnitSnapshot> Units)>();
        await using (var connection = await dataSource.OpenConnectionAsync(context.CancellationToken))
        await using (var command = new NpgsqlCommand($"""
            SELECT district_code, unit_id, kind, name, parent_id, street_id, community_id, closed, revision
            FROM {IdentitySchema.Name}.org_units ORDER BY district_code, unit_id
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(context.CancellationToken))
        {
            while (await reader.ReadAsync(context.CancellationToken))
            {
                var districtCode = reader.GetString(0);
                if (!districts.TryGetValue(districtCode, out var district)) district = districts[districtCode] = (0, []);
                district.Units.Add(new OrganizationUnitSnapshot(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetBoolean(7)));
                districts[districtCode] = (Math.Max(district.Revision, reader.GetInt64(8)), district.Units);
            }
        }
        foreach (var (districtCode, district) in districts)
            await context.Publish(new OrganizationCopySent(districtCode, district.Revision, district.Units, clock.GetUtcNow()), context.CancellationToken);
    }
}
