using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// Given events / When command / Then events, for any service's decider: the given events are folded through its
/// Evolve, the command is decided on that state by <see cref="Actor"/> at a fixed time, and the outcome is compared
/// with what the test expects.
/// </summary>
public sealed class DeciderSpecification<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, string actor, DateTimeOffset now)
    where TCommand : notnull
    where TEvent : notnull
    where TState : class
{
    public Decider<TCommand, TEvent, TState> Decider { get; } = decider;

    public string Actor { get; } = actor;

    /// <summary>The clock of every decision unless a test names another.</summary>
    public DateTimeOffset Now { get; } = now;

    public WhenStage Given(params IReadOnlyList<TEvent> events) => new(this, events);

    public sealed class WhenStage(DeciderSpecification<TCommand, TEvent, TState> specification, IReadOnlyList<TEvent> given)
    {
        /// <param name="at">The clock of the decision, when the test is about time.</param>
        public ThenStage When(TCommand command, DateTimeOffset? at = null) =>
            new(specification, given, () => specification.Decider.Decide(
                command, specification.Decider.Fold(given), new DecisionContext(specification.Actor, at ?? specification.Now)));
    }

    public sealed class ThenStage(DeciderSpecification<TCommand, TEvent, TState> specification, IReadOnlyList<TEvent> given, Func<IReadOnlyList<TEvent>> decision)
    {
        public AndStage Then(params TEvent[] expected)
        {
            var actual = decision();
            // Records compare lists by reference, so events are compared by their JSON: type and content. One string
            // for all of them, so that a failure points at the first differing character rather than a whole event.
            Assert.Equal(EventJson.DescribeAll(expected), EventJson.DescribeAll(actual));
            return new AndStage(specification.Decider.Fold(given.Concat(actual)));
        }

        public void ThenNothing() => Assert.Empty(decision().Select(@event => EventJson.Describe(@event)));

        public TException ThenThrows<TException>() where TException : Exception => Assert.Throws<TException>(() => decision());

        /// <summary>The command is refused as malformed, naming each of <paramref name="fields"/> among its errors.</summary>
        public InvalidCommandException ThenInvalid(params string[] fields)
        {
            var exception = ThenThrows<InvalidCommandException>();
            foreach (var field in fields) Assert.Contains(field, exception.Errors.Keys);
            return exception;
        }
    }

    /// <summary>The state after the given and the decided events, for rules that show in the state only.</summary>
    public sealed class AndStage(TState state)
    {
        public void AndState(Action<TState> assert) => assert(state);
    }
}

/// <summary>Events as their type and JSON, so that an assertion shows what differs.</summary>
public static class EventJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Describe(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return $"{@event.GetType().Name} {JsonSerializer.Serialize(@event, @event.GetType(), Options)}";
    }

    public static string DescribeAll<TEvent>(IEnumerable<TEvent> events) where TEvent : notnull => string.Join("\n", events.Select(@event => Describe(@event)));
}
