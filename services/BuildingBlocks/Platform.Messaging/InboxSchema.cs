using Npgsql;
using Platform.Storage;

namespace Platform.Messaging;

public static class InboxSchema
{
    public const string Table = "messaging.inbox";

    /// <summary>Creates the inbox table if it is missing; safe when several instances start together.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await SchemaScript.ApplyAsync(dataSource, "messaging.inbox", $"""
            CREATE SCHEMA IF NOT EXISTS messaging;
            CREATE TABLE IF NOT EXISTS {Table} (
                consumer     text        NOT NULL,
                message_id   uuid        NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (consumer, message_id)
            );
            """, cancellationToken);
    }
}
