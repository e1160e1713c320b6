using Npgsql;

namespace Platform.Messaging;

/// <summary>
/// The messages each consumer of this service has already handled, kept in the service's own database so that the
/// record of handling a message and the handling itself commit or roll back together.
/// </summary>
public static class Inbox
{
    /// <summary>
    /// Records, in the caller's transaction, that <paramref name="consumerName"/> handles <paramref name="messageId"/>.
    /// False when it already has: the caller skips the message and acknowledges it. While another delivery of the same
    /// message is being handled, this waits for that transaction and answers by its outcome.
    /// </summary>
    public static async Task<bool> TryRecordAsync(
        string consumerName, Guid messageId, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerName);
        ArgumentNullException.ThrowIfNull(transaction);
        if (messageId == Guid.Empty) throw new ArgumentException("A message id cannot be empty.", nameof(messageId));

        await using var command = new NpgsqlCommand(
            $"INSERT INTO {InboxSchema.Table} (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            transaction.Connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerName });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = messageId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
