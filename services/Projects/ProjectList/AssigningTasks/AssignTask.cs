using Platform.Projects.Copies;

namespace Platform.Projects.ProjectList;

/// <summary>One more line of the 责任清单, with its owner and deadline.</summary>
public sealed record AssignTask(TaskDraft Task) : ProjectCommand;

public static partial class ProjectDecider
{
    private static TaskAssigned Assign(AssignTask command, Project state, DecisionContext context)
    {
        ExpectActive(state, "再分派任务");
        if (state.Tasks.Count >= MostTasks) throw new RuleViolationException($"一个项目至多 {MostTasks} 项任务。");
        new Validation().Task(command.Task, "task", DistrictTime.DateOf(context.Now), state.DueOn).ThrowIfInvalid();
        return new TaskAssigned(state.ProjectId, TaskFrom(command.Task, state.NextTaskId()), context.Actor, context.Now);
    }
}

public static class AssignTaskEndpoint
{
    public static void Map(RouteGroupBuilder projects) =>
        projects.MapPost("/{projectId}/tasks", AssignAsync).RequireAccess(ProjectsActions.ManageProjects).WithName("AssignProjectTask")
            .WithSummary("在责任清单中增加一项任务：内容、责任单位（共建单位编号）或责任人、完成时限。");

    private static async Task<IResult> AssignAsync(
        string projectId, DecideProjectEndpoint.TaskRequest request, HttpContext http, AccessGuard guard, ProjectCopies copies, ProjectQueries queries,
        CommandRunner runner, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await ProjectEndpoints.ManagedProjectAsync(user, projectId, guard, queries, cancellationToken);
        var draft = await copies.DraftAsync(user.DistrictCode, request, "task", cancellationToken);
        return await ProjectEndpoints.RunAsync(http, guard, runner, projectId, new AssignTask(draft), cancellationToken);
    }
}
