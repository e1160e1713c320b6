using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record DecideTransfer(bool? Approve, string? ToDepartmentId, string? Note) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseEvent DecideTransfer(DecideTransfer command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "决定转办", CaseStatus.Dispatched, CaseStatus.InHandling);
        if (state.PendingTransfer is not { } pending) throw new RuleViolationException("没有待决定的转办申请。");
        new Validation()
            .Require(command.Approve is not null, "approve", "须注明是否同意转办。")
            .Require(command.Approve != true || command.ToDepartmentId is { Length: > 0 }, "toDepartmentId", "同意转办须指定接办部门。")
            .Require(command.Approve != true || !state.DepartmentIds.Contains(command.ToDepartmentId), "toDepartmentId", "接办部门已在本案中。")
            .Text(command.Note, "note", "说明", 1000, required: command.Approve == false)
            .ThrowIfInvalid();
        if (command.Approve == false)
            return new TransferRejected(state.CaseId, pending.DepartmentId, command.Note!.Trim(), context.Actor, context.Now);
        return new CaseTransferred(
            state.CaseId, pending.DepartmentId, command.ToDepartmentId!, pending.DepartmentId == state.LeadDepartmentId,
            context.Now + context.Catalogue.SignLimit, command.Note?.Trim() ?? "", context.Actor, context.Now);
    }
}

public static class DecideTransferEndpoint
{
    public sealed record TransferDecisionRequest(bool? Approve, string? ToDepartmentId, string? Note);

    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapDispatcherCommand<TransferDecisionRequest>(cases, "transfer-decision", "DecideTransfer", request => new DecideTransfer(request.Approve, request.ToDepartmentId, request.Note));
}
