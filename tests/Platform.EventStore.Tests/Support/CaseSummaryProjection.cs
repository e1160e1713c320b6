using Npgsql;

namespace Platform.EventStore.Tests.Support;

/// <summary>
/// An async projection into two tables: one summary row per case, and one row per handled event whose primary key
/// makes handling any event twice fail loudly.
/// </summary>
public sealed class CaseSummaryProjection(string schema, string name = "case-summaries") : IRebuildableSubscription
{
    public string Name => name;

    /// <summary>Events the daemon handed over, in order, across all calls.</summary>
    public List<StoredEvent> Handled { get; } = [];

    public static async Task CreateTablesAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.case_summaries (
                tenant_id text, stream_id text, title text, notes int NOT NULL DEFAULT 0, closed boolean NOT NULL DEFAULT false,
                PRIMARY KEY (tenant_id, stream_id));
            CREATE TABLE IF NOT EXISTS {schema}.handled_events (seq bigint PRIMARY KEY, stream_id text NOT NULL);
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection);
        foreach (var @event in events)
        {
            batch.BatchCommands.Add(Command($"INSERT INTO {schema}.handled_events (seq, stream_id) VALUES ($1, $2)", @event.Sequence, @event.StreamId));
            batch.BatchCommands.Add(@event.Data switch
            {
                CaseOpened opened => Command(
                    $"INSERT INTO {schema}.case_summaries (tenant_id, stream_id, title) VALUES ($1, $2, $3)", @event.TenantId, @event.StreamId, opened.Title),
                NoteAdded => Command(
                    $"UPDATE {schema}.case_summaries SET notes = notes + 1 WHERE tenant_id = $1 AND stream_id = $2", @event.TenantId, @event.StreamId),
                CaseClosed => Command(
                    $"UPDATE {schema}.case_summaries SET closed = true WHERE tenant_id = $1 AND stream_id = $2", @event.TenantId, @event.StreamId),
                _ => Command("SELECT 1"),
            });
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        lock (Handled) Handled.AddRange(events);
    }

    public async Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"DELETE FROM {schema}.case_summaries; DELETE FROM {schema}.handled_events;", transaction.Connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<string>> SummariesAsync(TestStore store) =>
        await store.ColumnAsync<string>(
            "SELECT concat_ws('|', tenant_id, stream_id, title, notes, closed) FROM {schema}.case_summaries ORDER BY tenant_id, stream_id");

    public static async Task<List<long>> HandledSequencesAsync(TestStore store) =>
        await store.ColumnAsync<long>("SELECT seq FROM {schema}.handled_events ORDER BY seq");

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
