using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Platform.Gateway.Identity.Organization;

/// <summary>The org tree as rows, written in the same transaction as the organization's events (a Marten inline
/// projection), so the tree the console shows is never behind what was decided.</summary>
public sealed class OrganizationReadModel : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case UnitRegistered registered:
                    operations.QueueSqlCommand($"""
                        INSERT INTO {IdentitySchema.Name}.org_units
                            (district_code, unit_id, kind, name, parent_id, street_id, community_id, facts, contact, revision)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                        """,
                        stored.TenantId, registered.UnitId, registered.Kind, registered.Name, OrNull(registered.ParentId),
                        OrNull(registered.StreetId), OrNull(registered.CommunityId), Json(registered.Facts), Json(registered.Contact),
                        Revision(stored));
                    break;
                case UnitRenamed renamed:
                    operations.QueueSqlCommand(
                        $"UPDATE {IdentitySchema.Name}.org_units SET name = ?, revision = ? WHERE district_code = ? AND unit_id = ?",
                        renamed.Name, Revision(stored), stored.TenantId, renamed.UnitId);
                    break;
                case UnitClosed closed:
                    operations.QueueSqlCommand(
                        $"UPDATE {IdentitySchema.Name}.org_units SET closed = true, revision = ? WHERE district_code = ? AND unit_id = ?",
                        Revision(stored), stored.TenantId, closed.UnitId);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The event's stream version, which the services' copies compare to ignore stale messages. With quick append
    /// Marten knows it before the write only for a started stream or an append with an expected version, which is
    /// how <see cref="OrganizationCommands"/> appends; any other append would leave it 0 and must not pass silently.
    /// </summary>
    private static long Revision(IEvent stored) => stored.Version > 0
        ? stored.Version
        : throw new InvalidOperationException(
            $"Organization event {stored.EventTypeName} on '{stored.StreamKey}' has no version yet: append organization events through OrganizationCommands.");

    private static object OrNull(string? value) => value is null ? DBNull.Value : value;

    private static object Json(object? value) => value is null ? DBNull.Value : JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
