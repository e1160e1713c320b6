using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

/// <summary>The resident's answer at the callback. <paramref name="ByCaseId"/> names the whistle case whose callback
/// it is; a need a case handles takes its feedback only from that case.</summary>
public sealed record RecordFeedback(bool? Resolved, bool? Satisfied, string? Comment, string? ByCaseId = null) : NeedCommand;

public static partial class NeedDecider
{
    private static FeedbackRecorded Feedback(RecordFeedback command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "回访", NeedStatus.Resolved);
        ExpectNotHeldByCase(state, command.ByCaseId, "回访须在吹哨案件中登记");
        if (state.FeedbackGiven) throw new RuleViolationException("本轮办理已回访。");
        new Validation()
            .Require(command.Resolved is not null, "resolved", "须注明是否解决。")
            .Require(command.Satisfied is not null, "satisfied", "须注明是否满意。")
            .Text(command.Comment, "comment", "回访意见", 1000, required: false)
            .ThrowIfInvalid();
        return new FeedbackRecorded(state.NeedId, command.Resolved!.Value, command.Satisfied!.Value, command.Comment?.Trim(), context.Actor, context.Now);
    }
}

public static class RecordFeedbackEndpoint
{
    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<NeedEndpoints.FeedbackRequest>(needs, "feedback", "RecordNeedFeedback", request => new RecordFeedback(request.Resolved, request.Satisfied, request.Comment));
}
