using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record ReportHandled(string DepartmentId, string? Result) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseReported Report(ReportHandled command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "反馈办理结果", CaseStatus.InHandling);
        if (command.DepartmentId != state.LeadDepartmentId) throw new RuleViolationException("办理结果由牵头部门反馈。");
        // A lead that asked to hand the case on has said it is the wrong owner; it reports only once that is decided.
        if (state.PendingTransfer?.DepartmentId == command.DepartmentId) throw new RuleViolationException("本部门的转办申请尚待决定，不能反馈办理结果。");
        EnsureSigned(state, command.DepartmentId);
        new Validation().Text(command.Result, "result", "办理结果", 2000).ThrowIfInvalid();
        return new CaseReported(
            state.CaseId, command.DepartmentId, command.Result!.Trim(), context.Now <= state.HandleBy!.Value, state.HandleBy.Value, state.DispatchedAt!.Value,
            context.Actor, context.Now);
    }
}

public static class ReportHandledEndpoint
{
    public sealed record ResultRequest(string? Result);

    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapDepartmentCommand<ResultRequest>(cases, "report", "ReportCaseHandled", (department, request) => new ReportHandled(department, request.Result));
}
