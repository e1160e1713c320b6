using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;

namespace Platform.DemoLoader.Needs;

/// <summary>
/// The history of one demo need (and of its whistle case, if it had one): the appends in the order they were decided,
/// the states they fold to, and what had to differ from the seed timeline (empty for generated cases).
/// </summary>
public sealed record DemoCase(
    string NeedId, string? CaseId, bool IsSeed, IReadOnlyList<DemoAppend> Appends, Need Need, WhistleCase? Case, IReadOnlyList<string> Notes);

/// <summary>
/// Plays a need's history through the real deciders, the way the service would have lived it: every command is decided
/// on the state folded so far, the rules that cross between a need and its case are the service's own
/// (<see cref="NeedCasePolicies"/>), and before every step the time limits that came due meanwhile fire as the timers
/// would fire them. A command the rules refuse throws, so no history the service could not have written gets out.
/// </summary>
internal sealed class CaseRecorder(string needId, NeedsCatalogue catalogue)
{
    private readonly List<DemoAppend> appends = [];
    private readonly List<string> notes = [];
    private DateTimeOffset clock = DateTimeOffset.MinValue;

    public string NeedId { get; } = needId;

    public Need Need { get; private set; } = Need.Initial;

    public WhistleCase? Case { get; private set; }

    public DemoCase Finish(bool isSeed) => new(NeedId, Case?.CaseId, isSeed, appends, Need, Case, notes);

    public void Note(string note) => notes.Add(note);

    public void OnNeed(NeedCommand command, string actor, DateTimeOffset at)
    {
        AdvanceTo(at);
        DecideNeed(command, actor, at);
    }

    public void OnCase(CaseCommand command, string actor, DateTimeOffset at)
    {
        AdvanceTo(at);
        DecideCase(command, actor, at);
    }

    /// <summary>Community staff blow the whistle: the need is escalated and the case stream opens, as the service does.</summary>
    public void BlowWhistle(string level, string whistleType, string reason, IReadOnlyList<string> triedByCommunity, string actor, DateTimeOffset at)
    {
        AdvanceTo(at);
        var blow = NeedCasePolicies.Whistle(Need, NewCaseId(), level, whistleType, reason, triedByCommunity);
        var blown = WhistleCaseDecider.Decide(blow, WhistleCase.Initial, Context(actor, at));
        DecideNeed(NeedCasePolicies.Escalation(blow), actor, at);
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
            else DecideCase((CaseCommand)limit.Command, DemoActors.Timer, at);
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
        // A micro-wish's breach is only recorded; the limit must not fire again.
        if (decided.Count == 0) throw new InvalidOperationException($"{NeedId}: the overdue need decided nothing.");
        if (NeedCasePolicies.AutomaticWhistle(decided, Need) is { } whistle)
            StartCase(WhistleCaseDecider.Decide(whistle, WhistleCase.Initial, Context(DemoActors.Timer, at)), DemoActors.Timer, at);
    }

    private IReadOnlyList<NeedEvent> DecideNeed(NeedCommand command, string actor, DateTimeOffset at)
    {
        var events = NeedDecider.Decide(command, Need, Context(actor, at));
        Need = events.Aggregate(Need, Need.Evolve);
        Record(Need.StreamId(NeedId), events, actor, at);
        return events;
    }

    private void DecideCase(CaseCommand command, string actor, DateTimeOffset at)
    {
        var current = Case ?? throw new InvalidOperationException($"{NeedId}: {command.GetType().Name} without a whistle case.");
        var events = WhistleCaseDecider.Decide(command, current, Context(actor, at));
        Case = events.Aggregate(current, WhistleCase.Evolve);
        Record(WhistleCase.StreamId(current.CaseId), events, actor, at);
        foreach (var needCommand in NeedCasePolicies.ForNeed(events, Case)) DecideNeed(needCommand, actor, at);
    }

    private void StartCase(IReadOnlyList<CaseEvent> blown, string actor, DateTimeOffset at)
    {
        Case = blown.Aggregate(WhistleCase.Initial, WhistleCase.Evolve);
        Record(WhistleCase.StreamId(Case.CaseId), blown, actor, at);
    }

    /// <summary>One case per need: it is named after the need, so the two are easy to find together.</summary>
    private string NewCaseId() =>
        Case is null ? NeedId : throw new InvalidOperationException($"{NeedId}: a need of the demo data is escalated once at most.");

    private void Record<TEvent>(string streamId, IReadOnlyList<TEvent> events, string actor, DateTimeOffset at) where TEvent : notnull
    {
        if (events.Count > 0) appends.Add(new DemoAppend(streamId, [.. events.Cast<object>()], actor, at.ToUniversalTime()));
    }

    private NeedsDecisionContext Context(string actor, DateTimeOffset at) => new(actor, at.ToUniversalTime(), catalogue);
}
