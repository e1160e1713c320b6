namespace Platform.Kernel.Deciding;

/// <summary>Who decides and when. Every decision is a pure function, so the actor and the clock come in as values.</summary>
public sealed record DecisionContext(string Actor, DateTimeOffset Now);

/// <summary>
/// An aggregate as three pure functions over closed sets of commands and events: the state before anything happened,
/// how an event changes the state, and which events a command leads to in a state (or which domain error refuses it).
/// The store, the runner and the tests all go through these, so a rule lives in exactly one place.
/// </summary>
/// <param name="StreamId">The stream that holds the aggregate of a given id (for example "need-N20261205-…").</param>
public sealed record Decider<TCommand, TEvent, TState>(
    TState Initial,
    Func<TState, TEvent, TState> Evolve,
    Func<TCommand, TState, DecisionContext, IReadOnlyList<TEvent>> Decide,
    Func<string, string> StreamId)
    where TCommand : notnull
    where TEvent : notnull
    where TState : class
{
    /// <summary>
    /// Whether a command still holds after an event it did not see: a command decided on a version that has since
    /// moved on (the caller's If-Match) goes ahead when every event appended since commutes with it, as two
    /// departments signing the same case do. Without it, any later event makes the caller's version stale.
    /// </summary>
    public Func<TCommand, TEvent, bool>? Commutes { get; init; }

    /// <summary>The state after <paramref name="events"/>, from <paramref name="state"/> (the initial state when none).</summary>
    public TState Fold(IEnumerable<TEvent> events, TState? state = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var folded = state ?? Initial;
        foreach (var @event in events) folded = Evolve(folded, @event);
        return folded;
    }
}
