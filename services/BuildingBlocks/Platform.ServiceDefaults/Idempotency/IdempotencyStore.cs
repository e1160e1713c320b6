using Npgsql;
using Platform.Storage;

namespace Platform.ServiceDefaults.Idempotency;

/// <summary>The answer to the first request of a key, replayed to its retries.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string? Location, string? ETag, byte[] Body);

/// <summary>What a request holding a key may do.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim() { }

    /// <summary>The key is this request's: run it.</summary>
    public sealed record Granted : IdempotencyClaim;

    /// <summary>The same request was answered before: answer the same.</summary>
    public sealed record Replay(StoredResponse Response) : IdempotencyClaim;

    /// <summary>The key was used for a different request.</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The first request with the key is still running.</summary>
    public sealed record InProgress : IdempotencyClaim;
}

/// <summary>
/// Keys and first answers in the service's own database. A key is claimed with a lease before the request runs, so
/// two retries racing each other run it once; the answer is stored after it. A request whose process died between
/// its commit and storing the answer leaves a lease that runs out, after which a retry runs again: the one window in
/// which a retry can still duplicate, as short as the lease.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    private const string Table = "platform_idempotency.requests";
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private bool schemaReady;
    private DateTimeOffset nextCleanup;

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await CleanUpAsync(cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            WITH claimed AS (
                INSERT INTO {Table} AS requests (scope, key, fingerprint, lease_until)
                VALUES ($1, $2, $3, now() + $4)
                ON CONFLICT (scope, key) DO UPDATE SET lease_until = excluded.lease_until, created_at = now()
                 WHERE requests.status IS NULL AND requests.lease_until < now() AND requests.fingerprint = excluded.fingerprint
                RETURNING true AS granted)
            SELECT coalesce((SELECT granted FROM claimed), false), r.fingerprint, r.status, r.content_type, r.location, r.etag, r.body
              FROM (SELECT 1) AS one LEFT JOIN {Table} AS r ON r.scope = $1 AND r.key = $2
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = fingerprint });
        command.Parameters.Add(new() { Value = IdempotentRequests.Lease });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(0)) return new IdempotencyClaim.Granted();
            if (!reader.IsDBNull(1)) return ClaimOn(reader, fingerprint);
        }
        // Refused but not seen: a racing request inserted the key after this statement's snapshot was taken.
        await using var again = dataSource.CreateCommand(
            $"SELECT true, fingerprint, status, content_type, location, etag, body FROM {Table} WHERE scope = $1 AND key = $2");
        again.Parameters.Add(new() { Value = scope });
        again.Parameters.Add(new() { Value = key });
        await using var row = await again.ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? ClaimOn(row, fingerprint) : new IdempotencyClaim.InProgress();
    }

    private static IdempotencyClaim ClaimOn(NpgsqlDataReader row, string fingerprint)
    {
        if (row.GetString(1) != fingerprint) return new IdempotencyClaim.Mismatch();
        if (row.IsDBNull(2)) return new IdempotencyClaim.InProgress();
        return new IdempotencyClaim.Replay(new StoredResponse(
            row.GetInt32(2), row.IsDBNull(3) ? null : row.GetString(3), row.IsDBNull(4) ? null : row.GetString(4),
            row.IsDBNull(5) ? null : row.GetString(5), (byte[])row.GetValue(6)));
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {Table} SET status = $3, content_type = $4, location = $5, etag = $6, body = $7 WHERE scope = $1 AND key = $2
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = response.Status });
        command.Parameters.Add(new() { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)response.Location ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)response.ETag ?? DBNull.Value });
        command.Parameters.Add(new() { Value = response.Body });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets a key whose request ended without a final answer, so that its retry runs.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {Table} WHERE scope = $1 AND key = $2 AND status IS NULL");
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < nextCleanup) return;
        nextCleanup = DateTimeOffset.UtcNow.AddMinutes(10);
        await using var command = dataSource.CreateCommand($"DELETE FROM {Table} WHERE created_at < now() - $1");
        command.Parameters.Add(new() { Value = IdempotentRequests.Retention });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (schemaReady) return;
        await schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (schemaReady) return;
            await SchemaScript.ApplyAsync(dataSource, Table, $"""
                CREATE SCHEMA IF NOT EXISTS platform_idempotency;
                CREATE TABLE IF NOT EXISTS {Table} (
                    scope text NOT NULL,
                    key text NOT NULL,
                    fingerprint text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    lease_until timestamptz NOT NULL,
                    status integer,
                    content_type text,
                    location text,
                    etag text,
                    body bytea,
                    PRIMARY KEY (scope, key));
                CREATE INDEX IF NOT EXISTS requests_created_at ON {Table} (created_at);
                """, cancellationToken);
            schemaReady = true;
        }
        finally
        {
            schemaLock.Release();
        }
    }
}
