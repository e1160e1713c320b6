using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.EventSourcing.Timers;

public sealed class DurableTimerOptions
{
    /// <summary>How often an instance looks for timers that came due. A limit is acted on at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due timers one pass fires before it looks again at once (more may be due).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The first retry of a failed firing; each further failure doubles it, up to <see cref="LongestBackOff"/>.</summary>
    public TimeSpan FirstBackOff { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan LongestBackOff { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Fires a service's durable timers. Every instance polls; a due row is claimed with <c>FOR UPDATE SKIP LOCKED</c> and
/// handled in the transaction that deletes it, so with any number of instances each timer fires exactly once. A
/// firing that fails is rolled back and retried later with a growing back-off (the error kept on the row), without
/// holding up the timers behind it. "Now" is the injected clock.
/// </summary>
public sealed class DurableTimerWorker(
    NpgsqlDataSource dataSource, IDueTimerHandler handler, TimeProvider clock, IOptions<DurableTimerOptions> options, DurableTimerSchema schema,
    ILogger<DurableTimerWorker> logger) : BackgroundService
{
    private static readonly Meter Meter = new("Platform.EventSourcing.Timers");
    private static readonly Counter<long> Fired = Meter.CreateCounter<long>("platform.timers.fired", description: "Durable timers that came due and were handled");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("platform.timers.failed", description: "Firings that failed and were put off");

    private string Table => $"{schema.Name}.{DurableTimers.Table}";

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
                logger.LogError(exception, "Firing due timers failed; retrying at the next poll");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Fires the timers due by the clock's now, one transaction each, up to a batch; returns how many it claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var claimed = 0;
        while (claimed < options.Value.BatchSize && await FireOneAsync(cancellationToken)) claimed++;
        return claimed;
    }

    private async Task<bool> FireOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DueTimer due;
        await using (var claim = new NpgsqlCommand($"""
            SELECT tenant_id, stream_id, timer_key, kind, due_at, facts::text, attempts FROM {Table}
             WHERE coalesce(retry_at, due_at) <= $1 ORDER BY coalesce(retry_at, due_at) LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.Add(new() { Value = clock.GetUtcNow().ToUniversalTime() });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return false;
            due = new DueTimer(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), DurableTimers.ReadFacts(reader.GetString(5)), reader.GetInt32(6));
        }

        int appended;
        try
        {
            appended = await handler.FireAsync(transaction, due, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(cancellationToken);
            await PutOffAsync(due, exception, cancellationToken);
            Failed.Add(1, new KeyValuePair<string, object?>("kind", due.Kind));
            logger.LogError(exception, "Timer {Key} of {StreamId} could not be fired (attempt {Attempt}); retrying later", due.Key, due.StreamId, due.Attempts + 1);
            return true;
        }
        await using (var delete = new NpgsqlCommand(
            $"DELETE FROM {Table} WHERE tenant_id = $1 AND stream_id = $2 AND timer_key = $3", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = due.TenantId });
            delete.Parameters.Add(new() { Value = due.StreamId });
            delete.Parameters.Add(new() { Value = due.Key });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        Fired.Add(1, new KeyValuePair<string, object?>("kind", due.Kind));
        if (appended > 0)
            logger.LogInformation("Timer {Key} of {StreamId} (due {DueAt:o}) fired: {Events} events appended", due.Key, due.StreamId, due.DueAt, appended);
        return true;
    }

    /// <summary>The back-off before the next attempt after <paramref name="failures"/> failed ones.</summary>
    public static TimeSpan BackOff(DurableTimerOptions options, int failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doubled = options.FirstBackOff * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return doubled < options.LongestBackOff ? doubled : options.LongestBackOff;
    }

    private async Task PutOffAsync(DueTimer due, Exception exception, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE {Table} SET attempts = attempts + 1, last_error = $4, retry_at = $5 WHERE tenant_id = $1 AND stream_id = $2 AND timer_key = $3");
        command.Parameters.Add(new() { Value = due.TenantId });
        command.Parameters.Add(new() { Value = due.StreamId });
        command.Parameters.Add(new() { Value = due.Key });
        command.Parameters.Add(new() { Value = exception.Message });
        command.Parameters.Add(new() { Value = (clock.GetUtcNow() + BackOff(options.Value, due.Attempts + 1)).ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
