using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EventSourcing.Monitoring;
using Platform.EventSourcing.Tests.Support;
using Platform.Testing;

namespace Platform.EventSourcing.Tests.Monitoring;

/// <summary>What an operator sees while Marten's daemon waits for a late commit, stops at an event, or passes the holes of rollbacks.</summary>
public sealed class DaemonMonitorTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Given_a_transaction_held_open_past_the_stall_limit_When_the_monitor_looks_Then_readiness_the_log_and_the_metric_report_it_until_it_commits()
    {
        await using var watched = await WatchedSummaries.StartAsync(infrastructure.PostgresConnectionString);
        var (store, daemon, monitor, log, gauges) = (watched.Store, watched.Daemon, watched.Monitor, watched.Log, watched.Gauges);

        await using var lateConnection = await store.DataSource.OpenConnectionAsync();
        await using var lateTransaction = await lateConnection.BeginTransactionAsync();
        await using (var late = SessionWithin(store, lateTransaction))
        {
            late.Events.StartStream("case-late", new CaseOpened("迟迟不提交", "310101"));
            await late.SaveChangesAsync();
        }
        for (var i = 0; i < 5; i++) await store.AppendAsync($"case-{i}", new CaseOpened($"案件 {i}", "310101"));

        var stalled = await ObserveUntilAsync(monitor, health => health.IsStalled);
        var readiness = await CheckAsync(monitor);
        Assert.Equal(HealthStatus.Unhealthy, readiness.Status);
        Assert.Contains("长事务", readiness.Description);
        Assert.Single(log.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.True(gauges.Read("platform.eventstore.daemon.stall") >= 1, "the stall gauge shows the seconds waited");
        Assert.True(stalled.Progress.HighWaterMark < stalled.Progress.HighestSequence);

        await lateTransaction.CommitAsync();
        await store.Store.WaitForNonStaleProjectionDataAsync(Limit);
        var recovered = await ObserveUntilAsync(monitor, health => health.IsHealthy);

        Assert.Equal(recovered.Progress.HighestSequence, recovered.Progress.HighWaterMark);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(monitor)).Status);
        Assert.Equal(0.0, gauges.Read("platform.eventstore.daemon.passed_holes"));
        Assert.DoesNotContain(log.Entries, entry => entry.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Given_appends_that_rolled_back_When_the_daemon_passes_their_holes_Then_the_monitor_counts_them_and_stays_ready()
    {
        await using var watched = await WatchedSummaries.StartAsync(infrastructure.PostgresConnectionString);
        var (store, daemon, monitor, log, gauges) = (watched.Store, watched.Daemon, watched.Monitor, watched.Log, watched.Gauges);

        await store.AppendAsync("case-before", new CaseOpened("之前", "310101"));
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await store.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var session = SessionWithin(store, transaction))
            {
                session.Events.StartStream($"case-rolled-back-{i}", new CaseOpened("回滚", "310101"));
                await session.SaveChangesAsync();
            }
            await transaction.RollbackAsync();
        }
        await store.AppendAsync("case-after", new CaseOpened("之后", "310101"));
        await store.Store.WaitForNonStaleProjectionDataAsync(Limit);

        await ObserveUntilAsync(monitor, observed => observed.Progress.PassedHoles > 0);
        // Marten keeps rows of its own beside the shards' positions; one of them, the clock of a stuck gap, can stay
        // at the gap for good (seen: HighWaterStuckGap at 2,749 with the mark at 3,331). It is no shard standing still.
        await daemon.StopAllAsync();
        await store.ExecuteAsync("""
            INSERT INTO {schema}.mt_event_progression (name, last_seq_id) VALUES ('HighWaterStuckGap', 1)
            ON CONFLICT (name) DO UPDATE SET last_seq_id = 1
            """);
        await monitor.ObserveAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var health = await monitor.ObserveAsync(CancellationToken.None);

        Assert.Equal(3, health.Progress.PassedHoles);
        Assert.True(health.IsHealthy, health.Describe());
        var readiness = await CheckAsync(monitor);
        Assert.Equal(HealthStatus.Healthy, readiness.Status);
        Assert.Contains("空号 3 个", readiness.Description);
        Assert.Equal(3L, readiness.Data["passedHoles"]);
        Assert.Single(log.Entries, entry => entry.Level == LogLevel.Information && entry.Message.Contains("passed 3 sequence numbers"));
        Assert.DoesNotContain(log.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.Equal(3.0, gauges.Read("platform.eventstore.daemon.passed_holes"));
    }

    [Fact]
    public async Task Given_a_subscription_that_fails_on_an_event_When_the_daemon_runs_Then_it_stops_there_instead_of_skipping_and_the_monitor_names_it()
    {
        var subscription = new SubscriptionThatRefuses("不可处理");
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString,
            options => options.Projections.Subscribe(subscription));
        using var daemon = await store.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        var (monitor, log, meters) = NewMonitor(store, stallLimit: TimeSpan.FromSeconds(2));

        await store.AppendAsync("case-before", new CaseOpened("之前", "310101"));
        for (var waited = TimeSpan.Zero; !subscription.Handled.Contains("case-before") && waited < Limit; waited += TimeSpan.FromMilliseconds(100))
            await Task.Delay(100);
        await store.AppendAsync("case-poison", new CaseOpened("不可处理", "310101"));
        await store.AppendAsync("case-after", new CaseOpened("之后", "310101"));
        var stalled = await ObserveUntilAsync(monitor, health => health.IsStalled);

        Assert.Equal(SubscriptionThatRefuses.ShardName, stalled.StalledShard);
        Assert.Contains("case-before", subscription.Handled);
        Assert.DoesNotContain("case-after", subscription.Handled);
        var poisonSequence = await store.ScalarAsync<long>("SELECT seq_id FROM {schema}.mt_events WHERE stream_id = 'case-poison'");
        Assert.True(stalled.Progress.SlowestShardSequence < poisonSequence, "the subscription's progress passed the event it failed on");
        var readiness = await CheckAsync(monitor);
        Assert.Equal(HealthStatus.Unhealthy, readiness.Status);
        Assert.Contains(SubscriptionThatRefuses.ShardName, readiness.Description);
        Assert.Single(log.Entries, entry => entry.Level == LogLevel.Warning);
        await daemon.StopAllAsync();
        meters.Dispose();
    }

    /// <summary>Records the streams it handles, and fails every time on a case opened with <paramref name="poisonTitle"/>.</summary>
    private sealed class SubscriptionThatRefuses : Marten.Subscriptions.SubscriptionBase
    {
        public const string ShardName = "refusing:All";
        private readonly string poisonTitle;
        private readonly ConcurrentQueue<string> handled = new();

        public SubscriptionThatRefuses(string poisonTitle)
        {
            this.poisonTitle = poisonTitle;
            Name = "refusing";
        }

        public IReadOnlyList<string> Handled => [.. handled];

        public override Task<IChangeListener> ProcessEventsAsync(
            EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
        {
            if (page.Events.Any(stored => stored.Data is CaseOpened opened && opened.Title == poisonTitle))
                throw new InvalidOperationException("This subscription cannot handle the case.");
            foreach (var stored in page.Events) handled.Enqueue(stored.StreamKey!);
            return Task.FromResult(NullChangeListener.Instance);
        }
    }

    private static IDocumentSession SessionWithin(MartenTestStore store, Npgsql.NpgsqlTransaction transaction)
    {
        var within = SessionOptions.ForTransaction(transaction);
        within.TenantId = MartenTestStore.Tenant;
        return store.Store.LightweightSession(within);
    }

    /// <summary>A store whose daemon keeps the case summaries asynchronously, watched by a monitor with a stall limit of a second.</summary>
    private sealed class WatchedSummaries : IAsyncDisposable
    {
        private WatchedSummaries(MartenTestStore store, IProjectionDaemon daemon, DaemonMonitor monitor, ListLogger log, ServiceProvider meters)
        {
            (Store, Daemon, Monitor, Log, Meters) = (store, daemon, monitor, log, meters);
            Gauges = new GaugeReader(DaemonMonitor.MeterName, meters.GetRequiredService<IMeterFactory>());
        }

        public MartenTestStore Store { get; }
        public IProjectionDaemon Daemon { get; }
        public DaemonMonitor Monitor { get; }
        public ListLogger Log { get; }
        public GaugeReader Gauges { get; }
        private ServiceProvider Meters { get; }

        public static async Task<WatchedSummaries> StartAsync(string connectionString)
        {
            var store = await MartenTestStore.CreateAsync(connectionString,
                options => options.Projections.Add<LateCommitTests.CaseSummaryProjection>(ProjectionLifecycle.Async));
            var daemon = await store.Store.BuildProjectionDaemonAsync();
            await daemon.StartAllAsync();
            var (monitor, log, meters) = NewMonitor(store, stallLimit: TimeSpan.FromSeconds(1));
            return new WatchedSummaries(store, daemon, monitor, log, meters);
        }

        public async ValueTask DisposeAsync()
        {
            Gauges.Dispose();
            Meters.Dispose();
            Daemon.Dispose();
            await Store.DisposeAsync();
        }
    }

    private static (DaemonMonitor Monitor, ListLogger Log, ServiceProvider Meters) NewMonitor(MartenTestStore store, TimeSpan stallLimit)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var log = new ListLogger();
        var options = Options.Create(new DaemonMonitorOptions { Schema = store.Schema, StallLimit = stallLimit, PollInterval = TimeSpan.FromMilliseconds(100) });
        var monitor = new DaemonMonitor(store.DataSource, options, TimeProvider.System, meters.GetRequiredService<IMeterFactory>(), log);
        return (monitor, log, meters);
    }

    private static Task<DaemonHealth> ObserveUntilAsync(DaemonMonitor monitor, Func<DaemonHealth, bool> condition) =>
        Eventually.ReachesAsync(() => monitor.ObserveAsync(CancellationToken.None), condition, "the monitor seeing the expected state", Limit);

    private static Task<HealthCheckResult> CheckAsync(DaemonMonitor monitor)
    {
        var check = new DaemonHealthCheck(monitor);
        var registration = new HealthCheckRegistration("event-daemon", check, HealthStatus.Unhealthy, null);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    private sealed class ListLogger : ILogger<DaemonMonitor>
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }

    /// <summary>Reads the monitor's observable gauges the way an exporter does.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentDictionary<string, double> values = new();

        /// <param name="factory">This test's meters only: monitors of other tests in the process publish the same names.</param>
        public GaugeReader(string meterName, IMeterFactory factory)
        {
            listener.InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, factory)) meterListener.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
            listener.Start();
        }

        public double Read(string name)
        {
            listener.RecordObservableInstruments();
            return values.TryGetValue(name, out var value) ? value : double.NaN;
        }

        public void Dispose() => listener.Dispose();
    }
}
