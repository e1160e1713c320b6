using System.Diagnostics.Metrics;
using Npgsql;
using Platform.Needs.Handling;
using Platform.Needs.ReadModels;

namespace Platform.Needs.Timers;

public sealed class DeadlineTimerOptions
{
    public const string SectionName = "Needs:Timers";

    /// <summary>How often an instance looks for limits that came due. A breach is recorded at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 50;
}

/// <summary>
/// Durable timers for the time limits. The running limits are rows in needs.deadlines, written by the view projection
/// in the same transaction as the events that start or stop them, so they survive restarts and never disagree with
/// the case. Each instance polls; a due row is claimed with FOR UPDATE SKIP LOCKED and fired in the same transaction
/// that appends the breach and deletes the row, so with any number of instances each limit fires exactly once (and
/// the deciders ignore a limit already recorded, should anything ever replay one). "Now" is the injected clock.
/// </summary>
public sealed class DeadlineTimers(
    NpgsqlDataSource dataSource, NeedsCommandHandler commands, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DeadlineTimerOptions> options,
    ILogger<DeadlineTimers> logger) : BackgroundService
{
    private static readonly Meter Meter = new("Platform.Needs");
    private static readonly Counter<long> Fired = Meter.CreateCounter<long>("platform.needs.deadlines_fired", description: "Time limits that came due and were recorded");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                while (await FireDueAsync(stoppingToken) == options.Value.BatchSize) { }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Firing due time limits failed; retrying at the next poll");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Fires every limit due by the clock's now, one transaction per limit; returns how many were claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var claimed = 0;
        for (var i = 0; i < options.Value.BatchSize; i++)
        {
            if (!await FireOneAsync(cancellationToken)) break;
            claimed++;
        }
        return claimed;
    }

    private async Task<bool> FireOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string tenantId, streamId, key, kind;
        string? departmentId;
        int round;
        DateTimeOffset dueAt;
        await using (var claim = new NpgsqlCommand($"""
            SELECT tenant_id, stream_id, deadline_key, kind, department_id, round, due_at FROM {NeedsSchema.Name}.deadlines
            WHERE coalesce(retry_at, due_at) <= $1 ORDER BY coalesce(retry_at, due_at) LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.Add(new() { Value = clock.GetUtcNow().ToUniversalTime() });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return false;
            (tenantId, streamId, key, kind) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            departmentId = reader.IsDBNull(4) ? null : reader.GetString(4);
            round = reader.GetInt32(5);
            dueAt = reader.GetFieldValue<DateTimeOffset>(6);
        }

        int appended;
        try
        {
            appended = await commands.MarkOverdueAsync(transaction, tenantId, streamId, kind == NeedView.HandleDeadline ? "handle" : kind, departmentId, round, dueAt, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A limit that cannot be fired must not hold up the others behind it: it is retried later, with the error kept.
            await transaction.RollbackAsync(cancellationToken);
            await PostponeAsync(tenantId, streamId, key, exception, cancellationToken);
            logger.LogError(exception, "Time limit {Key} of {StreamId} could not be fired; retrying later", key, streamId);
            return true;
        }
        await using (var delete = new NpgsqlCommand(
            $"DELETE FROM {NeedsSchema.Name}.deadlines WHERE tenant_id = $1 AND stream_id = $2 AND deadline_key = $3", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = tenantId });
            delete.Parameters.Add(new() { Value = streamId });
            delete.Parameters.Add(new() { Value = key });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (appended > 0)
        {
            Fired.Add(1, new KeyValuePair<string, object?>("kind", kind));
            logger.LogInformation("Time limit {Key} of {StreamId} (due {DueAt:o}) breached: {Events} events appended", key, streamId, dueAt, appended);
        }
        return true;
    }

    private async Task PostponeAsync(string tenantId, string streamId, string key, Exception exception, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {NeedsSchema.Name}.deadlines
               SET attempts = attempts + 1, last_error = $4,
                   retry_at = $5::timestamptz + least(interval '1 minute' * power(2, attempts), interval '1 hour')
             WHERE tenant_id = $1 AND stream_id = $2 AND deadline_key = $3
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = exception.Message });
        command.Parameters.Add(new() { Value = clock.GetUtcNow().ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
