
namespace Platform.Needs.NeedList;

public sealed record MatchNeedToProject(string ProjectId, string ProjectName) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] Match(MatchNeedToProject command, Need state, NeedsDecisionContext context)
    {
        if (state.ProjectId == command.ProjectId) return [];
        Expect(state, "转为项目", NeedStatus.Raised, NeedStatus.Accepted, NeedStatus.InCommunityHandling);
        return [new NeedMatchedToProject(state.NeedId, command.ProjectId, command.ProjectName, context.Now)];
    }
}
