using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Platform.Kernel.Deciding;

namespace Platform.EventSourcing.Commands;

/// <summary>
/// A decider's state as Marten folds it. The wrapper gives Marten the id it requires of every aggregate, and keeps
/// Marten's method conventions away from the domain's state type, whose static Evolve it would otherwise take for one.
/// </summary>
public sealed class DecidedState<TState> where TState : class
{
    public string Id { get; set; } = "";

    public TState? State { get; set; }
}

/// <summary>
/// Lets Marten fold a decider's state itself (FetchForWriting, FetchLatest) with the decider's own Evolve, so that
/// the fold a command is decided on and the one the tests check are the same function.
/// </summary>
internal sealed class DeciderAggregation<TState, TEvent>(TState initial, Func<TState, TEvent, TState> evolve)
    : SingleStreamProjection<DecidedState<TState>, string>
    where TState : class
    where TEvent : notnull
{
    public override DecidedState<TState>? Evolve(DecidedState<TState>? snapshot, string id, IEvent e)
    {
        if (e.Data is not TEvent @event) return snapshot;
        snapshot ??= new DecidedState<TState> { Id = id };
        snapshot.State = evolve(snapshot.State ?? initial, @event);
        return snapshot;
    }
}

public static class DeciderAggregationRegistration
{
    /// <summary>
    /// Registers the decider's state as a live aggregation: built from the stream on every load and never stored,
    /// so a change to Evolve needs no rebuild and the state can never lag behind its stream.
    /// </summary>
    public static StoreOptions AddDecider<TCommand, TEvent, TState>(this StoreOptions options, Decider<TCommand, TEvent, TState> decider)
        where TCommand : notnull
        where TEvent : notnull
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(decider);
        options.Projections.Add(new DeciderAggregation<TState, TEvent>(decider.Initial, decider.Evolve), ProjectionLifecycle.Live);
        return options;
    }
}
