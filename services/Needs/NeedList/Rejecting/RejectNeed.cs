using Platform.Kernel.Errors;
using Platform.Needs.Api;

namespace Platform.Needs.NeedList;

public sealed record RejectNeed(string? Reason) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedRejected Reject(RejectNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "退回", NeedStatus.Raised, NeedStatus.Accepted);
        new Validation().Text(command.Reason, "reason", "退回原因", 500).ThrowIfInvalid();
        return new NeedRejected(state.NeedId, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class RejectNeedEndpoint
{
    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<NeedEndpoints.ReasonRequest>(needs, "reject", "RejectNeed", request => new RejectNeed(request.Reason));
}
