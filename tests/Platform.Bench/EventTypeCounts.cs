using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// The catch-up benchmark's projection: how many events of each type, upserted by one statement per batch that
/// Marten's daemon commits together with the projection's progress.
/// </summary>
/// <remarks>With <paramref name="writes"/> false it counts nothing: what is left is the daemon reading the log,
/// deserializing the events and committing its progress (information).</remarks>
internal sealed class EventTypeCounts(string schema, bool writes = true) : IProjection
{
    public string Name => writes ? "bench-event-type-counts" : "bench-event-type-counts-writing-nothing";

    public bool Writes => writes;

    public string CreateTable => $"CREATE TABLE {schema}.event_type_counts (type text PRIMARY KEY, events bigint NOT NULL)";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        if (!writes) return Task.CompletedTask;
        var counts = events.CountBy(storedEvent => storedEvent.EventTypeName).ToArray();
        operations.QueueSqlCommand($"""
            INSERT INTO {schema}.event_type_counts AS c (type, events) SELECT * FROM unnest(?::text[], ?::bigint[])
            ON CONFLICT (type) DO UPDATE SET events = c.events + excluded.events
            """, counts.Select(count => count.Key).ToArray(), counts.Select(count => (long)count.Value).ToArray());
        return Task.CompletedTask;
    }

    /// <summary>Every event counted since the last call, which starts the counts over.</summary>
    public async Task<long> TakeTotalAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"WITH taken AS (DELETE FROM {schema}.event_type_counts RETURNING events) SELECT coalesce(sum(events), 0)::bigint FROM taken");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
