using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record RecordCallback(bool? Resolved, bool? Satisfied, string? Comment) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CallbackRecorded RecordCallback(RecordCallback command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "回访", CaseStatus.Verified);
        new Validation()
            .Require(command.Resolved is not null, "resolved", "须注明是否解决。")
            .Require(command.Satisfied is not null, "satisfied", "须注明是否满意。")
            .Text(command.Comment, "comment", "回访意见", 1000, required: false)
            .ThrowIfInvalid();
        return new CallbackRecorded(
            state.CaseId, command.Resolved!.Value, command.Satisfied!.Value, command.Comment?.Trim(), state.LeadDepartmentId!, [.. state.DepartmentIds],
            context.Actor, context.Now);
    }
}

public static class RecordCallbackEndpoint
{
    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapCommunityCommand<NeedEndpoints.FeedbackRequest>(cases, "callback", "RecordCallback", request => new RecordCallback(request.Resolved, request.Satisfied, request.Comment));
}
