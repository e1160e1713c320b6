using Marten;
using Npgsql;
using Platform.EventSourcing.Audit;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using SessionOptions = Marten.Services.SessionOptions;

namespace Platform.EventSourcing.Commands;

/// <summary>What a command left behind: the aggregate's id, its state and the version an If-Match must name next.</summary>
public sealed record Decided<TState>(string Id, TState State, long Version);

/// <summary>
/// Runs commands against deciders: load, let the caller authorize on what it loaded, decide, append at the version
/// decided on, commit. Handlers only say which aggregate and which command; policies across aggregates open a
/// <see cref="CommandScope"/> and decide on each in the same transaction.
/// </summary>
public sealed class CommandRunner(IDocumentStore store, TimeProvider clock)
{
    /// <summary>
    /// A unit of work for <paramref name="origin"/>'s district whose events carry its actor, correlation and cause;
    /// inside <paramref name="transaction"/> when given (a timer's or a consumer's), so that it commits with that work.
    /// </summary>
    public CommandScope Begin(CommandOrigin origin, NpgsqlTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var options = transaction is null ? new SessionOptions() : SessionOptions.ForTransaction(transaction);
        options.TenantId = origin.TenantId;
        var session = store.LightweightSession(options);
        session.CorrelationId = origin.CorrelationId;
        session.CausationId = origin.CausationId;
        session.LastModifiedBy = origin.Actor;
        session.NameActor(origin.ActorName);
        return new CommandScope(session, new DecisionContext(origin.Actor, clock.GetUtcNow()));
    }

    /// <summary>
    /// Runs <paramref name="decide"/> in a unit of work and commits what it decided. When another writer committed to
    /// the same stream between the load and the commit, the work runs once more on what that writer left: it decides
    /// again on the new state (and, with an If-Match, only if the command commutes with what was added), so two
    /// departments signing one case at the same moment both succeed. A second lost race is the caller's 409.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(CommandOrigin origin, Func<CommandScope, Task<T>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = Begin(origin);
            var result = await decide(scope);
            try
            {
                await scope.CommitAsync(cancellationToken);
                return result;
            }
            catch (StreamVersionConflictException) when (attempt == 1)
            {
            }
        }
    }

    /// <summary>
    /// A command on one existing aggregate. <paramref name="authorize"/> sees the state before anything is decided
    /// and throws to refuse; a missing aggregate is <paramref name="notFound"/>'s message as a 404.
    /// </summary>
    public Task<Decided<TState>> RunAsync<TCommand, TEvent, TState>(
        CommandOrigin origin, Decider<TCommand, TEvent, TState> decider, string id, TCommand command, long? expectedVersion,
        Action<TState> authorize, string notFound, CancellationToken cancellationToken)
        where TCommand : notnull
        where TEvent : notnull
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(authorize);
        return ExecuteAsync(origin, async scope =>
        {
            var loaded = await scope.LoadAsync(decider, id, expectedVersion, cancellationToken: cancellationToken);
            if (!loaded.Exists) throw new NotFoundException(notFound);
            authorize(loaded.State);
            scope.Decide(loaded, command);
            return new Decided<TState>(id, loaded.State, loaded.Version);
        }, cancellationToken);
    }

    /// <summary>A command that starts an aggregate; an existing stream of that id is a 409.</summary>
    public async Task<Decided<TState>> StartAsync<TCommand, TEvent, TState>(
        CommandOrigin origin, Decider<TCommand, TEvent, TState> decider, string id, TCommand command, CancellationToken cancellationToken)
        where TCommand : notnull
        where TEvent : notnull
        where TState : class
    {
        await using var scope = Begin(origin);
        var loaded = await scope.LoadAsync(decider, id, cancellationToken: cancellationToken);
        if (loaded.Exists) throw new StreamAlreadyExistsException(decider.StreamId(id));
        scope.Decide(loaded, command);
        await scope.CommitAsync(cancellationToken);
        return new Decided<TState>(id, loaded.State, loaded.Version);
    }
}
