using System.Diagnostics.Metrics;

namespace Platform.EventStore;

/// <summary>The daemon's instruments on the "Platform.EventStore" meter (one meter per daemon, disposed with it).</summary>
internal sealed class DaemonMetrics : IDisposable
{
    private readonly Meter meter = new(ProjectionDaemon.MeterName);
    private readonly Counter<long> eventsProcessed;
    private readonly Counter<long> deadLetters;

    public DaemonMetrics(Func<IEnumerable<(string Subscription, long Lag)>> lags)
    {
        eventsProcessed = meter.CreateCounter<long>("platform.eventstore.events_processed", "{event}", "Events handled by subscriptions.");
        deadLetters = meter.CreateCounter<long>("platform.eventstore.dead_letters", "{event}", "Poison events recorded as dead letters.");
        meter.CreateObservableGauge(
            "platform.eventstore.subscription.lag",
            () => lags().Select(lag => new Measurement<long>(lag.Lag, new KeyValuePair<string, object?>("subscription", lag.Subscription))),
            "{event}",
            "Approximate events a subscription led by this instance has yet to handle.");
    }

    public void EventsProcessed(string subscription, int count) =>
        eventsProcessed.Add(count, new KeyValuePair<string, object?>("subscription", subscription));

    public void DeadLettered(string subscription, bool skipped) =>
        deadLetters.Add(1, new KeyValuePair<string, object?>("subscription", subscription), new KeyValuePair<string, object?>("skipped", skipped));

    public void Dispose() => meter.Dispose();
}
