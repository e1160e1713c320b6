using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Platform.Storage;

/// <summary>
/// A service's own tables beside its event store, created by an idempotent DDL script that every instance runs at
/// start. Instances start together and while others already serve, so the script runs under one advisory lock per
/// database, and only when its text differs from the one last applied: re-running <c>CREATE INDEX IF NOT EXISTS</c>
/// takes a share lock on a table that a running instance may be writing, and two such transactions deadlock.
/// </summary>
public static class SchemaScript
{
    /// <summary>Any constant agreed by every instance; the value spells "schema" so it is recognisable in pg_locks.</summary>
    private const long MigrationLock = 0x736368656D61;

    private const string Ledger = "public.platform_schema_scripts";
    private const int Attempts = 5;

    /// <summary>Applies <paramref name="ddl"/> under the name <paramref name="name"/> unless that exact text was
    /// applied before. A deadlock with a concurrent writer (possible only when the text changed) rolls back and retries.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, string name, string ddl, CancellationToken cancellationToken = default)
    {
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(ddl));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyOnceAsync(dataSource, name, ddl, fingerprint, cancellationToken);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private static async Task ApplyOnceAsync(
        NpgsqlDataSource dataSource, string name, string ddl, byte[] fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            SELECT pg_advisory_xact_lock({MigrationLock});
            CREATE TABLE IF NOT EXISTS {Ledger} (
                name text PRIMARY KEY,
                fingerprint bytea NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);

        await using (var lookup = new NpgsqlCommand($"SELECT fingerprint FROM {Ledger} WHERE name = $1", connection, transaction))
        {
            lookup.Parameters.Add(new() { Value = name });
            if (await lookup.ExecuteScalarAsync(cancellationToken) is byte[] applied && applied.AsSpan().SequenceEqual(fingerprint))
            {
                await transaction.CommitAsync(cancellationToken);
                return;
            }
        }

        await ExecuteAsync(connection, transaction, ddl, cancellationToken);
        await using (var record = new NpgsqlCommand($"""
            INSERT INTO {Ledger} (name, fingerprint) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, applied_at = now()
            """, connection, transaction))
        {
            record.Parameters.Add(new() { Value = name });
            record.Parameters.Add(new() { Value = fingerprint });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
