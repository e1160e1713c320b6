using Platform.ServiceDefaults.Idempotency;
using Platform.Resources.Agreements;

namespace Platform.Resources.Contributions;

/// <summary>The terms of the agreement a contribution is to count against, as the handler found them.</summary>
public sealed record AgreementTerms(string AgreementId, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<Commitment> Commitments);

/// <summary>A unit reports what it gave a community: what, how much (in an agreement's measure) and when; and, when it
/// delivers on an agreement, which commitment. It counts once the community confirms it.</summary>
public sealed record ReportContribution(
    string ContributionId, string UnitId, string UnitName, ContributionParty Party, AgreementTerms? Agreement, string? Commitment, string? What,
    string? Measure, decimal? Amount, DateOnly? OccurredOn) : ContributionCommand;

public static partial class ContributionDecider
{
    /// <summary>A contribution is reported within a year of when it was given.</summary>
    public const int LatestReportDays = 366;

    private static ContributionReported Report(ReportContribution command, Contribution state, DecisionContext context)
    {
        if (state.Status != ContributionStatus.None) throw new RuleViolationException($"贡献记录「{command.ContributionId}」已登记。");
        var today = DistrictTime.DateOf(context.Now);
        var commitment = command.Agreement?.Commitments.FirstOrDefault(promise => promise.What == command.Commitment?.Trim());
        new Validation()
            .Text(command.What, "what", "贡献内容", 200, singleLine: true)
            .Require(CommitmentMeasures.Names.ContainsKey(command.Measure ?? ""), "measure", $"计量须为 {string.Join("、", CommitmentMeasures.Names.Keys)} 之一。")
            .Require(command.Amount is > 0 and <= 100_000_000, "amount", "数量须大于 0。")
            .Require(command.OccurredOn is not null, "occurredOn", "须写明日期。")
            .Require(command.OccurredOn is null || command.OccurredOn <= today, "occurredOn", "不能登记尚未发生的贡献。")
            .Require(command.OccurredOn is null || command.OccurredOn >= today.AddDays(-LatestReportDays), "occurredOn", $"超过 {LatestReportDays} 天的贡献不再补登。")
            .Require(command.Commitment is null || commitment is not null, "commitment", $"协议中没有承诺「{command.Commitment}」。")
            .Require(commitment is null || commitment.Measure == command.Measure, "measure",
                $"承诺「{commitment?.What}」以{CommitmentMeasures.Names.GetValueOrDefault(commitment?.Measure ?? "")}计。")
            .Require(command.Agreement is null || command.OccurredOn is null
                || (command.OccurredOn >= command.Agreement.StartsOn && command.OccurredOn <= command.Agreement.EndsOn), "occurredOn", "贡献日期不在协议期内。")
            .ThrowIfInvalid();
        return new ContributionReported(
            command.ContributionId, command.UnitId, command.UnitName, command.Party,
            command.Agreement is null ? null : new CommitmentRef(command.Agreement.AgreementId, commitment?.What ?? ""), command.What!.Trim(),
            command.Measure!, command.Amount!.Value, command.OccurredOn!.Value, context.Actor, context.Now);
    }
}

public static class ReportContributionEndpoint
{
    /// <param name="AgreementId">The agreement it delivers on, with <paramref name="Commitment"/> naming the promise (its "what").</param>
    public sealed record ReportRequest(
        string? CoBuildingUnitId, string? CommunityId, string? AgreementId, string? Commitment, string? What, string? Measure, decimal? Amount,
        DateOnly? OccurredOn);

    public static void Map(RouteGroupBuilder contributions) =>
        contributions.MapPost("", ReportAsync).RequireAccess(ResourcesActions.ReportContributions).WithName("ReportContribution").Idempotent()
            .WithSummary("登记共建单位的贡献：给了哪个社区、什么、多少、何时，可计入协议的某项承诺；社区确认后入账；答 201 及其地址。");

    private static async Task<IResult> ReportAsync(
        ReportRequest request, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        // A unit that has left may still report what it gave before it left.
        var unit = await UnitEndpoints.NamedUnitAsync(user, queries, request.CoBuildingUnitId, "coBuildingUnitId", cancellationToken, mustBeActive: false);
        var served = unit.Communities.FirstOrDefault(community => community.CommunityId == request.CommunityId?.Trim())
            ?? throw new InvalidReferenceException("communityId", $"共建单位「{unit.Name}」不服务社区「{request.CommunityId}」。");
        var party = new ContributionParty(served.StreetId, served.CommunityId);
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, party.StreetId, party.CommunityId, UnitId: unit.Id), $"共建单位「{unit.Name}」的贡献");
        AgreementTerms? terms = null;
        if (!string.IsNullOrWhiteSpace(request.AgreementId))
        {
            var agreement = await queries.FindAgreementAsync(user.DistrictCode, request.AgreementId.Trim(), cancellationToken);
            if (agreement is null || agreement.UnitId != unit.Id || (agreement.CommunityId ?? party.CommunityId) != party.CommunityId
                || agreement.StreetId != party.StreetId)
                throw new InvalidReferenceException("agreementId", $"共建单位「{unit.Name}」与该社区之间没有协议「{request.AgreementId}」。");
            terms = new AgreementTerms(agreement.Id, agreement.StartsOn, agreement.EndsOn, agreement.Commitments);
        }
        var contributionId = RecordIds.New("G", clock.GetUtcNow());
        var decided = await runner.StartAsync(
            CommandRequests.Origin(http, user), ContributionDecider.Decider, contributionId,
            new ReportContribution(contributionId, unit.Id, unit.Name, party, terms, request.Commitment, request.What, request.Measure, request.Amount,
                request.OccurredOn),
            cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"contributions/{Uri.EscapeDataString(contributionId)}",
            new ContributionEndpoints.ContributionOutcome(contributionId, ContributionView.Reported, decided.Version));
    }
}
