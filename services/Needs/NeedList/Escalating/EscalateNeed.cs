using Platform.Kernel.Errors;

namespace Platform.Needs.NeedList;

public sealed record EscalateNeed(string CaseId, string Level, bool Automatic) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEscalatedByWhistle Escalate(EscalateNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "吹哨", NeedStatus.Accepted, NeedStatus.InCommunityHandling);
        if (state.IsMicroWish) throw new RuleViolationException("微心愿由党员和志愿者认领，不吹哨派给部门。");
        return new NeedEscalatedByWhistle(state.NeedId, command.CaseId, command.Level, command.Automatic, context.Actor, context.Now);
    }
}
