using Platform.Kernel.Errors;
using Platform.Needs.Api;

namespace Platform.Needs.NeedList;

public sealed record MergeNeed(string? DuplicateOfNeedId, string? Reason) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedMergedAsDuplicate Merge(MergeNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "合并", NeedStatus.Raised, NeedStatus.Accepted);
        new Validation()
            .Text(command.DuplicateOfNeedId, "duplicateOfNeedId", "被合并到的需求", 64)
            .Require(command.DuplicateOfNeedId != state.NeedId, "duplicateOfNeedId", "不能合并到自身。")
            .ThrowIfInvalid();
        return new NeedMergedAsDuplicate(state.NeedId, command.DuplicateOfNeedId!, command.Reason?.Trim() ?? "重复反映", context.Actor, context.Now);
    }
}

public static class MergeNeedEndpoint
{
    public sealed record MergeRequest(string? DuplicateOfNeedId, string? Reason);

    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<MergeRequest>(needs, "merge", "MergeNeed", request => new MergeNeed(request.DuplicateOfNeedId, request.Reason));
}
