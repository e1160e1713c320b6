using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record SignCase(string DepartmentId, bool ContactedReporter) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static DepartmentSigned Sign(SignCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "签收", CaseStatus.Dispatched, CaseStatus.InHandling);
        EnsureDepartmentOf(state, command.DepartmentId);
        if (state.SignedDepartmentIds.Contains(command.DepartmentId)) throw new RuleViolationException("本部门已签收该案件。");
        var signBy = state.SignDeadlineOf(command.DepartmentId)!.Value;
        return new DepartmentSigned(
            state.CaseId, command.DepartmentId, command.ContactedReporter, context.Now <= signBy, signBy, state.DispatchedAt!.Value, context.Actor, context.Now);
    }
}

public static class SignCaseEndpoint
{
    public sealed record SignRequest(bool? ContactedReporter);

    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapDepartmentCommand<SignRequest>(cases, "sign", "SignCase", (department, request) => new SignCase(department, request.ContactedReporter ?? false));
}
