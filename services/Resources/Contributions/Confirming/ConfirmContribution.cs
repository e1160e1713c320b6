namespace Platform.Resources.Contributions;

/// <summary>The community confirms it received what the unit reported: the ledger posts it.</summary>
public sealed record ConfirmContribution : ContributionCommand;

public static partial class ContributionDecider
{
    private static ContributionConfirmed Confirm(Contribution state, DecisionContext context)
    {
        ExpectStatus(state, ContributionStatus.Reported, "确认");
        return new ContributionConfirmed(
            state.ContributionId, state.UnitId, state.Party!, state.Counts, state.Measure, state.Amount, state.OccurredOn,
            EntryFor(state, state.Amount, state.NextEntryId()), context.Actor, context.Now);
    }
}

public static class ConfirmContributionEndpoint
{
    public static void Map(RouteGroupBuilder contributions) =>
        contributions.MapPost("/{contributionId}/confirm", ConfirmAsync).RequireAccess(ResourcesActions.ConfirmContributions).WithName("ConfirmContribution")
            .WithSummary("社区确认收到共建单位的贡献，记入台账（单位付出、社区收到）。");

    private static Task<IResult> ConfirmAsync(string contributionId, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        ContributionEndpoints.RunAsync(http, guard, runner, contributionId, new ConfirmContribution(), cancellationToken);
}
