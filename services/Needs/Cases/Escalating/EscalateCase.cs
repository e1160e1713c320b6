using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record EscalateCase(string? Reason) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseEscalated Escalate(EscalateCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "升级", CaseStatus.AwaitingDispatch, CaseStatus.Dispatched, CaseStatus.InHandling);
        var above = LevelAbove(state.Level) ?? throw new RuleViolationException("案件已在区级督办，无法再升级。");
        new Validation().Text(command.Reason, "reason", "升级原因", 1000).ThrowIfInvalid();
        return new CaseEscalated(state.CaseId, state.Level, above, false, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class EscalateCaseEndpoint
{
    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapDispatcherCommand<NeedEndpoints.ReasonRequest>(cases, "escalate", "EscalateCase", request => new EscalateCase(request.Reason));
}
