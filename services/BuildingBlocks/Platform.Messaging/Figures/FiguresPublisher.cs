using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts.Insights;

namespace Platform.Messaging.Figures;

/// <summary>
/// Sends every revision of a place's figures that has not been sent, and marks it sent only once the broker has
/// confirmed it. Every few seconds it also says how current the service's figures are. Several instances of a service
/// may send the same revision; a reader keeps the highest revision, so that costs a message, not a wrong figure.
/// </summary>
public sealed partial class FiguresPublisher(
    NpgsqlDataSource dataSource, IBus bus, FiguresSource source, TimeProvider clock, ILogger<FiguresPublisher> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private const int InFlight = 32;
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCurrent = DateTimeOffset.MinValue;
        var delay = source.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await SendUnsentAsync(stoppingToken);
                if (sent > 0 || clock.GetUtcNow() >= nextCurrent)
                {
                    // After a change too, so that a reader sees the figure and its currency move together.
                    await bus.Publish(new FiguresCurrent(source.Name, await CurrentAsOfAsync(stoppingToken), clock.GetUtcNow()), stoppingToken);
                    nextCurrent = clock.GetUtcNow() + source.CurrentInterval;
                }
                delay = source.PollInterval;
                if (sent == BatchSize) continue;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the broker is away: what is unsent stays unsent and goes out once they are back.
                LogSendFailed(exception, source.Name, delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>How many revisions went out.</returns>
    public async Task<int> SendUnsentAsync(CancellationToken cancellationToken)
    {
        var unsent = new List<PlaceFiguresReported>();
        await using (var command = dataSource.CreateCommand($"""
            SELECT tenant_id, street_id, place_id, period, figures, revision, changed_at FROM {PlaceFigures.Table}
             WHERE revision > published_revision ORDER BY changed_at LIMIT {BatchSize}
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                unsent.Add(new PlaceFiguresReported(
                    reader.GetString(0), source.Name, reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(4)) ?? [],
                    reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }
        if (unsent.Count == 0) return 0;

        await Parallel.ForEachAsync(unsent, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (figures, token) => await bus.Publish(figures, token));

        // One statement, and rows a recount holds are skipped rather than waited for: the statistics subscription's unit
        // of work locks many rows in its own order, and waiting on each other in two orders deadlocks. A row skipped
        // stays unsent and goes out again (a duplicate, which a reader ignores), under the recount's new revision.
        await using var marked = dataSource.CreateCommand($"""
            UPDATE {PlaceFigures.Table} AS f SET published_revision = greatest(f.published_revision, sent.revision)
              FROM (SELECT kept.tenant_id, kept.place_id, kept.period, batch.revision
                      FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS batch(tenant_id, place_id, period, revision)
                      JOIN {PlaceFigures.Table} AS kept USING (tenant_id, place_id, period)
                       FOR UPDATE OF kept SKIP LOCKED) AS sent
             WHERE f.tenant_id = sent.tenant_id AND f.place_id = sent.place_id AND f.period = sent.period
            """);
        marked.Parameters.Add(new() { Value = unsent.Select(figures => figures.DistrictCode).ToArray() });
        marked.Parameters.Add(new() { Value = unsent.Select(figures => figures.PlaceId).ToArray() });
        marked.Parameters.Add(new() { Value = unsent.Select(figures => figures.Period).ToArray() });
        marked.Parameters.Add(new() { Value = unsent.Select(figures => figures.Revision).ToArray() });
        await marked.ExecuteNonQueryAsync(cancellationToken);
        return unsent.Count;
    }

    /// <summary>
    /// Now, when the statistics subscription has counted every committed event; otherwise the moment of the first
    /// event it has not counted yet: every figure counts what happened before that.
    /// </summary>
    private async Task<DateTimeOffset> CurrentAsOfAsync(CancellationToken cancellationToken)
    {
        var schema = source.EventStoreSchema;
        await using var command = dataSource.CreateCommand($"""
            SELECT event.timestamp FROM {schema}.mt_events AS event
             WHERE event.seq_id > coalesce((SELECT min(last_seq_id) FROM {schema}.mt_event_progression WHERE name LIKE $1), 0)
             ORDER BY event.seq_id LIMIT 1
            """);
        command.Parameters.Add(new() { Value = source.SubscriptionName + ":%" });
        var firstUncounted = await command.ExecuteScalarAsync(cancellationToken);
        return firstUncounted is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : clock.GetUtcNow();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the {Source} figures failed; trying again in {Delay}.")]
    private partial void LogSendFailed(Exception exception, string source, TimeSpan delay);
}
