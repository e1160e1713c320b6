using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.EventSourcing.Monitoring;

public sealed class DaemonMonitorOptions
{
    public const string SectionName = "EventStore:Monitor";

    /// <summary>The event store's schema (the one given to UsePlatformEventStore).</summary>
    public string Schema { get; set; } = "";

    /// <summary>How long the daemon may wait for an uncommitted transaction before it is reported.</summary>
    public TimeSpan StallLimit { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Watches, from the database, the daemon that runs on whichever instance holds its lock, so every instance can tell
/// whether events flow. A stall beyond the limit fails <c>/health/ready</c> (through <see cref="DaemonHealthCheck"/>)
/// and is logged once as a warning; the holes the daemon passed are counted and logged as information (see
/// <see cref="DaemonHealth"/> for why they are no finding). All of it shows in the metrics <c>platform.eventstore.daemon.*</c>.
/// </summary>
public sealed class DaemonMonitor : BackgroundService
{
    public const string MeterName = "Platform.EventSourcing";

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider clock;
    private readonly ILogger<DaemonMonitor> logger;
    private readonly DaemonMonitorOptions settings;
    private readonly DaemonStallTracker tracker;
    private DaemonHealth? latest;
    private long reportedHoles;
    private bool reportedStall;

    public DaemonMonitor(
        NpgsqlDataSource dataSource, IOptions<DaemonMonitorOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<DaemonMonitor> logger)
    {
        this.dataSource = dataSource;
        this.clock = clock;
        this.logger = logger;
        settings = Validated(options.Value);
        tracker = new DaemonStallTracker(settings.StallLimit);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("platform.eventstore.daemon.stall", () => Latest?.StalledFor.TotalSeconds ?? 0, "s",
            "How long the daemon's high water mark has stood still below the newest event.");
        meter.CreateObservableGauge("platform.eventstore.daemon.passed_holes", () => Latest?.Progress.PassedHoles ?? 0, "{sequence}",
            "Sequence numbers of rolled-back appends that the high water mark passed.");
        meter.CreateObservableGauge("platform.eventstore.daemon.lag",
            () => Latest is { } health ? health.Progress.HighestSequence - health.Progress.HighWaterMark : 0, "{event}",
            "Committed events above the high water mark.");
    }

    /// <summary>The last verdict, or null before the first observation.</summary>
    public DaemonHealth? Latest => Volatile.Read(ref latest);

    public async Task<DaemonHealth> ObserveAsync(CancellationToken cancellationToken)
    {
        var progress = await ReadProgressAsync(cancellationToken);
        var health = tracker.Observe(progress, clock.GetUtcNow());
        Volatile.Write(ref latest, health);
        Report(health);
        return health;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        do
        {
            try
            {
                await ObserveAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // The database being away is the postgres health check's finding, not this one's.
                logger.LogDebug(exception, "Could not read the daemon's progress.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Report(DaemonHealth health)
    {
        if (health.Progress.PassedHoles > reportedHoles)
        {
            reportedHoles = health.Progress.PassedHoles;
            logger.LogInformation("Marten's daemon in {Schema} passed {Holes} sequence numbers that rolled-back appends left ({Skips} ranges).",
                settings.Schema, health.Progress.PassedHoles, health.Progress.Skips);
        }
        if (health.IsStalled && !reportedStall)
            logger.LogWarning("Marten's daemon in {Schema} has stood still for {Seconds:F0} s ({Shard} at {ShardSequence}, high water mark {HighWaterMark}, newest {Highest}). {Finding}",
                settings.Schema, health.StalledFor.TotalSeconds, health.StalledShard ?? "HighWaterMark",
                health.StalledShard is null ? health.Progress.HighWaterMark : health.Progress.SlowestShardSequence,
                health.Progress.HighWaterMark, health.Progress.HighestSequence, health.Describe());
        else if (!health.IsStalled && reportedStall)
            logger.LogInformation("Marten's daemon in {Schema} moves again, at sequence {HighWaterMark}.", settings.Schema, health.Progress.HighWaterMark);
        reportedStall = health.IsStalled;
    }

    // Marten keeps its own bookkeeping beside the shards' positions in mt_event_progression (HighWaterMark, per
    // tenant HighWaterMark:<tenant>, HighWaterAllocationFence, HighWaterStuckGap); none of them is a shard.
    private async Task<DaemonProgress> ReadProgressAsync(CancellationToken cancellationToken)
    {
        var schema = settings.Schema;
        await using var command = dataSource.CreateCommand($"""
            SELECT
                (SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events),
                (SELECT coalesce(max(last_seq_id), 0) FROM {schema}.mt_event_progression WHERE name = 'HighWaterMark'),
                (SELECT count(*) FROM {schema}.mt_high_water_skips),
                (SELECT coalesce(sum(skip.ending_sequence - skip.starting_sequence - (
                        SELECT count(*) FROM {schema}.mt_events AS event
                         WHERE event.seq_id > skip.starting_sequence AND event.seq_id <= skip.ending_sequence)), 0)::bigint
                   FROM {schema}.mt_high_water_skips AS skip),
                slowest.name, coalesce(slowest.last_seq_id, 0)
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (
                SELECT name, last_seq_id FROM {schema}.mt_event_progression
                 WHERE name NOT LIKE 'HighWater%' ORDER BY last_seq_id, name LIMIT 1) AS slowest ON true
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DaemonProgress(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5));
    }

    private static DaemonMonitorOptions Validated(DaemonMonitorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Schema) || !options.Schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new InvalidOperationException($"{DaemonMonitorOptions.SectionName}:Schema must name the event store's schema (letters, digits, underscores).");
        if (options.StallLimit <= TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"{DaemonMonitorOptions.SectionName}: StallLimit and PollInterval must be positive.");
        return options;
    }
}

/// <summary>Ready means no projection, subscription or the high water mark stalls beyond the limit; before the first look it is ready.</summary>
public sealed class DaemonHealthCheck(DaemonMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = monitor.Latest;
        if (health is null) return Task.FromResult(HealthCheckResult.Healthy("尚未检查事件守护进程。"));
        var data = new Dictionary<string, object>
        {
            ["highestSequence"] = health.Progress.HighestSequence,
            ["highWaterMark"] = health.Progress.HighWaterMark,
            ["stalledSeconds"] = Math.Round(health.StalledFor.TotalSeconds),
            ["skips"] = health.Progress.Skips,
            ["passedHoles"] = health.Progress.PassedHoles,
        };
        return Task.FromResult(health.IsHealthy
            ? HealthCheckResult.Healthy(health.Describe(), data)
            : new HealthCheckResult(context.Registration.FailureStatus, health.Describe(), data: data));
    }
}
