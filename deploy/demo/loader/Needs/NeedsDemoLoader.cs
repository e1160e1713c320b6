using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventSourcing.Audit;
using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Platform.Needs.Catalogue;

namespace Platform.DemoLoader.Needs;

/// <summary>
/// Loads the Needs demo data (<see cref="NeedsDemoData"/>), moved to the load day, through the Needs service's own event
/// store (its inline views and timers included). Streams that already exist are left alone, so loading twice, or from
/// two places at once, changes nothing. The service's schema must be in place: its host has started once.
/// </summary>
internal sealed class NeedsDemoLoader(
    IDocumentStore store, NpgsqlDataSource dataSource, NeedsCatalogue catalogue, TimeProvider clock, ILogger<NeedsDemoLoader> logger)
{
    /// <summary>Needs written per transaction: few enough to keep a transaction short and spread the work.</summary>
    private const int CasesPerTransaction = 25;

    /// <summary>The inline projection costs a few round trips per stream and decision; transactions side by side hide
    /// most of that latency. Batches share no rows (each need and case is in one batch), so they cannot block each other.</summary>
    private const int ParallelTransactions = 4;

    private const string CorrelationId = "demo-load";

    public async Task LoadAsync(string folder, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, DemoSources.CasesFileName)))
        {
            logger.LogWarning("Demo data: {Folder} has no {File}; no demo needs were loaded", folder, DemoSources.CasesFileName);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var sources = DemoSources.Load(folder);
        var data = NeedsDemoData.Generate(sources, catalogue, DemoTimeShift.For(sources.Cases.TimeBase.AnchorDate, clock.GetUtcNow()));
        foreach (var skipped in data.Skipped) logger.LogWarning("Demo data: case left out: {Reason}", skipped);

        var (streams, existing, events) = (0, 0, 0);
        // Two instances starting together: the second waits here, then finds the first one's streams and skips them.
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(lockConnection, "SELECT pg_advisory_lock(hashtext('needs.demo-data'))", cancellationToken);
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelTransactions, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(data.Cases.Chunk(CasesPerTransaction), options, async (batch, token) =>
            {
                var written = await WriteAsync(data.DistrictCode, batch, data.ActorNames, token);
                Interlocked.Add(ref streams, written.Streams);
                Interlocked.Add(ref existing, written.Existing);
                Interlocked.Add(ref events, written.Events);
            });
        }
        finally
        {
            await ExecuteAsync(lockConnection, "SELECT pg_advisory_unlock(hashtext('needs.demo-data'))", CancellationToken.None);
        }
        logger.LogInformation(
            "Demo data: {Cases} needs moved by {Days} days, {Streams} streams with {Events} events written, {Existing} streams already there, in {Elapsed} ms",
            data.Cases.Count, data.Shift.Days, streams, events, existing, stopwatch.ElapsedMilliseconds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a batch of needs in one transaction, so that a need and its case are there together or not at all. Every decision is one session, because a session stamps one actor on
    /// all it appends; consecutive decisions of the same actor share one (and one round trip). Decisions keep their
    /// order, so the log reads like the service had lived them.
    /// </summary>
    private async Task<(int Streams, int Existing, int Events)> WriteAsync(
        string districtCode, DemoCase[] batch, IReadOnlyDictionary<string, string> actorNames, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var versions = new Dictionary<string, long>();
        var existing = 0;
        await using (var reader = OpenSession(districtCode, transaction, actor: null))
        {
            foreach (var streamId in batch.SelectMany(demoCase => demoCase.Appends).Select(append => append.StreamId).Distinct())
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
            foreach (var append in batch.SelectMany(demoCase => demoCase.Appends).Where(append => versions.ContainsKey(append.StreamId)))
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
        return (versions.Count, existing, events);
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
