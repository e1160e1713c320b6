using Platform.Contracts.Needs;
using Platform.Kernel.Time;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

/// <summary>
/// The rules that cross between a need and its whistle case, as pure functions of what was decided. The command
/// handler applies them in the transaction of the decision that caused them, and the demo recorder applies the same
/// ones, so the two cannot drift apart.
/// </summary>
public static class NeedCasePolicies
{
    private const string DefaultVerifiedResult = "部门已办结，社区现场核实通过。";

    /// <summary>Community staff blow the whistle: the need is escalated to the case that opens.</summary>
    public static EscalateNeed Escalation(BlowWhistle blow) => new(blow.CaseId, blow.Level!, blow.Automatic);

    /// <summary>A whistle blown by staff for a need, from what the need holds.</summary>
    public static BlowWhistle Whistle(
        Need need, string caseId, string? level, string? whistleType, string? reason, IReadOnlyList<string>? triedByCommunity) =>
        new(caseId, need.NeedId, need.Title, need.Category, need.Urgency, need.Place!, level, whistleType, reason, triedByCommunity, Automatic: false);

    /// <summary>What a community's whistle on an overdue project task opens (a 重点哨 at the level it chose): the
    /// project's own work is what the community tried, as staff write it for any whistle.</summary>
    public static BlowWhistle ProjectTaskWhistle(Need need, string caseId, Contracts.Projects.ProjectTaskEscalated escalated)
    {
        ArgumentNullException.ThrowIfNull(escalated);
        return Whistle(need, caseId, escalated.Level, "key", escalated.Reason,
        [
            $"联席会议立项「{escalated.ProjectName}」，任务「{escalated.Task}」由{escalated.OwnerName}负责，时限 {escalated.Deadline:yyyy-MM-dd}。",
            $"任务已逾期 {escalated.DaysLate} 天，责任方和轮值主席督办后仍未完成。",
        ]);
    }

    /// <summary>
    /// The community's own time limit passed and the need was escalated by it: the case that escalation names opens
    /// at the street, blown by the timer. Nothing when the breach was only recorded (a micro-wish waits for a volunteer).
    /// </summary>
    public static BlowWhistle? AutomaticWhistle(IEnumerable<NeedEvent> decided, Need after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var events = decided.ToList();
        if (events.OfType<NeedEscalatedByWhistle>().SingleOrDefault(escalated => escalated.Automatic) is not { } escalation) return null;
        var dueAt = events.OfType<NeedOverdue>().Single().DueAt;
        return new BlowWhistle(
            escalation.CaseId, after.NeedId, after.Title, after.Category, after.Urgency, after.Place!, WhistleLevels.Street, "key",
            $"社区办理超时（时限 {DistrictTime.Format(dueAt)}），自动吹哨至街道。", [], Automatic: true);
    }

    /// <summary>What a case's events mean for its need: a passed check resolves it with the department's last result,
    /// the callback is its feedback, closing the case closes it, and 重办 returns it to the case.</summary>
    public static IReadOnlyList<NeedCommand> ForNeed(IEnumerable<CaseEvent> decided, WhistleCase after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return decided
            .Select(@event => @event switch
            {
                CaseVerified { Passed: true } => new ResolveNeed(after.LastResult ?? DefaultVerifiedResult, ResolutionSources.WhistleCase),
                CallbackRecorded callback => new RecordFeedback(callback.Resolved, callback.Satisfied, callback.Comment, after.CaseId),
                CaseClosed => new CloseNeed(after.CaseId),
                CaseReopened reopened => new ReturnNeedToCase(after.CaseId, reopened.Reason),
                // The rest of a case's life (dispatch, signing, progress, transfers, breaches) leaves its need as it is.
                _ => (NeedCommand?)null,
            })
            .OfType<NeedCommand>()
            .ToList();
    }
}
