using Platform.Kernel;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

/// <summary>What may be asked of a need: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record NeedCommand
{
    private protected NeedCommand() { }
}

/// <summary>Who decides and when: every decision is pure, so the clock and the actor come in as values.</summary>
public sealed record NeedsDecisionContext(string Actor, DateTimeOffset Now, NeedsCatalogue Catalogue);

/// <summary>The rules of the 需求清单 as pure functions: the state and a command in, the events that follow out.</summary>
public static partial class NeedDecider
{
    /// <summary>The decider the runner and the tests use; the catalogue is configuration, so it is bound once.</summary>
    public static Decider<NeedCommand, NeedEvent, Need> For(NeedsCatalogue catalogue) =>
        new(Need.Initial, Need.Evolve, (command, state, context) => Decide(command, state, new NeedsDecisionContext(context.Actor, context.Now, catalogue)), Need.StreamId);

    public static IReadOnlyList<NeedEvent> Decide(NeedCommand command, Need state, NeedsDecisionContext context) => command switch
    {
        RaiseNeed raise => Raise(raise, state, context),
        RaiseFromProject raise => RaiseFromProject(raise, state, context),
        ReturnNeedFromProject giveBack => ReturnFromProject(giveBack, state, context),
        AcceptNeed accept => Accept(accept, state, context),
        RejectNeed reject => [Reject(reject, state, context)],
        MergeNeed merge => [Merge(merge, state, context)],
        StartCommunityHandling start => [StartHandling(start, state, context)],
        EscalateNeed escalate => [Escalate(escalate, state, context)],
        MarkNeedOverdue overdue => MarkOverdue(overdue, state, context),
        MatchNeedToProject match => Match(match, state, context),
        ClaimMicroWish claim => Claim(claim, state, context),
        LapseMicroWishClaim lapse => Lapse(lapse, state, context),
        ResolveNeed resolve => Resolve(resolve, state, context),
        RecordFeedback feedback => [Feedback(feedback, state, context)],
        CloseNeed close => [Close(close, state, context)],
        ReopenNeed reopen => [Reopen(reopen, state, context)],
        ReturnNeedToCase returned => [ReturnToCase(returned, state, context)],
        AddNeedMedia add => [AddMedia(add, state, context)],
    };

    public const int MaxMedia = 5;

    /// <summary>
    /// A need resolved by a whistle case stays that case's until the case closes: its feedback, closing and 重办 go
    /// through the case, so that the two never disagree and the case can still be reopened.
    /// </summary>
    private static void ExpectNotHeldByCase(Need state, string? byCaseId, string howInstead)
    {
        if (state.Status == NeedStatus.Resolved && state.CaseId is { } caseId && byCaseId != caseId)
            throw new RuleViolationException($"该需求由吹哨案件「{caseId}」办理，{howInstead}。");
    }

    private static void Expect(Need state, string action, params NeedStatus[] allowed)
    {
        if (state.Status == NeedStatus.None) throw new NotFoundException($"需求「{state.NeedId}」不存在。");
        if (!allowed.Contains(state.Status))
            throw new RuleViolationException($"需求当前状态为「{NeedStatusNames.Of(state.Status)}」，不能{action}。");
    }
}

public static class NeedStatusNames
{
    public static string Code(this NeedStatus status) => status switch
    {
        NeedStatus.Raised => "raised",
        NeedStatus.Accepted => "accepted",
        NeedStatus.InCommunityHandling => "in-community",
        NeedStatus.Escalated => "escalated",
        NeedStatus.InProject => "in-project",
        NeedStatus.Resolved => "resolved",
        NeedStatus.Closed => "closed",
        NeedStatus.Rejected => "rejected",
        NeedStatus.Merged => "merged",
        _ => "none",
    };

    public static string Of(NeedStatus status) => status switch
    {
        NeedStatus.Raised => "待受理",
        NeedStatus.Accepted => "已受理",
        NeedStatus.InCommunityHandling => "社区办理中",
        NeedStatus.Escalated => "已吹哨",
        NeedStatus.InProject => "已转项目",
        NeedStatus.Resolved => "已办结",
        NeedStatus.Closed => "已关闭",
        NeedStatus.Rejected => "已退回",
        NeedStatus.Merged => "已合并",
        _ => "不存在",
    };
}
