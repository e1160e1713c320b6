using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record ReopenCase(string? Reason) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseReopened Reopen(ReopenCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "重办", CaseStatus.CallbackDone);
        if (state.Callback is { Resolved: true, Satisfied: true }) throw new RuleViolationException("诉求人已表示解决且满意，无需重办。");
        new Validation().Text(command.Reason, "reason", "重办原因", 1000).ThrowIfInvalid();
        return new CaseReopened(
            state.CaseId, command.Reason!.Trim(), state.Round + 1, context.Now + context.Catalogue.HandleLimit(state.HandlingClass!), context.Actor, context.Now);
    }
}

public static class ReopenCaseEndpoint
{
    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapCommunityCommand<NeedEndpoints.ReasonRequest>(cases, "reopen", "ReopenCase", request => new ReopenCase(request.Reason));
}
