using Platform.Contracts.Needs;

namespace Platform.Projects.ProjectList;

/// <summary>The community blows the whistle (吹哨) on a task past its deadline: what the units of the 大党委 could not
/// do is taken to the street's or the district's functional departments, as any whistle case of the Needs service.</summary>
public sealed record EscalateTask(string TaskId, string? Level, string? Reason) : ProjectCommand;

public static partial class ProjectDecider
{
    private static TaskEscalated Escalate(EscalateTask command, Project state, DecisionContext context)
    {
        ExpectActive(state, "吹哨");
        if (state.Task(command.TaskId) is not { } task) throw new NotFoundException($"项目「{state.Name}」没有任务「{command.TaskId}」。");
        var today = DistrictTime.DateOf(context.Now);
        if (task.IsDone) throw new RuleViolationException($"任务「{task.What}」已完成，无需吹哨。");
        if (!task.IsOverdue(today))
            throw new RuleViolationException($"任务「{task.What}」的时限是 {task.Deadline:yyyy-MM-dd}，尚未逾期：逾期未完成的任务才能吹哨。");
        if (state.EscalatedTaskIds.Contains(task.TaskId)) throw new RuleViolationException($"任务「{task.What}」已吹哨，由吹哨案件跟进。");
        // The whistle is the community's call for help; a street's own project already sits above every community.
        if (state.Party?.CommunityId is not { } communityId)
            throw new RuleViolationException($"「{state.Name}」是街道的项目：吹哨用于社区项目的逾期任务，街道的项目由街道直接协调部门。");
        new Validation()
            .Require(command.Level is WhistleLevels.Street or WhistleLevels.District, "level", "吹哨层级须为 street（街道）或 district（区）。")
            .Text(command.Reason, "reason", "吹哨原因", 1000)
            .ThrowIfInvalid();
        return new TaskEscalated(
            state.ProjectId, state.Name, state.Party.StreetId, communityId, task.TaskId, task.What, task.Owner.Name, task.Deadline,
            today.DayNumber - task.Deadline.DayNumber, [.. state.Needs.Select(need => need.NeedId)], command.Level!, command.Reason!.Trim(), context.Actor,
            context.Now);
    }
}

public static class EscalateTaskEndpoint
{
    public sealed record EscalateRequest(string? Level, string? Reason);

    public static void Map(RouteGroupBuilder projects) =>
        projects.MapPost("/{projectId}/tasks/{taskId}/whistle", EscalateAsync).RequireAccess(ProjectsActions.ManageProjects).WithName("EscalateOverdueTask")
            .WithSummary("吹哨：社区项目的任务逾期未完成，写明原因，吹哨至街道（level=street）或区（level=district）；需求服务随即立案，职能部门按吹哨报到办理。");

    private static Task<IResult> EscalateAsync(
        string projectId, string taskId, EscalateRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        ProjectEndpoints.RunAsync(http, guard, runner, projectId, new EscalateTask(taskId, request.Level, request.Reason), cancellationToken);
}
