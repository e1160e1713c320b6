using Npgsql;

namespace Platform.EventStore;

/// <summary>
/// Something the projection daemon feeds the log to, in (transaction id, sequence) order and only below the oldest
/// transaction still running: async projections and the outbox relay. The daemon stores the subscription's progress
/// in <paramref name="transaction"/> after <see cref="HandleAsync"/> returns and commits it; a subscription that
/// writes its own read model in that transaction is therefore exactly-once, and one with effects outside PostgreSQL
/// (the relay publishing to RabbitMQ) is at-least-once: it must finish those effects before it returns.
/// </summary>
public interface IEventSubscription
{
    /// <summary>Stable name: the key of its progress row, its lock and its dead letters.</summary>
    string Name { get; }

    Task HandleAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
