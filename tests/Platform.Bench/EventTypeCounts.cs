using Npgsql;
using Platform.EventStore;

namespace Platform.Bench;

/// <summary>The catch-up benchmark's projection: how many events of each type, upserted in the daemon's transaction.</summary>
internal sealed class EventTypeCounts(string name) : IEventSubscription
{
    public const string CreateTable = "CREATE TABLE event_type_counts (type text PRIMARY KEY, events bigint NOT NULL)";

    public string Name => name;

    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var counts = events.CountBy(storedEvent => storedEvent.EventType).ToArray();
        await using var command = new NpgsqlCommand("""
            INSERT INTO event_type_counts AS c (type, events) SELECT * FROM unnest($1::text[], $2::bigint[])
            ON CONFLICT (type) DO UPDATE SET events = c.events + excluded.events
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = counts.Select(count => count.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = counts.Select(count => (long)count.Value).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every event counted since the last call, which starts the counts over.</summary>
    public static async Task<long> TakeTotalAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "WITH taken AS (DELETE FROM event_type_counts RETURNING events) SELECT coalesce(sum(events), 0)::bigint FROM taken");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
