namespace Platform.Resources.Agreements;

/// <summary>The parties end the agreement before its term (提前终止), with the reason.</summary>
public sealed record TerminateAgreement(string? Reason) : AgreementCommand;

public static partial class AgreementDecider
{
    private static AgreementTerminated Terminate(TerminateAgreement command, Agreement state, DecisionContext context)
    {
        ExpectExists(state);
        if (state.Status != AgreementStatus.Active) throw new RuleViolationException($"协议当前「{StatusName(state.Status)}」，不能终止。");
        new Validation().Text(command.Reason, "reason", "终止原因", 500).ThrowIfInvalid();
        return new AgreementTerminated(state.AgreementId, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class TerminateAgreementEndpoint
{
    public sealed record TerminateRequest(string? Reason);

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("/{agreementId}/terminate", (string agreementId, TerminateRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
            AgreementEndpoints.RunAsync(http, guard, runner, agreementId, new TerminateAgreement(request.Reason), cancellationToken))
            .RequireAccess(ResourcesActions.ManageAgreements).WithName("TerminateAgreement").WithSummary("提前终止协议，写明原因。");
}
