namespace Platform.Resources.Contributions;

/// <summary>The community corrects a confirmed amount. Nothing posted is changed: a reversing entry takes the standing
/// one back and a new one posts the corrected amount (none when it is corrected to zero; one taken to zero is
/// corrected back up by a new entry alone).</summary>
public sealed record CorrectContribution(decimal? Amount, string? Reason) : ContributionCommand;

public static partial class ContributionDecider
{
    private static ContributionCorrected Correct(CorrectContribution command, Contribution state, DecisionContext context)
    {
        ExpectStatus(state, ContributionStatus.Confirmed, "更正");
        new Validation()
            .Require(command.Amount is >= 0 and <= 100_000_000, "amount", "更正后的数量须在 0 到 1 亿之间。")
            .Require(command.Amount != state.Amount, "amount", "更正后的数量与原数量相同。")
            .Text(command.Reason, "reason", "更正原因", 500)
            .ThrowIfInvalid();
        var amount = command.Amount!.Value;
        var reversal = state.Standing is null ? null : DoubleEntry.Reversal(state.Standing, state.NextEntryId());
        return new ContributionCorrected(
            state.ContributionId, amount, command.Reason!.Trim(), reversal,
            amount == 0 ? null : EntryFor(state, amount, state.NextEntryId(reversal is null ? 0 : 1)), context.Actor, context.Now);
    }
}

public static class CorrectContributionEndpoint
{
    public sealed record CorrectRequest(decimal? Amount, string? Reason);

    public static void Map(RouteGroupBuilder contributions) =>
        contributions.MapPost("/{contributionId}/correct", CorrectAsync).RequireAccess(ResourcesActions.ConfirmContributions).WithName("CorrectContribution")
            .WithSummary("更正已入账的贡献数量：以冲销分录撤回原分录，再记入更正后的数量；原记录不改不删。");

    private static Task<IResult> CorrectAsync(
        string contributionId, CorrectRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        ContributionEndpoints.RunAsync(http, guard, runner, contributionId, new CorrectContribution(request.Amount, request.Reason), cancellationToken);
}
