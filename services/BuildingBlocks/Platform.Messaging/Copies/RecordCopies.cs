using System.Text.Json;
using MassTransit;
using Npgsql;

namespace Platform.Messaging.Copies;

/// <summary>A record another service owns, as this service last heard of it: its facts (from the message that
/// introduced it), the place it belongs to, and the stage the latest message put it in.</summary>
public sealed record RecordCopy<TFacts>(string RecordId, TFacts Facts, string? StreetId, string? CommunityId, string Status, DateTimeOffset ChangedAt);

/// <summary>The facts one message introduces a record with, and where the record belongs.</summary>
public sealed record CopiedFacts<TFacts>(string TenantId, string RecordId, TFacts Facts, string? StreetId, string? CommunityId, DateTimeOffset At);

/// <summary>
/// A table of copies of another service's records, fed only by that service's integration events (a service never
/// reads another's tables). Messages may arrive in any order: the facts never overwrite a stage, and a stage never
/// overwrites a later one, so a redelivered or late message changes nothing.
/// </summary>
/// <param name="table">Schema-qualified, in the service's own schema.</param>
/// <param name="introduced">The stage a record is in when only its introducing message has arrived.</param>
public sealed class RecordCopies<TFacts>(string table, string introduced) where TFacts : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Table { get; } = table;

    public string Ddl => $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            tenant_id text NOT NULL,
            record_id text NOT NULL,
            facts jsonb,
            facts_at timestamptz,
            introduced boolean NOT NULL DEFAULT false,
            street_id text,
            community_id text,
            status text NOT NULL,
            changed_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, record_id));
        CREATE INDEX IF NOT EXISTS {Table.Replace('.', '_')}_by_place ON {Table} (tenant_id, status, street_id, community_id);
        """;

    /// <summary>Records what a record is, without touching a stage a later message already set.</summary>
    public Task RecordFactsAsync(NpgsqlTransaction transaction, CopiedFacts<TFacts> copied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copied);
        return MergeFactsAsync(transaction, copied.TenantId, copied.RecordId, JsonSerializer.Serialize(copied.Facts, Json), copied.StreetId, copied.CommunityId,
            copied.At, introducing: true, cancellationToken);
    }

    /// <summary>
    /// Records a change of some of a record's facts (<paramref name="changes"/> holds those fields, as the facts name
    /// them). Facts merge field by field; a message older than the facts the copy already holds gives way to them, so
    /// a change that overtakes the record's introduction is not undone by it, nor by an older change arriving late.
    /// </summary>
    public Task RecordChangedFactsAsync(
        NpgsqlTransaction transaction, string tenantId, string recordId, object changes, DateTimeOffset at, CancellationToken cancellationToken) =>
        MergeFactsAsync(transaction, tenantId, recordId, JsonSerializer.Serialize(changes, Json), null, null, at, introducing: false, cancellationToken);

    private async Task MergeFactsAsync(
        NpgsqlTransaction transaction, string tenantId, string recordId, string facts, string? streetId, string? communityId, DateTimeOffset at,
        bool introducing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table} (tenant_id, record_id, facts, facts_at, introduced, street_id, community_id, status, changed_at)
            VALUES ($1, $2, $3::jsonb, $7, $8, $4, $5, $6, $7)
            ON CONFLICT (tenant_id, record_id) DO UPDATE SET
                facts = CASE WHEN {Table}.facts_at > excluded.facts_at THEN excluded.facts || {Table}.facts
                             ELSE coalesce({Table}.facts, jsonb_build_object()) || excluded.facts END,
                facts_at = greatest({Table}.facts_at, excluded.facts_at),
                introduced = {Table}.introduced OR excluded.introduced,
                street_id = coalesce(excluded.street_id, {Table}.street_id),
                community_id = coalesce(excluded.community_id, {Table}.community_id)
            """, transaction.Connection, transaction);
        Add(command, tenantId, recordId, facts, streetId, communityId, introduced, at.ToUniversalTime(), introducing);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every copy in <paramref name="status"/> of the district, for a caller that narrows them itself (offers reach
    /// lists of communities, which the place columns cannot say).</summary>
    public async Task<IReadOnlyList<RecordCopy<TFacts>>> AllAsync(
        NpgsqlDataSource dataSource, string tenantId, string status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"""
            SELECT record_id, facts, street_id, community_id, status, changed_at FROM {Table}
            WHERE tenant_id = $1 AND status = $2 AND introduced ORDER BY record_id
            """);
        Add(command, tenantId, status);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Moves a record to <paramref name="status"/> as of <paramref name="at"/>, unless a later message already moved it.</summary>
    public async Task RecordStatusAsync(
        NpgsqlTransaction transaction, string tenantId, string recordId, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table} (tenant_id, record_id, status, changed_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, record_id) DO UPDATE SET status = excluded.status, changed_at = excluded.changed_at
            WHERE {Table}.changed_at <= excluded.changed_at
            """, transaction.Connection, transaction);
        Add(command, tenantId, recordId, status, at.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The copy, once the message that introduces it has arrived; a record known only by later messages is not yet usable.</summary>
    public async Task<RecordCopy<TFacts>?> FindAsync(NpgsqlDataSource dataSource, string tenantId, string recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            $"SELECT record_id, facts, street_id, community_id, status, changed_at FROM {Table} WHERE tenant_id = $1 AND record_id = $2 AND introduced");
        Add(command, tenantId, recordId);
        var found = await ReadAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The copies in <paramref name="status"/> of a street or a community (either may be left out), oldest change first.</summary>
    public async Task<IReadOnlyList<RecordCopy<TFacts>>> ListAsync(
        NpgsqlDataSource dataSource, string tenantId, string status, string? streetId, string? communityId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"""
            SELECT record_id, facts, street_id, community_id, status, changed_at FROM {Table}
            WHERE tenant_id = $1 AND status = $2 AND introduced AND ($3::text IS NULL OR street_id = $3) AND ($4::text IS NULL OR community_id = $4)
            ORDER BY changed_at, record_id LIMIT $5
            """);
        Add(command, tenantId, status, streetId, communityId, limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The copies in <paramref name="status"/> whose fact <paramref name="fact"/> (as the facts name it) is <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<RecordCopy<TFacts>>> WithFactAsync(
        NpgsqlDataSource dataSource, string tenantId, string status, string fact, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"""
            SELECT record_id, facts, street_id, community_id, status, changed_at FROM {Table}
            WHERE tenant_id = $1 AND status = $2 AND introduced AND facts ->> $3 = $4 ORDER BY record_id
            """);
        Add(command, tenantId, status, fact, value);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<RecordCopy<TFacts>>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var copies = new List<RecordCopy<TFacts>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            copies.Add(new RecordCopy<TFacts>(
                reader.GetString(0), JsonSerializer.Deserialize<TFacts>(reader.GetString(1), Json)!, reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return copies;
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
    }
}

/// <summary>Copies the record a message introduces, once per message (inbox).</summary>
public abstract class CopyFactsConsumer<TMessage, TFacts>(NpgsqlDataSource dataSource, RecordCopies<TFacts> copies, Func<TMessage, CopiedFacts<TFacts>> read)
    : IdempotentConsumer<TMessage>(dataSource) where TMessage : class where TFacts : class
{
    protected override Task ConsumeOnceAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction) =>
        copies.RecordFactsAsync(transaction, read(context.Message), context.CancellationToken);
}

/// <summary>Moves a copied record to the stage a message means, once per message (inbox).</summary>
public abstract class CopyStatusConsumer<TMessage, TFacts>(
    NpgsqlDataSource dataSource, RecordCopies<TFacts> copies, Func<TMessage, (string TenantId, string RecordId, DateTimeOffset At)> read, string status)
    : IdempotentConsumer<TMessage>(dataSource) where TMessage : class where TFacts : class
{
    protected override Task ConsumeOnceAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction)
    {
        var (tenantId, recordId, at) = read(context.Message);
        return copies.RecordStatusAsync(transaction, tenantId, recordId, status, at, context.CancellationToken);
    }
}
