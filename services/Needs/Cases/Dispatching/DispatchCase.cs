using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record DispatchCase(
    string? LeadDepartmentId, IReadOnlyList<string>? AssistingDepartmentIds, IReadOnlyList<string>? ParticipatingUnitIds, string? HandlingClass, string? Note) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseDispatched Dispatch(DispatchCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "派单", CaseStatus.AwaitingDispatch);
        var assisting = command.AssistingDepartmentIds ?? [];
        var handlingClass = command.HandlingClass ?? context.Catalogue.ClassFor(state.Category, state.Urgency);
        new Validation()
            .Text(command.LeadDepartmentId, "leadDepartmentId", "牵头部门", 64)
            .Require(assisting.Count <= 10, "assistingDepartmentIds", "协办部门不超过 10 个。")
            .Require(assisting.All(id => id is { Length: > 0 }) && assisting.Distinct().Count() == assisting.Count, "assistingDepartmentIds", "协办部门不能为空或重复。")
            .Require(!assisting.Contains(command.LeadDepartmentId), "assistingDepartmentIds", "牵头部门不能同时是协办部门。")
            .Require((command.ParticipatingUnitIds ?? []).Count <= 10, "participatingUnitIds", "参与的共建单位不超过 10 个。")
            .Require(context.Catalogue.FindClass(handlingClass) is not null, "handlingClass", $"未知的办理类别「{handlingClass}」。")
            .Text(command.Note, "note", "派单说明", 1000, required: false)
            .ThrowIfInvalid();
        return new CaseDispatched(
            state.CaseId, state.Level, command.LeadDepartmentId!, assisting, command.ParticipatingUnitIds ?? [], handlingClass, state.Round + 1,
            context.Now + context.Catalogue.SignLimit, context.Now + context.Catalogue.HandleLimit(handlingClass), command.Note?.Trim(), context.Actor, context.Now);
    }
}

public static class DispatchCaseEndpoint
{
    public sealed record DispatchRequest(
        string? LeadDepartmentId, List<string>? AssistingDepartmentIds, List<string>? ParticipatingUnitIds, string? HandlingClass, string? Note);

    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapDispatcherCommand<DispatchRequest>(cases, "dispatch", "DispatchCase",
            request => new DispatchCase(request.LeadDepartmentId, request.AssistingDepartmentIds, request.ParticipatingUnitIds, request.HandlingClass, request.Note));
}
