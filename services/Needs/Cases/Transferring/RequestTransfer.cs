using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record RequestTransfer(string DepartmentId, string? Reason, string? SuggestedDepartmentId) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static TransferRequested RequestTransfer(RequestTransfer command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "申请转办", CaseStatus.Dispatched, CaseStatus.InHandling);
        EnsureDepartmentOf(state, command.DepartmentId);
        if (state.PendingTransfer is not null) throw new RuleViolationException("已有待决定的转办申请。");
        new Validation()
            .Text(command.Reason, "reason", "转办理由", 1000)
            .Require(command.SuggestedDepartmentId != command.DepartmentId, "suggestedDepartmentId", "建议的部门不能是本部门。")
            .ThrowIfInvalid();
        return new TransferRequested(state.CaseId, command.DepartmentId, command.Reason!.Trim(), command.SuggestedDepartmentId, context.Actor, context.Now);
    }
}

public static class RequestTransferEndpoint
{
    public sealed record TransferRequest(string? Reason, string? SuggestedDepartmentId);

    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapDepartmentCommand<TransferRequest>(cases, "transfer-request", "RequestTransfer",
            (department, request) => new RequestTransfer(department, request.Reason, request.SuggestedDepartmentId));
}
