namespace Platform.Projects.ProjectList;

/// <summary>The project is done: every task's milestones completed it. The needs it answered are resolved by it, and
/// what each confirmed claim pledged is delivered.</summary>
public sealed record CompleteProject(string? Summary) : ProjectCommand;

public static partial class ProjectDecider
{
    private static IReadOnlyList<ProjectEvent> Complete(CompleteProject command, Project state, DecisionContext context)
    {
        ExpectActive(state, "再次完成");
        var open = state.Tasks.Where(task => !task.IsDone).ToList();
        if (open.Count > 0)
            throw new RuleViolationException($"还有 {open.Count} 项任务未完成（{string.Join("、", open.Take(3).Select(task => $"「{task.What}」"))}{(open.Count > 3 ? " 等" : "")}），项目不能完成。");
        new Validation().Text(command.Summary, "summary", "完成情况", 500).ThrowIfInvalid();
        var completed = new ProjectCompleted(state.ProjectId, state.Name, [.. state.Needs.Select(need => need.NeedId)], command.Summary!.Trim(), context.Actor, context.Now);
        var today = DistrictTime.DateOf(context.Now);
        return
        [
            completed,
            .. state.Claims.Where(claim => claim is { Status: ClaimStatus.Confirmed, Pledge: not null }).Select(claim => new PledgeDelivered(
                state.ProjectId, state.Name, state.Party!, claim.ClaimId, claim.UnitId, claim.UnitName, state.Task(claim.TaskId)?.What, claim.Pledge!, today,
                context.Actor, context.Now)),
        ];
    }
}

public static class CompleteProjectEndpoint
{
    public sealed record CompleteRequest(string? Summary);

    public static void Map(RouteGroupBuilder projects) =>
        projects.MapPost("/{projectId}/complete", CompleteAsync).RequireAccess(ProjectsActions.ManageProjects).WithName("CompleteProject")
            .WithSummary("项目完成（须责任清单全部完成）：写明完成情况；回应的需求随即办结，并告知提出需求的居民；社区已确认的认领所投入的承诺计入共建单位的贡献台账。");

    private static Task<IResult> CompleteAsync(
        string projectId, CompleteRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        ProjectEndpoints.RunAsync(http, guard, runner, projectId, new CompleteProject(request.Summary), cancellationToken);
}
