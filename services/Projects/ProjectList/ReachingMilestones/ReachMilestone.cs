namespace Platform.Projects.ProjectList;

/// <summary>A task's owner reports a step reached, the last one with <paramref name="CompletesTask"/>, which needs
/// evidence kept for the task first.</summary>
public sealed record ReachMilestone(string? TaskId, string? Title, string? Note, DateOnly? ReachedOn, bool CompletesTask) : ProjectCommand;

public static partial class ProjectDecider
{
    private static MilestoneReached Reach(ReachMilestone command, Project state, DecisionContext context)
    {
        ExpectActive(state, "再报告进展");
        var task = state.Task(command.TaskId?.Trim()) ?? throw new InvalidReferenceException("taskId", $"项目「{state.Name}」没有任务「{command.TaskId}」。");
        if (task.IsDone) throw new RuleViolationException($"任务「{task.What}」已于 {task.DoneOn:yyyy-MM-dd} 完成。");
        var today = DistrictTime.DateOf(context.Now);
        new Validation()
            .Text(command.Title, "title", "进展", 100, singleLine: true)
            .Text(command.Note, "note", "说明", 1000, required: false)
            .Require(command.ReachedOn is not null, "reachedOn", "须写明日期。")
            .Require(command.ReachedOn is null || command.ReachedOn <= today, "reachedOn", "不能报告尚未发生的进展。")
            .Require(command.ReachedOn is null || command.ReachedOn >= state.DecidedOn, "reachedOn", "进展日期不能早于立项。")
            .ThrowIfInvalid();
        if (command.CompletesTask && state.EvidenceOf(task.TaskId) == 0)
            throw new RuleViolationException($"任务「{task.What}」完成前须上传至少一份现场照片或验收材料作为证据。");
        var done = state.Tasks.Count(candidate => candidate.IsDone) + (command.CompletesTask ? 1 : 0);
        return new MilestoneReached(
            state.ProjectId, state.Name, task.TaskId, task.What, command.Title!.Trim(), string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            command.ReachedOn!.Value, command.CompletesTask, done, state.Tasks.Count, context.Actor, context.Now);
    }
}

public static class ReachMilestoneEndpoint
{
    public sealed record MilestoneRequest(string? TaskId, string? Title, string? Note, DateOnly? ReachedOn, bool? CompletesTask);

    public static void Map(RouteGroupBuilder projects) =>
        projects.MapPost("/{projectId}/milestones", ReachAsync).RequireAccess(ProjectsActions.ReportProgress).WithName("ReachProjectMilestone")
            .WithSummary("报告一项任务的进展（节点）；completesTask 为真时该任务完成。共建单位只能报告本单位负责的任务。项目进度由完成的任务计出，不可填写百分比。");

    private static Task<IResult> ReachAsync(
        string projectId, MilestoneRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        ProjectEndpoints.RunAsync(http, guard, runner, projectId,
            new ReachMilestone(request.TaskId, request.Title, request.Note, request.ReachedOn, request.CompletesTask ?? false), cancellationToken,
            ownTask: request.TaskId);
}
