using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

public sealed record MarkNeedOverdue(int Round, DateTimeOffset DueAt, string NewCaseId) : NeedCommand;

public static partial class NeedDecider
{
    /// <summary>Fires once per handling round: a deadline of an earlier round, or one the need has already left behind
    /// (resolved, escalated, in a project), decides nothing.</summary>
    private static NeedEvent[] MarkOverdue(MarkNeedOverdue command, Need state, NeedsDecisionContext context)
    {
        if (state.Status is not (NeedStatus.Accepted or NeedStatus.InCommunityHandling) || command.Round != state.Round || state.OverdueInRound)
            return [];
        var overdue = new NeedOverdue(state.NeedId, command.DueAt, context.Now);
        // A micro-wish waits for a volunteer; no department can do it, so its breach is recorded but not escalated.
        if (state.IsMicroWish) return [overdue];
        return [overdue, new NeedEscalatedByWhistle(state.NeedId, command.NewCaseId, Contracts.Needs.WhistleLevels.Street, true, context.Actor, context.Now)];
    }
}
