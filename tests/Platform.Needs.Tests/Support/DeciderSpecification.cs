using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Needs.Needs;

namespace Platform.Needs.Tests.Support;

/// <summary>
/// Given events / When command / Then events, for a pure decider: the given events are folded through Evolve into
/// the state, the command is decided against it with a fixed <see cref="DecisionContext"/>, and the outcome is
/// compared with what the test expects.
/// </summary>
public sealed class DeciderSpecification<TState>(
    Func<object, TState, DecisionContext, object[]> decide,
    Func<TState, object, TState> evolve,
    TState initialState)
{
    public TState Fold(IEnumerable<object> events) => events.Aggregate(initialState, evolve);

    public object[] Decide(object command, TState state, DecisionContext context) => decide(command, state, context);

    public WhenStage Given(params object[] events) => new(this, events);

    public sealed class WhenStage(DeciderSpecification<TState> specification, object[] given)
    {
        /// <param name="at">The clock of the decision; <see cref="Decisions.Now"/> unless the test is about time.</param>
        public ThenStage When(object command, DateTimeOffset? at = null) =>
            new(specification, given, () => specification.Decide(command, specification.Fold(given), Decisions.Context(at ?? Decisions.Now)));
    }

    public sealed class ThenStage(DeciderSpecification<TState> specification, object[] given, Func<object[]> decision)
    {
        public AndStage Then(params object[] expected)
        {
            var actual = decision();
            // Records compare lists by reference, so events are compared by their JSON: type and content. One string
            // for all of them, so that a failure points at the first differing character rather than a whole event.
            Assert.Equal(EventJson.DescribeAll(expected), EventJson.DescribeAll(actual));
            return new AndStage(specification.Fold(given.Concat(actual)));
        }

        public void ThenNothing() => Assert.Empty(decision().Select(EventJson.Describe));

        public TException ThenThrows<TException>() where TException : Exception => Assert.Throws<TException>(() => decision());

        /// <summary>The command is rejected as malformed, naming each of <paramref name="fields"/> among its errors.</summary>
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

internal static class EventJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Describe(object @event) => $"{@event.GetType().Name} {JsonSerializer.Serialize(@event, @event.GetType(), Options)}";

    public static string DescribeAll(IEnumerable<object> events) => string.Join("\n", events.Select(Describe));
}
