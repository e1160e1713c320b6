using System.Text.Json;
using Marten;
using Npgsql;

namespace Platform.EventSourcing.Timers;

/// <summary>
/// A time limit that an aggregate's state says is running, as a pure function of that state derives it: a key unique
/// within its stream (a new key is a new limit, the same key with another time moves it), what kind of limit it is,
/// when it comes due, and the few facts the handler needs to act on it (a department, a round).
/// </summary>
public sealed record RunningTimer(string Key, string Kind, DateTimeOffset DueAt, IReadOnlyDictionary<string, string?>? Facts = null);

/// <summary>A timer that came due, as its handler gets it; <see cref="Attempts"/> counts the failed firings before this one.</summary>
public sealed record DueTimer(
    string TenantId, string StreamId, string Key, string Kind, DateTimeOffset DueAt, IReadOnlyDictionary<string, string?> Facts, int Attempts)
{
    public string? Fact(string name) => Facts.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// What a service does when one of its timers comes due. It runs inside the transaction that holds the timer's row,
/// so what it appends commits with the timer's removal or not at all; it returns how many events it appended (0 when
/// the state had already moved on, which is not an error).
/// </summary>
public interface IDueTimerHandler
{
    Task<int> FireAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken);
}

/// <summary>
/// Durable timers: one table per service schema (<c>durable_timers</c>) whose rows are exactly the running limits of
/// each stream. A projection calls <see cref="Sync"/> in the append's own transaction, so the rows never disagree with
/// the events; <see cref="DurableTimerWorker"/> fires them.
/// </summary>
public static class DurableTimers
{
    public const string Table = "durable_timers";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The table and its index on when each row is next looked at (a failed firing's retry, or its due time).</summary>
    public static string Ddl(string schema) => $$"""
        CREATE SCHEMA IF NOT EXISTS {{schema}};
        CREATE TABLE IF NOT EXISTS {{schema}}.{{Table}} (
            tenant_id text NOT NULL,
            stream_id text NOT NULL,
            timer_key text NOT NULL,
            kind text NOT NULL,
            due_at timestamptz NOT NULL,
            facts jsonb NOT NULL DEFAULT '{}',
            attempts integer NOT NULL DEFAULT 0,
            retry_at timestamptz,
            last_error text,
            PRIMARY KEY (tenant_id, stream_id, timer_key));
        CREATE INDEX IF NOT EXISTS {{Table}}_next ON {{schema}}.{{Table}} ((coalesce(retry_at, due_at)));
        """;

    /// <summary>
    /// Makes the stream's rows exactly <paramref name="running"/>, queued in the session's unit of work: new limits are
    /// armed, moved ones take their new time (and start their attempts afresh), met or superseded ones are gone.
    /// </summary>
    public static void Sync(IDocumentOperations operations, string schema, string tenantId, string streamId, IReadOnlyList<RunningTimer> running)
    {
        ArgumentNullException.ThrowIfNull(running);
        operations.QueueSql(
            $"DELETE FROM {schema}.{Table} WHERE tenant_id = $1 AND stream_id = $2 AND NOT (timer_key = ANY($3))",
            tenantId, streamId, running.Select(timer => timer.Key).ToArray());
        foreach (var timer in running)
        {
            operations.QueueSql($"""
                INSERT INTO {schema}.{Table} (tenant_id, stream_id, timer_key, kind, due_at, facts)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb)
                ON CONFLICT (tenant_id, stream_id, timer_key) DO UPDATE SET
                    kind = excluded.kind, facts = excluded.facts, due_at = excluded.due_at,
                    attempts = CASE WHEN {Table}.due_at = excluded.due_at THEN {Table}.attempts ELSE 0 END,
                    retry_at = CASE WHEN {Table}.due_at = excluded.due_at THEN {Table}.retry_at END,
                    last_error = CASE WHEN {Table}.due_at = excluded.due_at THEN {Table}.last_error END
                """,
                tenantId, streamId, timer.Key, timer.Kind, timer.DueAt, JsonSerializer.Serialize(timer.Facts ?? new Dictionary<string, string?>(), Json));
        }
    }

    internal static IReadOnlyDictionary<string, string?> ReadFacts(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json, Json) ?? [];
}
