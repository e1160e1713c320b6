namespace Platform.Resources.Contributions;

/// <summary>The community declines a report it cannot confirm, and says why; nothing is posted, and the report stays.</summary>
public sealed record DeclineContribution(string? Reason) : ContributionCommand;

public static partial class ContributionDecider
{
    private static ContributionDeclined Decline(DeclineContribution command, Contribution state, DecisionContext context)
    {
        ExpectStatus(state, ContributionStatus.Reported, "退回");
        new Validation().Text(command.Reason, "reason", "退回原因", 500).ThrowIfInvalid();
        return new ContributionDeclined(state.ContributionId, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class DeclineContributionEndpoint
{
    public sealed record DeclineRequest(string? Reason);

    public static void Map(RouteGroupBuilder contributions) =>
        contributions.MapPost("/{contributionId}/decline", DeclineAsync).RequireAccess(ResourcesActions.ConfirmContributions).WithName("DeclineContribution")
            .WithSummary("社区退回无法确认的贡献登记，并写明原因；不入账，记录保留。");

    private static Task<IResult> DeclineAsync(
        string contributionId, DeclineRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        ContributionEndpoints.RunAsync(http, guard, runner, contributionId, new DeclineContribution(request.Reason), cancellationToken);
}
