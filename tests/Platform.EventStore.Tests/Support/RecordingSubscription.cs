using Npgsql;

namespace Platform.EventStore.Tests.Support;

/// <summary>Remembers what the daemon fed it; for tests about what is fed, not about what a projection writes.</summary>
public sealed class RecordingSubscription(string name) : IEventSubscription
{
    private readonly List<StoredEvent> handled = [];

    public string Name => name;

    public IReadOnlyList<StoredEvent> Handled
    {
        get
        {
            lock (handled) return handled.ToList();
        }
    }

    public Task HandleAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        lock (handled) handled.AddRange(events);
        return Task.CompletedTask;
    }
}
