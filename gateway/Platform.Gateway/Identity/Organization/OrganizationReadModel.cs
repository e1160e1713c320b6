using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore;

namespace Platform.Gateway.Identity.Organization;

/// <summary>The org tree as rows, written in the same transaction as the organization's events, so the tree the
/// console shows is never behind what was decided.</summary>
public sealed class OrganizationReadModel : IInlineProjection
{
    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case UnitRegistered registered:
                    batch.BatchCommands.Add(Command($"""
                        INSERT INTO {IdentitySchema.Name}.org_units
                            (district_code, unit_id, kind, name, parent_id, street_id, community_id, facts, contact, revision)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """,
                        stored.TenantId, registered.UnitId, registered.Kind, registered.Name, registered.ParentId, registered.StreetId,
                        registered.CommunityId, Json(registered.Facts), Json(registered.Contact), stored.Version));
                    break;
                case UnitRenamed renamed:
                    batch.BatchCommands.Add(Command(
                        $"UPDATE {IdentitySchema.Name}.org_units SET name = $3, revision = $4 WHERE district_code = $1 AND unit_id = $2",
                        stored.TenantId, renamed.UnitId, renamed.Name, stored.Version));
                    break;
                case UnitClosed closed:
                    batch.BatchCommands.Add(Command(
                        $"UPDATE {IdentitySchema.Name}.org_units SET closed = true, revision = $3 WHERE district_code = $1 AND unit_id = $2",
                        stored.TenantId, closed.UnitId, stored.Version));
                    break;
            }
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is JsonText json
                ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json.Text }
                : new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

    private static object? Json(object? value) => value is null ? null : new JsonText(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    private sealed record JsonText(string Text);
}
