using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

public sealed record ResolveNeed(string? Resolution, string Source) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] Resolve(ResolveNeed command, Need state, NeedsDecisionContext context)
    {
        // Projects and volunteers report from elsewhere and may repeat themselves; a need already past it stays as is.
        if (command.Source is ResolutionSources.Project or ResolutionSources.MicroWish && !state.IsOpen) return [];
        var allowed = command.Source switch
        {
            ResolutionSources.Community => [NeedStatus.Accepted, NeedStatus.InCommunityHandling],
            ResolutionSources.WhistleCase => [NeedStatus.Escalated],
            ResolutionSources.Project => [NeedStatus.InProject, NeedStatus.Accepted, NeedStatus.InCommunityHandling],
            ResolutionSources.MicroWish => new[] { NeedStatus.Accepted, NeedStatus.InCommunityHandling },
            _ => throw new ArgumentException($"unknown resolution source {command.Source}"),
        };
        Expect(state, "办结", allowed);
        new Validation().Text(command.Resolution, "resolution", "办理结果", 2000).ThrowIfInvalid();
        return [new NeedResolved(state.NeedId, command.Resolution!.Trim(), command.Source, context.Actor, context.Now)];
    }
}

public static class ResolveNeedEndpoint
{
    public sealed record ResolutionRequest(string? Resolution);

    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<ResolutionRequest>(needs, "resolve", "ResolveNeed", request => new ResolveNeed(request.Resolution, ResolutionSources.Community));
}
