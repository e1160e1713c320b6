using Npgsql;

namespace Platform.Messaging;

public static class InboxSchema
{
    public const string Table = "messaging.inbox";

    /// <summary>Any constant agreed by every instance; the value spells "inbox" so it is recognisable in pg_locks.</summary>
    private const long MigrationLock = 0x696E626F78;

    /// <summary>
    /// Creates the inbox table if it is missing. Instances of a service start together, and two concurrent
    /// CREATE ... IF NOT EXISTS can still collide in the catalog, so the migration runs under an advisory lock.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({MigrationLock});
            CREATE SCHEMA IF NOT EXISTS messaging;
            CREATE TABLE IF NOT EXISTS {Table} (
                consumer     text        NOT NULL,
                message_id   uuid        NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (consumer, message_id)
            );
            """,
            connection,
            transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
