namespace Platform.Resources.Agreements;

/// <summary>The agreement runs on to a new end, with the same commitments unless new ones are given. An agreement that
/// expired may be renewed too (续签): it is in force again from the renewal.</summary>
public sealed record RenewAgreement(DateOnly? EndsOn, IReadOnlyList<Commitment>? Commitments) : AgreementCommand;

public static partial class AgreementDecider
{
    private static AgreementRenewed Renew(RenewAgreement command, Agreement state, DecisionContext context)
    {
        ExpectExists(state);
        if (state.Status == AgreementStatus.Terminated) throw new RuleViolationException("已终止的协议不能续签，请重新签订。");
        var validation = new Validation()
            .Require(command.EndsOn is not null, "endsOn", "须写明续签后的结束日期。")
            .Require(command.EndsOn is null || command.EndsOn > state.EndsOn, "endsOn", $"续签后的结束日期须晚于原结束日期 {state.EndsOn:yyyy-MM-dd}。")
            .Require(command.EndsOn is null || command.EndsOn <= DistrictTime.DateOf(context.Now).AddYears(LongestTermYears), "endsOn",
                $"一次续签最长 {LongestTermYears} 年。");
        if (command.Commitments is not null) Commitments(validation, command.Commitments);
        validation.ThrowIfInvalid();
        return new AgreementRenewed(state.AgreementId, state.StartsOn, command.EndsOn!.Value, command.Commitments is null ? state.Commitments : Trimmed(command.Commitments),
            context.Actor, context.Now);
    }
}

public static class RenewAgreementEndpoint
{
    public sealed record RenewRequest(DateOnly? EndsOn, List<SignAgreementEndpoint.CommitmentRequest>? Commitments);

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("/{agreementId}/renew", (string agreementId, RenewRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
            AgreementEndpoints.RunAsync(http, guard, runner, agreementId,
                new RenewAgreement(request.EndsOn, SignAgreementEndpoint.Commitments(request.Commitments)), cancellationToken))
            .RequireAccess(ResourcesActions.ManageAgreements).WithName("RenewAgreement").WithSummary("续签：新的结束日期，承诺不写则沿用。");
}
