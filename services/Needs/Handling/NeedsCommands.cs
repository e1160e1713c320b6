using JasperFx.Events;
using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;
using Platform.EventSourcing;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.Needs;

namespace Platform.Needs.Handling;

/// <summary>Who asks, for which district, and what travels with the resulting events (correlation, causation, actor).</summary>
public sealed record CommandOrigin(string TenantId, string Actor, string? CorrelationId, string? CausationId = null);

public sealed record CommandOutcome(string Id, string Status, long Version);

/// <summary>
/// Runs commands: loads the aggregates, asks their deciders, appends what they decide with the version they decided on
/// (so a concurrent change is a 409, never a lost update), and applies the cross-aggregate consequences — a whistle
/// escalates its need, a verified case resolves it, the callback is the need's feedback — in the same transaction.
/// </summary>
public sealed class NeedsCommands(IDocumentStore store, NeedsCatalogue catalogue, TimeProvider clock)
{
    public const string TimerActor = "system:timer";

    /// <summary>A session of the origin's district whose events carry its actor, correlation and cause; inside
    /// <paramref name="transaction"/> when given (a timer's or a consumer's), so that it commits with that work.</summary>
    private IDocumentSession OpenSession(CommandOrigin origin, NpgsqlTransaction? transaction = null)
    {
        var options = transaction is null ? new SessionOptions() : SessionOptions.ForTransaction(transaction);
        options.TenantId = origin.TenantId;
        var session = store.LightweightSession(options);
        session.CorrelationId = origin.CorrelationId;
        session.CausationId = origin.CausationId;
        session.LastModifiedBy = origin.Actor;
        return session;
    }

    private DecisionContext Context(CommandOrigin origin) => new(origin.Actor, clock.GetUtcNow(), catalogue);

    public static string NewId(string prefix, DateTimeOffset now) =>
        $"{prefix}{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}-{Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 6)}";

    public async Task<CommandOutcome> RaiseAsync(CommandOrigin origin, RaiseNeed command, CancellationToken cancellationToken)
    {
        await using var session = OpenSession(origin);
        var events = NeedDecider.Decide(command, Need.Initial, Context(origin));
        session.Events.StartStream(Need.StreamId(command.NeedId), events);
        await SaveAsync(session, cancellationToken);
        return new CommandOutcome(command.NeedId, NeedStatus.Raised.Code(), events.Length);
    }

    /// <summary>A command on one need. <paramref name="authorize"/> sees the need before anything is decided.</summary>
    public async Task<CommandOutcome> OnNeedAsync(
        CommandOrigin origin, string needId, object command, long? expectedVersion, Action<Need> authorize, CancellationToken cancellationToken)
    {
        await using var session = OpenSession(origin);
        var need = await LoadNeedAsync(session, needId, expectedVersion, cancellationToken);
        authorize(need.State);
        var state = Decide(session, need, command, NeedDecider.Decide, Need.Evolve, Context(origin));
        await SaveAsync(session, cancellationToken);
        return new CommandOutcome(needId, state.State.Status.Code(), state.Version);
    }

    /// <summary>Community staff blow the whistle: the need is escalated and a case stream opens, in one transaction.</summary>
    public async Task<CommandOutcome> BlowWhistleAsync(
        CommandOrigin origin, string needId, long? expectedVersion, string? level, string? whistleType, string? reason,
        IReadOnlyList<string>? triedByCommunity, Action<Need> authorize, CancellationToken cancellationToken)
    {
        await using var session = OpenSession(origin);
        var need = await LoadNeedAsync(session, needId, expectedVersion, cancellationToken);
        authorize(need.State);
        var context = Context(origin);
        var caseId = NewId("C", context.Now);
        var blow = new BlowWhistle(caseId, needId, need.Raised!.Title, need.State.Category, need.State.Urgency, need.State.Place!, level, whistleType, reason,
            triedByCommunity, Automatic: false);
        // The case is decided first: a malformed whistle is a 400 about the whistle, not a rule about the need.
        var blown = WhistleCaseDecider.Decide(blow, WhistleCase.Initial, context);
        Decide(session, need, new EscalateNeed(caseId, level!, Automatic: false), NeedDecider.Decide, Need.Evolve, context);
        session.Events.StartStream(WhistleCase.StreamId(caseId), blown);
        await SaveAsync(session, cancellationToken);
        return new CommandOutcome(caseId, CaseStatus.AwaitingDispatch.Code(), blown.Length);
    }

    /// <summary>A command on one case, with what it means for the case's need.</summary>
    public async Task<CommandOutcome> OnCaseAsync(
        CommandOrigin origin, string caseId, object command, long? expectedVersion, Action<WhistleCase> authorize, CancellationToken cancellationToken)
    {
        await using var session = OpenSession(origin);
        var outcome = await DecideOnCaseAsync(session, caseId, command, expectedVersion, authorize, Context(origin), cancellationToken);
        await SaveAsync(session, cancellationToken);
        return outcome;
    }

    private async Task<CommandOutcome> DecideOnCaseAsync(
        IDocumentSession session, string caseId, object command, long? expectedVersion, Action<WhistleCase> authorize, DecisionContext context,
        CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(session, WhistleCase.StreamId(caseId), WhistleCase.Initial, WhistleCase.Evolve, expectedVersion, cancellationToken);
        if (loaded.Version == 0) throw new NotFoundException($"吹哨案件「{caseId}」不存在。");
        authorize(loaded.State);
        var decided = Decide(session, loaded, command, WhistleCaseDecider.Decide, WhistleCase.Evolve, context);

        var needCommand = command switch
        {
            VerifyCase { Passed: true } => new ResolveNeed(LastResult(loaded.Events) ?? "部门已办结，社区现场核实通过。", ResolutionSources.WhistleCase),
            RecordCallback callback => new RecordFeedback(callback.Resolved, callback.Satisfied, callback.Comment),
            CloseCase => new CloseNeed(),
            ReopenCase reopen => new ReturnNeedToCase(caseId, reopen.Reason ?? ""),
            _ => (object?)null,
        };
        if (needCommand is not null)
        {
            var need = await LoadNeedAsync(session, loaded.State.NeedId, null, cancellationToken);
            Decide(session, need, needCommand, NeedDecider.Decide, Need.Evolve, context);
        }
        return new CommandOutcome(caseId, decided.State.Status.Code(), decided.Version);
    }

    private static string? LastResult(IReadOnlyList<IEvent> events) =>
        events.Select(stored => stored.Data).OfType<CaseReported>().LastOrDefault()?.Result;

    /// <summary>
    /// A time limit came due. Runs inside the timer's transaction (which holds the timer row), so the breach, the
    /// escalation it causes and the removal of the timer commit together or not at all.
    /// </summary>
    public async Task<int> MarkOverdueAsync(
        NpgsqlTransaction transaction, string tenantId, string streamId, string kind, string? departmentId, int round, DateTimeOffset dueAt,
        CancellationToken cancellationToken)
    {
        await using var session = OpenSession(new CommandOrigin(tenantId, TimerActor, CorrelationId: null), transaction);
        var context = new DecisionContext(TimerActor, clock.GetUtcNow(), catalogue);
        if (streamId.StartsWith("case-", StringComparison.Ordinal))
        {
            var loaded = await LoadAsync(session, streamId, WhistleCase.Initial, WhistleCase.Evolve, null, cancellationToken);
            var before = loaded.Version;
            var decided = Decide(session, loaded, new MarkCaseOverdue(kind, departmentId, round, dueAt), WhistleCaseDecider.Decide, WhistleCase.Evolve, context);
            await SaveAsync(session, cancellationToken);
            return (int)(decided.Version - before);
        }

        var need = await LoadNeedAsync(session, streamId["need-".Length..], null, cancellationToken);
        var caseId = NewId("C", context.Now);
        var afterNeed = Decide(session, need, new MarkNeedOverdue(round, dueAt, caseId), NeedDecider.Decide, Need.Evolve, context);
        var appended = (int)(afterNeed.Version - need.Version);
        if (afterNeed.State.Status == NeedStatus.Escalated && afterNeed.State.CaseId == caseId)
        {
            var blown = WhistleCaseDecider.Decide(
                new BlowWhistle(caseId, need.State.NeedId, need.Raised!.Title, need.State.Category, need.State.Urgency, need.State.Place!,
                    Contracts.Needs.WhistleLevels.Street, "key", $"社区办理超时（时限 {dueAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}），自动吹哨至街道。",
                    [], Automatic: true),
                WhistleCase.Initial, context);
            session.Events.StartStream(WhistleCase.StreamId(caseId), blown);
            appended += blown.Length;
        }
        await SaveAsync(session, cancellationToken);
        return appended;
    }

    /// <summary>Runs a need command inside a consumer's transaction (the inbox row commits with it).</summary>
    public async Task OnNeedFromMessageAsync(
        NpgsqlTransaction transaction, CommandOrigin origin, string needId, object command, CancellationToken cancellationToken)
    {
        await using var session = OpenSession(origin, transaction);
        var need = await LoadNeedAsync(session, needId, null, cancellationToken);
        if (need.Version == 0) return;
        Decide(session, need, command, NeedDecider.Decide, Need.Evolve, Context(origin));
        await SaveAsync(session, cancellationToken);
    }

    internal sealed record Loaded<TState>(string StreamId, TState State, long Version, IReadOnlyList<IEvent> Events)
    {
        public NeedRaised? Raised => Events.Count > 0 ? Events[0].Data as NeedRaised : null;
    }

    private async Task<Loaded<Need>> LoadNeedAsync(IDocumentSession session, string needId, long? expectedVersion, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(session, Need.StreamId(needId), Need.Initial, Need.Evolve, expectedVersion, cancellationToken);
        if (loaded.Version == 0) throw new NotFoundException($"需求「{needId}」不存在。");
        return loaded;
    }

    private static async Task<Loaded<TState>> LoadAsync<TState>(
        IDocumentSession session, string streamId, TState initial, Func<TState, object, TState> evolve, long? expectedVersion, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: cancellationToken);
        var version = events.Count == 0 ? 0 : events[^1].Version;
        // The caller decided on what it saw at expectedVersion; deciding now on a newer state would act on facts it never saw.
        if (expectedVersion is { } expected && expected != version) throw new StreamVersionConflictException(streamId, expected, version);
        return new Loaded<TState>(streamId, events.Aggregate(initial, (state, stored) => evolve(state, stored.Data)), version, events);
    }

    /// <summary>Decides, queues the events for the stream at the version the decision was made on, and returns the new state.</summary>
    private static Loaded<TState> Decide<TState>(
        IDocumentSession session, Loaded<TState> loaded, object command, Func<object, TState, DecisionContext, object[]> decide,
        Func<TState, object, TState> evolve, DecisionContext context)
    {
        var events = decide(command, loaded.State, context);
        if (events.Length == 0) return loaded;
        // Marten's expected version is the stream's version after the append; the database refuses it if another
        // writer got there first, and NeedsViewProjection numbers the events from it.
        session.Events.Append(loaded.StreamId, loaded.Version + events.Length, events);
        return loaded with { State = events.Aggregate(loaded.State, evolve), Version = loaded.Version + events.Length };
    }

    private static Task SaveAsync(IDocumentSession session, CancellationToken cancellationToken) => session.SaveChangesOrConflictAsync(cancellationToken);
}
