namespace Platform.Projects.ProjectList;

/// <summary>The community confirms a unit's open claim: from now on the unit answers for the task (or takes part in the whole project).</summary>
public sealed record ConfirmClaim(string ClaimId) : ProjectCommand;

/// <summary>The community declines a unit's open claim, and says why.</summary>
public sealed record DeclineClaim(string ClaimId, string? Reason) : ProjectCommand;

public static partial class ProjectDecider
{
    private static ClaimConfirmed Confirm(ConfirmClaim command, Project state, DecisionContext context)
    {
        var claim = OpenClaim(state, command.ClaimId, "确认");
        if (claim.TaskId is not null && state.Task(claim.TaskId) is { IsDone: true } task)
            throw new RuleViolationException($"任务「{task.What}」已完成，认领无需确认，可不予确认并说明。");
        return new ClaimConfirmed(state.ProjectId, claim.ClaimId, claim.UnitId, claim.UnitName, claim.TaskId, state.Task(claim.TaskId)?.What, context.Actor, context.Now);
    }

    private static ClaimDeclined Decline(DeclineClaim command, Project state, DecisionContext context)
    {
        var claim = OpenClaim(state, command.ClaimId, "不予确认");
        new Validation().Text(command.Reason, "reason", "不予确认的理由", 200).ThrowIfInvalid();
        return new ClaimDeclined(state.ProjectId, claim.ClaimId, claim.UnitId, claim.UnitName, command.Reason!.Trim(), context.Actor, context.Now);
    }

    private static ProjectClaim OpenClaim(Project state, string claimId, string action)
    {
        ExpectActive(state, action + "认领");
        var claim = state.Claim(claimId) ?? throw new NotFoundException($"项目「{state.Name}」没有认领「{claimId}」。");
        if (claim.Status != ClaimStatus.Open)
            throw new RuleViolationException($"{claim.UnitName}的认领已{(claim.Status == ClaimStatus.Confirmed ? "确认" : "不予确认")}，不能再{action}。");
        return claim;
    }
}

public static class ConfirmClaimEndpoint
{
    public sealed record DeclineRequest(string? Reason);

    public static void Map(RouteGroupBuilder projects)
    {
        projects.MapPost("/{projectId}/claims/{claimId}/confirm",
                (string projectId, string claimId, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
                    ProjectEndpoints.RunAsync(http, guard, runner, projectId, new ConfirmClaim(claimId), cancellationToken))
            .RequireAccess(ProjectsActions.ManageProjects).WithName("ConfirmProjectClaim")
            .WithSummary("社区确认共建单位的认领：该单位从此负责所认领的任务（与原责任方联合），或参与整个项目。");
        projects.MapPost("/{projectId}/claims/{claimId}/decline",
                (string projectId, string claimId, DeclineRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                    CancellationToken cancellationToken) =>
                    ProjectEndpoints.RunAsync(http, guard, runner, projectId, new DeclineClaim(claimId, request.Reason), cancellationToken))
            .RequireAccess(ProjectsActions.ManageProjects).WithName("DeclineProjectClaim")
            .WithSummary("社区不予确认一项认领，须说明理由；该单位可见理由。");
    }
}
