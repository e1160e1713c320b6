using MassTransit;
using Npgsql;
using Platform.Messaging;
using Platform.Resources.Agreements;
using Projects = Platform.Contracts.Projects;

namespace Platform.Resources.Contributions;

/// <summary>
/// What a unit pledged to a project from a promise of its agreement, delivered when the project completed. Resources
/// records it as the unit's contribution on that promise and confirms it in the same transaction: the community
/// confirmed the claim, and the completed project is the receipt, so the ledger posts it. Once per message (inbox);
/// a contribution the agreement cannot take (the delivery fell outside its term, the agreement is unknown here) is
/// logged and the message acknowledged, since retrying would not change the answer.
/// </summary>
public sealed class ProjectContributionDeliveredConsumer(
    NpgsqlDataSource dataSource, CommandRunner runner, ILogger<ProjectContributionDeliveredConsumer> logger)
    : IdempotentConsumer<Projects.ProjectContributionDelivered>(dataSource)
{
    /// <summary>One contribution per claim, whatever redelivers the message.</summary>
    public static string ContributionIdOf(string projectId, string claimId) => $"G-{projectId}-{claimId}";

    protected override async Task ConsumeOnceAsync(ConsumeContext<Projects.ProjectContributionDelivered> context, NpgsqlTransaction transaction)
    {
        var delivered = context.Message;
        var cancellationToken = context.CancellationToken;
        var origin = new CommandOrigin(delivered.DistrictCode, "service:projects", context.Correlation(), context.MessageId?.ToString());
        await using var scope = runner.Begin(origin, transaction);
        var agreement = await scope.LoadAsync(AgreementDecider.Decider, delivered.AgreementId, cancellationToken: cancellationToken);
        var terms = agreement.State;
        var communityId = delivered.CommunityId ?? terms.Party?.CommunityId;
        if (!agreement.Exists || terms.Party is null || communityId is null)
        {
            logger.LogWarning("Project {ProjectId} claim {ClaimId}: agreement {AgreementId} is unknown or binds no community; not credited",
                delivered.ProjectId, delivered.ClaimId, delivered.AgreementId);
            return;
        }
        var contribution = await scope.LoadAsync(ContributionDecider.Decider, ContributionIdOf(delivered.ProjectId, delivered.ClaimId), cancellationToken: cancellationToken);
        if (contribution.Exists) return;
        try
        {
            scope.Decide(contribution, new ReportContribution(
                contribution.Id, delivered.UnitId, delivered.UnitName, new ContributionParty(terms.Party.StreetId, communityId),
                new AgreementTerms(terms.AgreementId, terms.StartsOn, terms.EndsOn, terms.Commitments), delivered.Commitment, delivered.What, delivered.Measure,
                delivered.Amount, delivered.DeliveredOn));
            scope.Decide(contribution, new ConfirmContribution());
            await scope.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RuleViolationException or InvalidCommandException)
        {
            logger.LogWarning("Project {ProjectId} claim {ClaimId} not credited on agreement {AgreementId}: {Reason}",
                delivered.ProjectId, delivered.ClaimId, delivered.AgreementId, exception.Message);
        }
    }
}
