using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NpgsqlTypes;

namespace Platform.EventStore;

/// <summary>
/// Feeds the log to every registered <see cref="IEventSubscription"/> (async projections, the outbox relay), each in
/// (transaction id, sequence) order and only below <c>pg_snapshot_xmin(pg_current_snapshot())</c>: a transaction that
/// commits late is waited for, never skipped, and a rolled-back one leaves a hole nobody waits for. Each subscription
/// runs on exactly one instance: the holder of its advisory lock. As a hosted service it polls; tests call
/// <see cref="CatchUpAsync"/> instead.
/// </summary>
public sealed class ProjectionDaemon : BackgroundService, IAsyncDisposable
{
    public const string MeterName = "Platform.EventStore";

    private readonly EventStoreClient store;
    private readonly IReadOnlyList<SubscriptionRunner> runners;
    private readonly DaemonMetrics metrics;
    private readonly ILogger logger;
    private bool disposed;

    public ProjectionDaemon(EventStoreClient store, IEnumerable<SubscriptionRegistration> subscriptions, ILogger<ProjectionDaemon>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(subscriptions);
        this.store = store;
        this.logger = logger ?? NullLogger<ProjectionDaemon>.Instance;
        var registrations = subscriptions.ToList();
        foreach (var registration in registrations)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(registration.Subscription.Name, nameof(subscriptions));
            registration.Options.Validate(registration.Subscription.Name);
        }
        var duplicate = registrations.GroupBy(registration => registration.Subscription.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two subscriptions are named '{duplicate.Key}'.", nameof(subscriptions));

        metrics = new DaemonMetrics(() => runners!.Select(runner => (runner.Name, runner.Lag)));
        runners = registrations.Select(registration => new SubscriptionRunner(store, registration, metrics, this.logger)).ToList();
    }

    public IReadOnlyList<string> Subscriptions => runners.Select(runner => runner.Name).ToList();

    /// <summary>
    /// One pass over every subscription: take the lead of those nobody runs, and handle everything below the fence
    /// for those this instance leads. Returns when each is caught up (or stopped, or led elsewhere).
    /// </summary>
    public async Task<IReadOnlyList<SubscriptionCatchUp>> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return await Task.WhenAll(runners.Select(runner => runner.CatchUpAsync(cancellationToken)));
    }

    /// <summary>Asks whichever instance leads <paramref name="subscription"/> to reset it and replay the log from the start
    /// on its next pass; the service keeps serving meanwhile.</summary>
    public async Task RequestRebuildAsync(string subscription, CancellationToken cancellationToken = default)
    {
        if (Find(subscription).Subscription is not IRebuildableSubscription)
            throw new InvalidOperationException($"Subscription '{subscription}' does not implement {nameof(IRebuildableSubscription)}, so it cannot be rebuilt.");
        await ExecuteAsync(store.Sql.RequestRebuild, subscription, cancellationToken);
    }

    /// <summary>Restarts a subscription stopped on a poison event: it retries that event first (its dead letter stays).</summary>
    public Task ResumeAsync(string subscription, CancellationToken cancellationToken = default)
    {
        Find(subscription);
        return ExecuteAsync(store.Sql.ResumeSubscription, subscription, cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(runners.Select(runner => RunAsync(runner, stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var runner in runners) await runner.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        foreach (var runner in runners) await runner.DisposeAsync();
        metrics.Dispose();
        base.Dispose();
    }

    public override void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync(SubscriptionRunner runner, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.CatchUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be restarting; the next pass starts over from the stored progress.
                logger.LogError(exception, "Subscription {Subscription} failed a catch-up pass.", runner.Name);
            }
            try
            {
                await Task.Delay(store.Options.DaemonPollingInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private SubscriptionRunner Find(string subscription) =>
        runners.FirstOrDefault(runner => runner.Name == subscription)
        ?? throw new ArgumentException($"No subscription named '{subscription}' is registered with this daemon.", nameof(subscription));

    private async Task ExecuteAsync(string sql, string subscription, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        command.Parameters.Add(EventStoreClient.Parameter(subscription, NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
