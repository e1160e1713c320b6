using Platform.Kernel;

namespace Platform.Resources.Contributions;

/// <summary>What may be asked of a contribution: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record ContributionCommand
{
    private protected ContributionCommand() { }
}

/// <summary>The rules of contributions and their ledger entries as pure functions; each use case's decision stands in its own folder.</summary>
public static partial class ContributionDecider
{
    public static readonly Decider<ContributionCommand, ContributionEvent, Contribution> Decider =
        new(Contribution.Initial, Contribution.Evolve, Decide, Contribution.StreamId);

    public static IReadOnlyList<ContributionEvent> Decide(ContributionCommand command, Contribution state, DecisionContext context) => command switch
    {
        ReportContribution report => [Report(report, state, context)],
        ConfirmContribution => [Confirm(state, context)],
        DeclineContribution decline => [Decline(decline, state, context)],
        CorrectContribution correct => [Correct(correct, state, context)],
    };

    private static void ExpectStatus(Contribution state, ContributionStatus expected, string action)
    {
        if (state.Status == ContributionStatus.None) throw new NotFoundException($"贡献记录「{state.ContributionId}」不存在。");
        if (state.Status != expected)
            throw new RuleViolationException($"贡献记录{StatusName(state.Status)}，不能{action}。");
    }

    private static string StatusName(ContributionStatus status) => status switch
    {
        ContributionStatus.Reported => "待社区确认",
        ContributionStatus.Confirmed => "已确认",
        ContributionStatus.Declined => "已退回",
        _ => "不存在",
    };

    /// <summary>The entry that stands for a confirmed amount: the unit gives, the community receives.</summary>
    private static LedgerEntry EntryFor(Contribution state, decimal amount, string entryId) =>
        DoubleEntry.Transfer(entryId, LedgerKinds.Of(state.Measure), Ledger.UnitAccount(state.UnitId), Ledger.CommunityAccount(state.Party!.CommunityId), amount);
}
