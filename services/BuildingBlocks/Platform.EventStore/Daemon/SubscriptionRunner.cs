using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore;

/// <summary>
/// Runs one subscription on this instance while it holds the subscription's session-level advisory lock. The lock
/// lives on a connection kept open for as long as this instance leads; all work happens on that connection, so an
/// instance whose connection died can neither hold the lock nor commit progress, and another one takes over.
/// </summary>
internal sealed class SubscriptionRunner(
    EventStoreClient store, SubscriptionRegistration registration, DaemonMetrics metrics, ILogger logger) : IAsyncDisposable
{
    private readonly long lockKey = EventStoreMigrator.AdvisoryLockKey(store.Options.Schema, "subscription:" + registration.Subscription.Name);
    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? leaderConnection;

    public string Name => registration.Subscription.Name;

    public IEventSubscription Subscription => registration.Subscription;

    /// <summary>Approximate events not yet handled, as of the last batch (0 once caught up).</summary>
    public long Lag { get; private set; }

    private SubscriptionOptions Options => registration.Options;

    /// <summary>Takes the lead if nobody has it, then handles every event below the fence.</summary>
    public async Task<SubscriptionCatchUp> CatchUpAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        var pass = new Pass();
        try
        {
            var connection = await TryLeadAsync(cancellationToken);
            if (connection is null) return pass.Result(Name, CatchUpOutcome.NotLeader);
            try
            {
                return pass.Result(Name, await CatchUpAsLeaderAsync(connection, pass, cancellationToken));
            }
            catch (Exception exception) when (IsBroken(connection) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Subscription {Subscription} lost its lock connection; it stops leading here.", Name);
                await AbdicateAsync();
                return pass.Result(Name, CatchUpOutcome.LeadershipLost);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            await AbdicateAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<CatchUpOutcome> CatchUpAsLeaderAsync(NpgsqlConnection connection, Pass pass, CancellationToken cancellationToken)
    {
        var (position, stopped, rebuildRequested) = await ReadProgressAsync(connection, cancellationToken);
        if (stopped) return CatchUpOutcome.Stopped;
        if (rebuildRequested) position = await RebuildAsync(connection, cancellationToken);
        pass.Position = position;

        while (true)
        {
            var batch = await EventStoreAdmin.ReadLogAsync(store, connection, pass.Position, Options.BatchSize, Options.IncludeArchivedStreams, cancellationToken);
            if (batch.Count == 0) break;
            if (!await HandleBatchAsync(connection, batch, pass, cancellationToken)) return CatchUpOutcome.Stopped;
            if (batch.Count < Options.BatchSize) break;
            Lag = Math.Max(0, await ReadLogHeadAsync(connection, cancellationToken) - pass.Position.Sequence);
        }
        Lag = 0;
        return CatchUpOutcome.CaughtUp;
    }

    /// <summary>The batch in one transaction; if it fails, its events one by one, so a poison event cannot hold back the others.</summary>
    private async Task<bool> HandleBatchAsync(NpgsqlConnection connection, List<EventRow> batch, Pass pass, CancellationToken cancellationToken)
    {
        try
        {
            await HandleInTransactionAsync(connection, batch, cancellationToken);
            pass.Processed(batch.Count, batch[^1].Position, metrics, Name);
            return true;
        }
        catch (Exception exception) when (IsHandlerFailure(exception, connection, cancellationToken))
        {
            logger.LogWarning(exception, "Subscription {Subscription} failed a batch of {Count} events from {Position}; retrying them one at a time.",
                Name, batch.Count, batch[0].Position);
        }

        foreach (var row in batch)
        {
            if (!await HandleWithRetriesAsync(connection, row, pass, cancellationToken)) return false;
        }
        return true;
    }

    private async Task<bool> HandleWithRetriesAsync(NpgsqlConnection connection, EventRow row, Pass pass, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        for (var attempt = 1; attempt <= Options.MaxRetries + 1; attempt++)
        {
            try
            {
                await HandleInTransactionAsync(connection, [row], cancellationToken);
                pass.Processed(1, row.Position, metrics, Name);
                return true;
            }
            catch (Exception exception) when (IsHandlerFailure(exception, connection, cancellationToken))
            {
                failure = exception;
                if (attempt <= Options.MaxRetries) await Task.Delay(Options.RetryDelay * Math.Pow(2, attempt - 1), cancellationToken);
            }
        }
        return await DeadLetterAsync(connection, row, failure!, pass, cancellationToken);
    }

    private async Task HandleInTransactionAsync(NpgsqlConnection connection, List<EventRow> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var events = new List<StoredEvent>(rows.Count);
        foreach (var row in rows)
        {
            if (row.ToStoredEvent(store.Options, Options.DeserializeData) is { } @event) events.Add(@event);
        }
        if (events.Count > 0) await registration.Subscription.HandleAsync(events, transaction, cancellationToken);
        await SaveProgressAsync(connection, rows[^1].Position, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records the poison event; skipping moves progress past it in the same transaction, stopping marks the subscription stopped.</summary>
    private async Task<bool> DeadLetterAsync(NpgsqlConnection connection, EventRow row, Exception failure, Pass pass, CancellationToken cancellationToken)
    {
        var skip = Options.OnPoisonEvent == PoisonEventPolicy.SkipEvent;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var record = new NpgsqlCommand(store.Sql.RecordDeadLetter, connection))
        {
            record.Parameters.Add(EventStoreClient.Parameter(Name, NpgsqlDbType.Text));
            record.Parameters.Add(EventStoreClient.Parameter(row.Sequence, NpgsqlDbType.Bigint));
            record.Parameters.Add(EventStoreClient.Parameter(row.Id, NpgsqlDbType.Uuid));
            record.Parameters.Add(EventStoreClient.Parameter(row.TenantId, NpgsqlDbType.Text));
            record.Parameters.Add(EventStoreClient.Parameter(row.StreamId, NpgsqlDbType.Text));
            record.Parameters.Add(EventStoreClient.Parameter(row.Version, NpgsqlDbType.Bigint));
            record.Parameters.Add(EventStoreClient.Parameter(row.EventType, NpgsqlDbType.Text));
            record.Parameters.Add(EventStoreClient.Parameter(failure.ToString(), NpgsqlDbType.Text));
            record.Parameters.Add(EventStoreClient.Parameter(Options.MaxRetries + 1, NpgsqlDbType.Integer));
            record.Parameters.Add(EventStoreClient.Parameter(skip, NpgsqlDbType.Boolean));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        if (skip)
        {
            await SaveProgressAsync(connection, row.Position, cancellationToken);
        }
        else
        {
            await using var stop = new NpgsqlCommand(store.Sql.StopSubscription, connection);
            stop.Parameters.Add(EventStoreClient.Parameter(Name, NpgsqlDbType.Text));
            stop.Parameters.Add(EventStoreClient.Parameter($"Event {row.Sequence} ({row.EventType}) failed: {failure.Message}", NpgsqlDbType.Text));
            await stop.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        pass.DeadLettered(skip, row.Position, metrics, Name);
        logger.LogError(failure, "Subscription {Subscription} dead-lettered event {Sequence} ({EventType}) and {Action}.",
            Name, row.Sequence, row.EventType, skip ? "skipped it" : "stopped");
        return skip;
    }

    private async Task<LogPosition> RebuildAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (registration.Subscription is IRebuildableSubscription rebuildable)
        {
            await rebuildable.ResetAsync(transaction, cancellationToken);
            logger.LogInformation("Subscription {Subscription} was reset and rebuilds from the start of the log.", Name);
        }
        else
        {
            logger.LogError("A rebuild of {Subscription} was requested, but it cannot reset its output; replaying from the start anyway.", Name);
        }
        await using (var reset = new NpgsqlCommand(store.Sql.ResetProgress, connection))
        {
            reset.Parameters.Add(EventStoreClient.Parameter(Name, NpgsqlDbType.Text));
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return LogPosition.Start;
    }

    private async Task<NpgsqlConnection?> TryLeadAsync(CancellationToken cancellationToken)
    {
        if (leaderConnection is not null)
        {
            if (!IsBroken(leaderConnection)) return leaderConnection;
            await AbdicateAsync();
        }

        var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection))
            {
                tryLock.Parameters.Add(EventStoreClient.Parameter(lockKey, NpgsqlDbType.Bigint));
                if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
                {
                    await connection.DisposeAsync();
                    return null;
                }
            }
            await using (var ensure = new NpgsqlCommand(store.Sql.EnsureSubscription, connection))
            {
                ensure.Parameters.Add(EventStoreClient.Parameter(Name, NpgsqlDbType.Text));
                await ensure.ExecuteNonQueryAsync(cancellationToken);
            }
            logger.LogInformation("This instance now runs subscription {Subscription}.", Name);
            return leaderConnection = connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task AbdicateAsync()
    {
        if (leaderConnection is null) return;
        var connection = leaderConnection;
        leaderConnection = null;
        Lag = 0;
        try
        {
            if (!IsBroken(connection))
            {
                // Explicitly: a pooled connection is not reset before it is handed out again.
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                unlock.Parameters.Add(EventStoreClient.Parameter(lockKey, NpgsqlDbType.Bigint));
                await unlock.ExecuteScalarAsync();
            }
        }
        catch (NpgsqlException exception)
        {
            logger.LogDebug(exception, "Releasing the lock of {Subscription} failed; closing its connection releases it.", Name);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<(LogPosition Position, bool Stopped, bool RebuildRequested)> ReadProgressAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(store.Sql.ReadSubscription, connection);
        command.Parameters.Add(EventStoreClient.Parameter(Name, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetString(2) == "stopped", reader.GetBoolean(3));
    }

    private async Task SaveProgressAsync(NpgsqlConnection connection, LogPosition position, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(store.Sql.SaveProgress, connection);
        command.Parameters.Add(EventStoreClient.Parameter(Name, NpgsqlDbType.Text));
        command.Parameters.Add(EventStoreClient.Parameter(position.TransactionId, NpgsqlDbType.Xid8));
        command.Parameters.Add(EventStoreClient.Parameter(position.Sequence, NpgsqlDbType.Bigint));
        await command.PrepareAsync(cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ReadLogHeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(store.Sql.LogHead, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static bool IsBroken(NpgsqlConnection connection) =>
        connection.FullState.HasFlag(ConnectionState.Broken) || connection.State == ConnectionState.Closed;

    /// <summary>Failures of the handler (or of its data) count towards dead-lettering; a lost connection or a shutdown does not.</summary>
    private static bool IsHandlerFailure(Exception exception, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested) && !IsBroken(connection);

    /// <summary>Counters of one catch-up pass.</summary>
    private sealed class Pass
    {
        private long processed, skipped, deadLetters;

        public LogPosition Position { get; set; }

        public void Processed(int count, LogPosition position, DaemonMetrics metrics, string subscription)
        {
            processed += count;
            Position = position;
            metrics.EventsProcessed(subscription, count);
        }

        public void DeadLettered(bool skippedIt, LogPosition position, DaemonMetrics metrics, string subscription)
        {
            deadLetters++;
            metrics.DeadLettered(subscription, skippedIt);
            if (!skippedIt) return;
            skipped++;
            Position = position;
        }

        public SubscriptionCatchUp Result(string subscription, CatchUpOutcome outcome) =>
            new(subscription, outcome, processed, skipped, deadLetters, Position);
    }
}
