using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

public sealed record ReopenNeed(string? Reason) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedReopened Reopen(ReopenNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "重新办理", NeedStatus.Resolved, NeedStatus.Closed);
        // A resolved need whose case is still open is reopened in the case (重办), which returns the need to it.
        if (state.Status == NeedStatus.Resolved) ExpectNotHeldByCase(state, byCaseId: null, "不满意须在吹哨案件中重办");
        new Validation().Text(command.Reason, "reason", "重办原因", 500).ThrowIfInvalid();
        var handlingClass = state.HandlingClass ?? context.Catalogue.ClassFor(state.Category, state.Urgency);
        return new NeedReopened(state.NeedId, command.Reason!.Trim(), context.Now + context.Catalogue.HandleLimit(handlingClass), context.Actor, context.Now);
    }
}

public static class ReopenNeedEndpoint
{
    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<NeedEndpoints.ReasonRequest>(needs, "reopen", "ReopenNeed", request => new ReopenNeed(request.Reason));
}
