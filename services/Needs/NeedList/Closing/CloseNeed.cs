using Platform.Needs.Api;
using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

/// <summary>Closes a resolved need. <paramref name="ByCaseId"/> names the whistle case that closed with it; a need a
/// case handles closes only with that case.</summary>
public sealed record CloseNeed(string? ByCaseId = null) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedClosed Close(CloseNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "关闭", NeedStatus.Resolved);
        ExpectNotHeldByCase(state, command.ByCaseId, "须随吹哨案件结案而关闭");
        return new NeedClosed(state.NeedId, context.Actor, context.Now);
    }
}

public static class CloseNeedEndpoint
{
    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<NeedEndpoints.EmptyRequest>(needs, "close", "CloseNeed", _ => new CloseNeed());
}
