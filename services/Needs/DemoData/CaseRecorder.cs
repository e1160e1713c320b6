using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.Needs;

namespace Platform.Needs.DemoData;

/// <summary>One append the loader writes: the events one actor's decision added to one stream, at one business time.</summary>
public sealed record DemoAppend(string StreamId, IReadOnlyList<object> Events, string Actor, DateTimeOffset At);

/// <summary>
/// The history of one demo need (and of its whistle case, if it had one): the appends in the order they were decided,
/// the states they fold to, and what had to differ from the seed timeline (empty for generated cases).
/// </summary>
public sealed record DemoCase(
    string NeedId, string? CaseId, bool IsSeed, IReadOnlyList<DemoAppend> Appends, Need Need, WhistleCase? Case, IReadOnlyList<string> Notes);

/// <summary>
/// Plays a need's history through the real deciders, the way the service would have lived it: every command is decided
/// on the state folded so far, the cross-aggregate consequences the application layer applies are applied here too
/// (a whistle escalates its need, a passed check resolves it, the callback is its feedback, closing or reopening the
/// case closes or returns it), and before every step the time limits that came due meanwhile fire as the timers
/// would fire them. A command the rules refuse throws, so no history the service could not have written gets out.
/// </summary>
internal sealed class CaseRecorder(string needId, NeedsCatalogue catalogue)
{
    private readonly List<DemoAppend> appends = [];
    private readonly List<string> notes = [];
    private string? lastResult;
    private DateTimeOffset clock = DateTimeOffset.MinValue;

    public string NeedId { get; } = needId;

    public Need Need { get; private set; } = Need.Initial;

    public WhistleCase? Case { get; private set; }

    public DemoCase Finish(bool isSeed) => new(NeedId, Case?.CaseId, isSeed, appends, Need, Case, notes);

    public void Note(string note) => notes.Add(note);

    public void OnNeed(object command, string actor, DateTimeOffset at)
    {
        AdvanceTo(at);
        DecideNeed(command, actor, at);
    }

    public void OnCase(object command, string actor, DateTimeOffset at)
    {
        AdvanceTo(at);
        DecideCase(command, actor, at);
    }

    /// <summary>Community staff blow the whistle: the need is escalated and the case stream opens, as the service does.</summary>
    public void BlowWhistle(string level, string whistleType, string reason, IReadOnlyList<string> triedByCommunity, string actor, DateTimeOffset at)
    {
        AdvanceTo(at);
        var caseId = NewCaseId();
        var blow = new BlowWhistle(caseId, NeedId, Need.Title, Need.Category, Need.Urgency, Need.Place!, level, whistleType, reason, triedByCommunity, Automatic: false);
        var blown = WhistleCaseDecider.Decide(blow, WhistleCase.Initial, Context(actor, at));
        DecideNeed(new EscalateNeed(caseId, level, Automatic: false), actor, at);
        StartCase(blown, actor, at);
    }

    /// <summary>Fires, in order of their due times, every time limit that came due up to <paramref name="until"/>.</summary>
    public void AdvanceTo(DateTimeOffset until)
    {
        if (until < clock) throw new InvalidOperationException($"{NeedId}: a step at {until:O} comes after one at {clock:O}.");
        while (NextDueLimit(until) is { } limit)
        {
            var at = limit.DueAt < clock ? clock : limit.DueAt;
            if (limit.Command is MarkNeedOverdue overdue) NeedOverdue(overdue, at);
            else DecideCase(limit.Command, DemoActors.Timer, at);
        }
        clock = until;
    }

    private (DateTimeOffset DueAt, object Command)? NextDueLimit(DateTimeOffset until)
    {
        var due = new List<(DateTimeOffset DueAt, object Command)>();
        if (Need.Status is NeedStatus.Accepted or NeedStatus.InCommunityHandling && !Need.OverdueInRound && Need.HandleBy is { } handleBy && handleBy <= until)
            due.Add((handleBy, new MarkNeedOverdue(Need.Round, handleBy, NeedId)));
        if (Case is { IsWorking: true } working)
        {
            foreach (var departmentId in working.DepartmentIds.Where(id => !working.SignedDepartmentIds.Contains(id)))
            {
                if (working.SignDeadlineOf(departmentId) is { } signBy && signBy <= until
                    && !working.BreachedDeadlines.Contains(WhistleCase.SignDeadlineKey(departmentId, working.Round)))
                    due.Add((signBy, new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, departmentId, working.Round, signBy)));
            }
            if (working.HandleBy is { } caseHandleBy && caseHandleBy <= until && !working.BreachedDeadlines.Contains(WhistleCase.HandleDeadlineKey(working.Round)))
                due.Add((caseHandleBy, new MarkCaseOverdue(WhistleCaseDecider.HandleDeadline, null, working.Round, caseHandleBy)));
        }
        return due.Count == 0 ? null : due.MinBy(limit => limit.DueAt);
    }

    /// <summary>The community's own limit passed: the need is escalated by an automatic whistle to the street, which
    /// opens a case stream as the service's timer does.</summary>
    private void NeedOverdue(MarkNeedOverdue command, DateTimeOffset at)
    {
        if (Case is not null) throw new InvalidOperationException($"{NeedId}: a need of the demo data is escalated once at most.");
        var decided = DecideNeed(command, DemoActors.Timer, at);
        if (Need.Status != NeedStatus.Escalated || Need.CaseId != command.NewCaseId)
        {
            // A micro-wish's breach is only recorded; the limit must not fire again.
            if (decided.Length == 0) throw new InvalidOperationException($"{NeedId}: the overdue need decided nothing.");
            return;
        }
        var reason = $"社区办理超时（时限 {command.DueAt.ToOffset(NeedsDemoData.DistrictOffset):yyyy-MM-dd HH:mm}），自动吹哨至街道。";
        var blow = new BlowWhistle(command.NewCaseId, NeedId, Need.Title, Need.Category, Need.Urgency, Need.Place!, WhistleLevels.Street, "key", reason, [], Automatic: true);
        StartCase(WhistleCaseDecider.Decide(blow, WhistleCase.Initial, Context(DemoActors.Timer, at)), DemoActors.Timer, at);
    }

    private object[] DecideNeed(object command, string actor, DateTimeOffset at)
    {
        var events = NeedDecider.Decide(command, Need, Context(actor, at));
        Need = events.Aggregate(Need, Need.Evolve);
        Record(Need.StreamId(NeedId), events, actor, at);
        return events;
    }

    private void DecideCase(object command, string actor, DateTimeOffset at)
    {
        var current = Case ?? throw new InvalidOperationException($"{NeedId}: {command.GetType().Name} without a whistle case.");
        var events = WhistleCaseDecider.Decide(command, current, Context(actor, at));
        foreach (var @event in events)
        {
            current = WhistleCase.Evolve(current, @event);
            if (@event is CaseReported reported) lastResult = reported.Result;
        }
        Case = current;
        Record(WhistleCase.StreamId(current.CaseId), events, actor, at);

        // What the service's command handler does to the need when the case moves (NeedsCommands.DecideOnCaseAsync).
        var needCommand = command switch
        {
            VerifyCase { Passed: true } => new ResolveNeed(lastResult ?? "部门已办结，社区现场核实通过。", ResolutionSources.WhistleCase),
            RecordCallback callback => new RecordFeedback(callback.Resolved, callback.Satisfied, callback.Comment),
            CloseCase => new CloseNeed(),
            ReopenCase reopen => new ReturnNeedToCase(current.CaseId, reopen.Reason ?? ""),
            _ => (object?)null,
        };
        if (needCommand is not null) DecideNeed(needCommand, actor, at);
    }

    private void StartCase(object[] blown, string actor, DateTimeOffset at)
    {
        Case = blown.Aggregate(WhistleCase.Initial, WhistleCase.Evolve);
        Record(WhistleCase.StreamId(Case.CaseId), blown, actor, at);
    }

    /// <summary>One case per need: it is named after the need, so the two are easy to find together.</summary>
    private string NewCaseId() =>
        Case is null ? NeedId : throw new InvalidOperationException($"{NeedId}: a need of the demo data is escalated once at most.");

    private void Record(string streamId, object[] events, string actor, DateTimeOffset at)
    {
        if (events.Length > 0) appends.Add(new DemoAppend(streamId, events, actor, at.ToUniversalTime()));
    }

    private DecisionContext Context(string actor, DateTimeOffset at) => new(actor, at.ToUniversalTime(), catalogue);
}
