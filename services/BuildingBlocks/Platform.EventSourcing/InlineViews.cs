using System.Text.Json;
using JasperFx.Events;
using Marten;
using Platform.Kernel.Errors;

namespace Platform.EventSourcing;

/// <summary>A view kept per stream, at the version of the last event it applied.</summary>
public interface IStreamView
{
    long Version { get; }
}

/// <summary>What every inline projection that keeps a view per stream must check before it applies new events.</summary>
public static class InlineViews
{
    /// <summary>
    /// The stream's view as the previous decision left it, checked to be the one <paramref name="events"/> follow
    /// (<see cref="EnsureFollows"/>): the one call a per-stream projection starts with, so none can forget the check.
    /// </summary>
    public static async Task<TView> LoadFollowingAsync<TView>(
        IDocumentOperations operations, string table, string idColumn, string tenantId, string id, string streamId, IReadOnlyList<IEvent> events,
        JsonSerializerOptions json, CancellationToken cancellationToken) where TView : IStreamView, new()
    {
        var view = await LoadAsync<TView>(operations, table, idColumn, tenantId, id, json, cancellationToken);
        EnsureFollows(streamId, view.Version, events);
        return view;
    }

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

    /// <summary>
    /// The view as the previous decision left it (a new one when there is none), read in the projection's own session.
    /// The stream's expected version guards it: a writer that read an older view fails its append and rolls back with
    /// everything written from it.
    /// </summary>
    /// <param name="table">Schema-qualified, with <c>tenant_id</c>, the id column and a <c>view</c> jsonb column.</param>
    public static async Task<TView> LoadAsync<TView>(
        IDocumentOperations operations, string table, string idColumn, string tenantId, string id, JsonSerializerOptions json,
        CancellationToken cancellationToken) where TView : new()
    {
        ArgumentNullException.ThrowIfNull(operations);
        var found = await operations.AdvancedSql.QueryAsync<string>(
            $"SELECT view::text FROM {table} WHERE tenant_id = ? AND {idColumn} = ?", cancellationToken, tenantId, id);
        return found.Count == 0 ? new TView() : JsonSerializer.Deserialize<TView>(found[0], json)!;
    }

    /// <summary>The events of one append, stream by stream (in the order each stream's events came).</summary>
    public static IEnumerable<(string TenantId, string StreamId, IReadOnlyList<IEvent> Events)> ByStream(IReadOnlyList<IEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var stream in events.Where(stored => stored.StreamKey is not null).GroupBy(stored => (stored.TenantId, StreamKey: stored.StreamKey!)))
            yield return (stream.Key.TenantId, stream.Key.StreamKey, [.. stream]);
    }
}
