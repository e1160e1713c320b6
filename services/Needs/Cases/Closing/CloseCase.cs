using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record CloseCase : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseClosed Close(CloseCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "结案", CaseStatus.CallbackDone);
        return new CaseClosed(state.CaseId, state.NeedId, state.Callback!.Resolved, state.Callback.Satisfied, context.Actor, context.Now);
    }
}

public static class CloseCaseEndpoint
{
    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapCommunityCommand<NeedEndpoints.EmptyRequest>(cases, "close", "CloseCase", _ => new CloseCase());
}
