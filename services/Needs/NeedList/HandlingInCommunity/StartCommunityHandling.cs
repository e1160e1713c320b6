using Platform.Kernel.Errors;
using Platform.Needs.Api;

namespace Platform.Needs.NeedList;

public sealed record StartCommunityHandling(string? Plan) : NeedCommand;

public static partial class NeedDecider
{
    private static CommunityHandlingStarted StartHandling(StartCommunityHandling command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "社区自办", NeedStatus.Accepted);
        new Validation().Text(command.Plan, "plan", "办理方案", 1000).ThrowIfInvalid();
        return new CommunityHandlingStarted(state.NeedId, command.Plan!.Trim(), context.Actor, context.Now);
    }
}

public static class StartCommunityHandlingEndpoint
{
    public sealed record PlanRequest(string? Plan);

    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<PlanRequest>(needs, "start-handling", "StartCommunityHandling", request => new StartCommunityHandling(request.Plan));
}
