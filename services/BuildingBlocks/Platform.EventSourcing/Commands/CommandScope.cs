using JasperFx.Events;
using Marten;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;

namespace Platform.EventSourcing.Commands;

/// <summary>
/// An aggregate as loaded for a decision: its state, the version it was decided on, and the stream that takes the
/// decided events. After <see cref="CommandScope.Decide{TCommand,TEvent,TState}"/> it holds the state and version
/// that follow.
/// </summary>
public sealed class Loaded<TCommand, TEvent, TState>
    where TCommand : notnull
    where TEvent : notnull
    where TState : class
{
    internal Loaded(
        Decider<TCommand, TEvent, TState> decider, IEventStream<DecidedState<TState>> stream, string id, TState state, long version,
        long? pinnedVersion, IReadOnlyList<TEvent> unseen)
    {
        Decider = decider;
        Stream = stream;
        Id = id;
        State = state;
        Version = version;
        PinnedVersion = pinnedVersion;
        Unseen = unseen;
    }

    internal Decider<TCommand, TEvent, TState> Decider { get; }
    internal IEventStream<DecidedState<TState>> Stream { get; }

    /// <summary>The version the caller decided on (If-Match), when it is older than the stream's.</summary>
    internal long? PinnedVersion { get; }

    /// <summary>The events appended after <see cref="PinnedVersion"/>, which the caller did not see.</summary>
    internal IReadOnlyList<TEvent> Unseen { get; }

    public string Id { get; }
    public TState State { get; internal set; }

    /// <summary>The stream's version: 0 while it does not exist.</summary>
    public long Version { get; internal set; }

    public bool Exists => Version > 0;
}

/// <summary>
/// One unit of work of a command: one Marten session and one transaction, in which a command is decided on one
/// aggregate, and a policy may decide what follows on others (a whistle escalates its need). Every stream is loaded
/// with Marten's FetchForWriting and appended at the version it was decided on, so a concurrent writer makes the
/// commit fail with a 409 instead of being overwritten.
/// </summary>
public sealed class CommandScope : IAsyncDisposable
{
    private readonly IDocumentSession session;

    internal CommandScope(IDocumentSession session, DecisionContext context)
    {
        this.session = session;
        Context = context;
    }

    public DecisionContext Context { get; }

    /// <summary>
    /// Loads an aggregate for a decision. With <paramref name="expectedVersion"/> (the caller's If-Match), a stream
    /// at any other version is a conflict carrying the current version: the caller decided on facts it no longer sees,
    /// unless the decider says that the command commutes with every event since (checked when it is decided).
    /// With <paramref name="exclusive"/>, the stream stays locked until the scope commits, so a second writer waits and
    /// then decides on what the first one wrote, instead of getting a conflict.
    /// </summary>
    public async Task<Loaded<TCommand, TEvent, TState>> LoadAsync<TCommand, TEvent, TState>(
        Decider<TCommand, TEvent, TState> decider, string id, long? expectedVersion = null, bool exclusive = false,
        CancellationToken cancellationToken = default)
        where TCommand : notnull
        where TEvent : notnull
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(decider);
        var streamId = decider.StreamId(id);
        IEventStream<DecidedState<TState>> stream;
        try
        {
            stream = exclusive
                ? await session.Events.FetchForExclusiveWriting<DecidedState<TState>>(streamId, cancellationToken)
                : await session.Events.FetchForWriting<DecidedState<TState>>(streamId, cancellationToken);
        }
        catch (JasperFx.Events.Projections.InvalidProjectionException unregistered)
        {
            throw new InvalidOperationException(
                $"Marten cannot fold {typeof(TState).Name}: register its decider with StoreOptions.AddDecider when configuring the store.", unregistered);
        }
        var version = stream.CurrentVersion ?? 0;
        IReadOnlyList<TEvent> unseen = [];
        if (expectedVersion is { } expected && expected != version)
        {
            if (decider.Commutes is null || expected <= 0 || expected > version || version - expected > MostUnseenEvents)
                throw new StreamVersionConflictException(streamId, expected, version);
            var since = await session.Events.FetchStreamAsync(streamId, version, fromVersion: expected + 1, token: cancellationToken);
            unseen = [.. since.Select(@event => (TEvent)@event.Data)];
        }
        return new Loaded<TCommand, TEvent, TState>(
            decider, stream, id, stream.Aggregate?.State ?? decider.Initial, version, unseen.Count > 0 ? expectedVersion : null, unseen);
    }

    /// <summary>A caller this far behind decides on a picture too old to trust, whatever the events were.</summary>
    private const int MostUnseenEvents = 20;

    /// <summary>Decides the command on the loaded state and queues the events; returns them (none: nothing changes).</summary>
    public IReadOnlyList<TEvent> Decide<TCommand, TEvent, TState>(Loaded<TCommand, TEvent, TState> loaded, TCommand command)
        where TCommand : notnull
        where TEvent : notnull
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (loaded.PinnedVersion is { } pinned && !loaded.Unseen.All(unseen => loaded.Decider.Commutes!(command, unseen)))
            throw new StreamVersionConflictException(loaded.Decider.StreamId(loaded.Id), pinned, loaded.Version);
        var events = loaded.Decider.Decide(command, loaded.State, Context);
        if (events.Count == 0) return events;
        loaded.Stream.AppendMany(events.Cast<object>());
        loaded.State = loaded.Decider.Fold(events, loaded.State);
        loaded.Version += events.Count;
        return events;
    }

    /// <summary>Commits everything decided in the scope, or nothing: a version conflict or an existing stream is a 409.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => session.SaveChangesOrConflictAsync(cancellationToken);

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
