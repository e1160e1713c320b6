using Platform.Kernel.Errors;

namespace Platform.Needs.NeedList;

public sealed record ReturnNeedToCase(string CaseId, string Reason) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedReturnedToCase ReturnToCase(ReturnNeedToCase command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "退回部门重办", NeedStatus.Resolved);
        if (state.CaseId != command.CaseId) throw new RuleViolationException("该需求不是由此吹哨案件办理的。");
        return new NeedReturnedToCase(state.NeedId, command.CaseId, command.Reason, context.Now);
    }
}
