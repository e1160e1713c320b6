using JasperFx.Events;
using Marten;
using Marten.Events.Archiving;
using Npgsql;

namespace Platform.EventSourcing.Audit;

/// <summary>A stream's chain: intact, or the first version that does not match what was written.</summary>
/// <param name="EventsChecked">How many events were recomputed before the verdict.</param>
/// <param name="Finding">For a broken chain, what was found at <paramref name="FirstBrokenVersion"/>.</param>
public sealed record StreamVerification(string StreamId, bool IsIntact, long? FirstBrokenVersion, long EventsChecked, string? Finding = null);

/// <summary>
/// What an auditor does with one stream: read its whole history, archived or not, up to a version or an instant, and
/// verify its hash chain (<see cref="EventHashChain"/>) from what PostgreSQL holds.
/// </summary>
public sealed class StreamAuditor(IDocumentStore store)
{
    private readonly string schema = store.Options.Events.DatabaseSchemaName;

    /// <summary>
    /// The stream's events in version order, up to a version and/or an instant. Unlike Marten's
    /// <c>FetchStreamAsync</c>, an archived stream still reads in full: auditors must see closed cases.
    /// </summary>
    public async Task<IReadOnlyList<IEvent>> ReadHistoryAsync(
        string tenantId, string streamId, long? toVersion = null, DateTimeOffset? toTimestamp = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        await using var session = store.QuerySession(tenantId);
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamKey == streamId && e.MaybeArchived());
        if (toVersion is { } version) query = query.Where(e => e.Version <= version);
        if (toTimestamp is { } instant) query = query.Where(e => e.Timestamp <= instant);
        return await query.OrderBy(e => e.Version).ToListAsync(cancellationToken);
    }

    /// <summary>Each version's stored chain hash (hex), for an auditor's dossier to print beside its event.</summary>
    public async Task<IReadOnlyDictionary<long, string>> ReadHashesAsync(string tenantId, string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT version, hash FROM {schema}.{EventHashChain.HashTableName} WHERE tenant_id = $1 AND stream_id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hashes = new Dictionary<long, string>();
        while (await reader.ReadAsync(cancellationToken)) hashes[reader.GetInt64(0)] = Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(1));
        return hashes;
    }

    /// <summary>
    /// Recomputes the stream's chain and names the first version that was altered, inserted or deleted. Returns
    /// null when the stream does not exist for this tenant.
    /// </summary>
    public async Task<StreamVerification?> VerifyStreamAsync(string tenantId, string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        long? headVersion;
        await using (var head = new NpgsqlCommand($"SELECT version FROM {schema}.mt_streams WHERE tenant_id = $1 AND id = $2", connection))
        {
            head.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            head.Parameters.Add(new NpgsqlParameter { Value = streamId });
            headVersion = await head.ExecuteScalarAsync(cancellationToken) switch
            {
                long value => value,
                null => null,
                _ => 0,
            };
        }

        await using var command = new NpgsqlCommand(VerifySql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        long checkedCount = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var version = reader.GetInt64(0);
            var expected = checkedCount + 1;
            checkedCount++;
            if (version != expected) return Broken(expected, "该版本的事件与其哈希均已缺失");
            if (reader.IsDBNull(1)) return Broken(version, "事件没有哈希记录(写入时未经哈希链)");
            if (reader.IsDBNull(2)) return Broken(version, "事件已被删除,哈希仍在");
            if (!reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(reader.GetFieldValue<byte[]>(2)))
                return Broken(version, "事件内容、时间或元数据与写入时不符");
        }

        if (headVersion is null) return checkedCount == 0 ? null : Broken(1, "流记录已被删除");
        // Marten's stream row keeps the head version: trailing events deleted together with their hashes show here.
        if (headVersion.Value > checkedCount) return Broken(checkedCount + 1, "流的末尾事件已被删除");
        if (headVersion.Value < checkedCount) return Broken(headVersion.Value + 1, "流记录的版本被改小");
        return new StreamVerification(streamId, true, null, checkedCount);

        StreamVerification Broken(long version, string finding) => new(streamId, false, version, checkedCount, finding);
    }

    /// <summary>
    /// Events and stored hashes side by side, so a row missing on either side is seen; each event's hash is
    /// recomputed by the same function the trigger used, from the stored hash of the version before it.
    /// </summary>
    private string VerifySql => $"""
        SELECT coalesce(e.version, h.version) AS version,
               h.hash AS stored,
               CASE WHEN e.seq_id IS NOT NULL THEN {schema}.{EventHashChain.HashFunctionName}(
                   lag(h.hash) OVER (ORDER BY coalesce(e.version, h.version)),
                   e.tenant_id, e.stream_id, e.version, e.id, e.type, e.data, e.timestamp,
                   e.correlation_id, e.causation_id, e.user_name, e.headers) END AS computed
          FROM (SELECT * FROM {schema}.mt_events WHERE tenant_id = $1 AND stream_id = $2) e
          FULL JOIN (SELECT * FROM {schema}.{EventHashChain.HashTableName} WHERE tenant_id = $1 AND stream_id = $2) h
            ON h.version = e.version
         ORDER BY 1
        """;
}
