using Platform.Kernel.Deciding;

namespace Platform.DemoLoader.Resources;

/// <summary>
/// One record's history, played through its real decider as the service would have lived it: each command is
/// decided on the state folded so far, at the moment given. A command the rules refuse throws, so no history the
/// service could not have written gets out.
/// </summary>
internal sealed class DemoStream<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, string id)
    where TCommand : notnull
    where TEvent : notnull
    where TState : class
{
    private readonly List<DemoAppend> appends = [];

    public TState State { get; private set; } = decider.Initial;

    public IReadOnlyList<DemoAppend> Appends => appends;

    public string Id => id;

    public IReadOnlyList<TEvent> Run(TCommand command, string actor, DateTimeOffset at)
    {
        var events = decider.Decide(command, State, new DecisionContext(actor, at));
        State = events.Aggregate(State, decider.Evolve);
        if (events.Count > 0) appends.Add(new DemoAppend(decider.StreamId(id), [.. events.Cast<object>()], actor, at));
        return events;
    }
}
