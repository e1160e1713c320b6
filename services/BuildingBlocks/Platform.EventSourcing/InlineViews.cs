using JasperFx.Events;
using Platform.Kernel.Errors;

namespace Platform.EventSourcing;

/// <summary>What every inline projection that keeps a view per stream must check before it applies new events.</summary>
public static class InlineViews
{
    /// <summary>
    /// Quick append numbers events in the database; Marten numbers them here from the expected version the writer
    /// gave (every command appends with one). The view is read before the append reaches the database, so a writer
    /// that lost a race sees the winner's view already at the versions it numbered its own events with: that is the
    /// same conflict the append would meet, and is raised as one (the command runner decides again on the new state).
    /// A gap means an append numbered without an expected version (from 1, over a stream's tail) or a view that missed
    /// events; that is refused, and rolls back.
    /// </summary>
    public static void EnsureFollows(string streamId, long viewVersion, IReadOnlyList<IEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return;
        var first = events[0].Version;
        if (first <= viewVersion && first > 1) throw new StreamVersionConflictException(streamId, first - 1, viewVersion);
        if (first != viewVersion + 1)
            throw new InvalidOperationException(
                $"Stream {streamId} is at version {viewVersion} but its new events are numbered from {first}; append with an expected version.");
    }
}
