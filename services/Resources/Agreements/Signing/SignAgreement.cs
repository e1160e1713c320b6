using Platform.ServiceDefaults.Idempotency;
namespace Platform.Resources.Agreements;

/// <summary>A unit and a community (or a street) sign: a term and what the unit commits to. The handler has checked that
/// the unit co-builds with that party.</summary>
public sealed record SignAgreement(
    string AgreementId, string UnitId, string UnitName, AgreementParty Party, string? Title, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<Commitment>? Commitments)
    : AgreementCommand;

public static partial class AgreementDecider
{
    private static AgreementSigned Sign(SignAgreement command, Agreement state, DecisionContext context)
    {
        if (state.Status != AgreementStatus.None) throw new RuleViolationException($"共建协议「{command.AgreementId}」已签订。");
        var today = DistrictTime.DateOf(context.Now);
        Commitments(new Validation()
                .Text(command.Title, "title", "协议名称", 100, singleLine: true)
                .Require(command.StartsOn is not null, "startsOn", "须写明协议开始日期。")
                .Require(command.EndsOn is not null, "endsOn", "须写明协议结束日期。")
                .Require(command.StartsOn is null || command.EndsOn is null || command.EndsOn > command.StartsOn, "endsOn", "结束日期须晚于开始日期。")
                .Require(command.StartsOn is null || command.EndsOn is null || command.EndsOn <= command.StartsOn.Value.AddYears(LongestTermYears), "endsOn",
                    $"一次签订最长 {LongestTermYears} 年，期满续签。")
                .Require(command.EndsOn is null || command.EndsOn >= today, "endsOn", "已经结束的协议不能新签。"),
                command.Commitments)
            .ThrowIfInvalid();
        return new AgreementSigned(
            command.AgreementId, command.UnitId, command.UnitName, command.Party, command.Title!.Trim(), command.StartsOn!.Value, command.EndsOn!.Value,
            Trimmed(command.Commitments!), context.Actor, context.Now);
    }
}

public static class SignAgreementEndpoint
{
    /// <param name="CommunityId">The community that signs; or <paramref name="StreetId"/> for a street's agreement.</param>
    public sealed record SignRequest(
        string? UnitId, string? CommunityId, string? StreetId, string? Title, DateOnly? StartsOn, DateOnly? EndsOn, List<CommitmentRequest>? Commitments);

    public sealed record CommitmentRequest(string? What, string? Measure, decimal? Amount, string? Per);

    internal static IReadOnlyList<Commitment>? Commitments(List<CommitmentRequest>? requests) =>
        requests?.Select(request => new Commitment(request.What ?? "", request.Measure ?? "", request.Amount ?? 0, request.Per ?? "")).ToList();

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("", SignAsync).RequireAccess(ResourcesActions.ManageAgreements).WithName("SignAgreement").Idempotent()
            .WithSummary("签订共建协议：共建单位与社区（或街道）、期限和结构化的承诺；答 201 及其地址。");

    private static async Task<IResult> SignAsync(
        SignRequest request, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var unit = await UnitEndpoints.NamedUnitAsync(user, queries, request.UnitId, "unitId", cancellationToken);
        var party = await AgreementEndpoints.PartyAsync(user, request.CommunityId, request.StreetId, unit, directory, cancellationToken);
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, party.StreetId, party.CommunityId), $"「{party.Id}」");
        var agreementId = RecordIds.New("A", clock.GetUtcNow());
        var decided = await runner.StartAsync(
            CommandRequests.Origin(http, user), AgreementDecider.Decider, agreementId,
            new SignAgreement(agreementId, unit.Id, unit.Name, party, request.Title, request.StartsOn, request.EndsOn, Commitments(request.Commitments)),
            cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"agreements/{Uri.EscapeDataString(agreementId)}",
            new AgreementEndpoints.AgreementOutcome(agreementId, AgreementView.Active, decided.Version));
    }
}
