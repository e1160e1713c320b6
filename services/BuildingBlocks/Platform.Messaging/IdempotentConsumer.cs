using MassTransit;
using Npgsql;

namespace Platform.Messaging;

/// <summary>
/// A consumer whose effect happens once per message however often the message is delivered. Its effect is written in
/// the transaction it is given, together with the inbox row; a redelivery finds the row and is acknowledged without
/// effect. Effects must therefore stay inside that transaction: to tell other services something, append an event to
/// the store (the outbox relay publishes it) rather than publishing from here.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>The consumer's key in the inbox. It must stay the same across releases, or old messages look new.</summary>
    protected virtual string InboxName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new MessageWithoutIdException(typeof(TMessage));
        var cancellationToken = context.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await Inbox.TryRecordAsync(InboxName, messageId, transaction, cancellationToken)) return;
        await ConsumeOnceAsync(context, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    protected abstract Task ConsumeOnceAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction);
}

public sealed class MessageWithoutIdException(Type messageType)
    : InvalidOperationException($"A {messageType.Name} arrived without a message id, so it cannot be de-duplicated; publish it with a MessageId.")
{
    public Type MessageType { get; } = messageType;
}
