using Marten;
using Npgsql;
using Platform.EventSourcing.Audit;
using SessionOptions = Marten.Services.SessionOptions;

namespace Platform.DemoLoader;

/// <summary>One append the loader writes: the events one actor's decision added to one stream, at one business time.</summary>
public sealed record DemoAppend(string StreamId, IReadOnlyList<object> Events, string Actor, DateTimeOffset At);

/// <summary>What a load wrote, and what it found there already.</summary>
public sealed record DemoWriteTotals(int Streams, int Existing, int Events);

/// <summary>
/// Writes demo histories through a service's own event store (its inline views and timers included), one group of
/// appends per record (a need and its case, an offer and its bookings) that is written whole or not at all. Streams
/// that already exist are left alone, so loading twice, or from two places at once, changes nothing.
/// </summary>
internal sealed class DemoStreamWriter(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>Groups written per transaction: few enough to keep a transaction short and spread the work.</summary>
    private const int GroupsPerTransaction = 25;

    /// <summary>The inline projection costs a few round trips per stream and decision; transactions side by side hide
    /// most of that latency. Groups share no streams, so the transactions cannot block each other.</summary>
    private const int ParallelTransactions = 4;

    private const string CorrelationId = "demo-load";

    /// <param name="lockName">The service's demo lock: two loaders starting together take turns, and the second finds the first one's streams.</param>
    public async Task<DemoWriteTotals> WriteAsync(
        string districtCode, IEnumerable<IReadOnlyList<DemoAppend>> groups, IReadOnlyDictionary<string, string> actorNames, string lockName,
        CancellationToken cancellationToken)
    {
        var (streams, existing, events) = (0, 0, 0);
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock(hashtext('{lockName}'))", cancellationToken);
        try
        {
            // A host that was built but never started has not checked its schema yet.
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            async Task WriteOneAsync(IReadOnlyList<DemoAppend>[] batch, CancellationToken token)
            {
                var written = await WriteBatchWithRetryAsync(districtCode, [.. batch.SelectMany(group => group)], actorNames, token);
                Interlocked.Add(ref streams, written.Streams);
                Interlocked.Add(ref existing, written.Existing);
                Interlocked.Add(ref events, written.Events);
            }
            // The first batch alone: Marten checks at a session's first save what this process has not checked yet (more
            // than the configured schema marks as checked), and writers side by side would all wait on that one check.
            var batches = groups.Chunk(GroupsPerTransaction).ToList();
            if (batches.Count > 0) await WriteOneAsync(batches[0], cancellationToken);
            var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelTransactions, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(batches.Skip(1), options, async (batch, token) => await WriteOneAsync(batch, token));
        }
        finally
        {
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock(hashtext('{lockName}'))", CancellationToken.None);
        }
        return new DemoWriteTotals(streams, existing, events);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Weasel gives a runtime schema check 5 s; on a starved machine one can take longer. The batch's transaction
    /// is rolled back then, and the batch writes only what is missing, so it is written again.</summary>
    private async Task<DemoWriteTotals> WriteBatchWithRetryAsync(
        string districtCode, IReadOnlyList<DemoAppend> appends, IReadOnlyDictionary<string, string> actorNames, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteBatchAsync(districtCode, appends, actorNames, cancellationToken);
            }
            catch (TimeoutException) when (attempt < SchemaCheckAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    private const int SchemaCheckAttempts = 3;

    /// <summary>
    /// Writes a batch in one transaction. Every decision is one session, because a session stamps one actor on all it
    /// appends; consecutive decisions of the same actor share one (and one round trip). Decisions keep their order, so
    /// the log reads like the service had lived them.
    /// </summary>
    private async Task<DemoWriteTotals> WriteBatchAsync(
        string districtCode, IReadOnlyList<DemoAppend> appends, IReadOnlyDictionary<string, string> actorNames, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var versions = new Dictionary<string, long>();
        var existing = 0;
        await using (var reader = OpenSession(districtCode, transaction, actor: null))
        {
            foreach (var streamId in appends.Select(append => append.StreamId).Distinct())
            {
                if (await reader.Events.FetchStreamStateAsync(streamId, cancellationToken) is null) versions[streamId] = 0;
                else existing++;
            }
        }

        var events = 0;
        IDocumentSession? session = null;
        string? sessionActor = null;
        var queued = new List<string>();
        try
        {
            foreach (var append in appends.Where(append => versions.ContainsKey(append.StreamId)))
            {
                // A stream queued earlier in the session would take these events before the ones queued in between.
                var continues = session is not null && sessionActor == append.Actor
                    && (!queued.Contains(append.StreamId) || queued[^1] == append.StreamId);
                if (!continues)
                {
                    if (session is not null)
                    {
                        await session.SaveChangesAsync(cancellationToken);
                        await session.DisposeAsync();
                    }
                    session = OpenSession(districtCode, transaction, append.Actor);
                    session.NameActor(actorNames.GetValueOrDefault(append.Actor));
                    sessionActor = append.Actor;
                    queued.Clear();
                }

                var version = versions[append.StreamId];
                if (version == 0) session!.Events.StartStream(append.StreamId, append.Events);
                else session!.Events.Append(append.StreamId, version + append.Events.Count, append.Events);
                versions[append.StreamId] = version + append.Events.Count;
                queued.Add(append.StreamId);
                events += append.Events.Count;
            }
            if (session is not null) await session.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
        await transaction.CommitAsync(cancellationToken);
        return new DemoWriteTotals(versions.Count, existing, events);
    }

    private IDocumentSession OpenSession(string districtCode, NpgsqlTransaction transaction, string? actor)
    {
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = districtCode;
        var session = store.LightweightSession(options);
        session.CorrelationId = CorrelationId;
        session.LastModifiedBy = actor;
        return session;
    }
}
