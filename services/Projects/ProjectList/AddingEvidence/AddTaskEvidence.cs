using Platform.Projects.Copies;
using Platform.Storage.Attachments;

namespace Platform.Projects.ProjectList;

/// <summary>A photo or document, already kept, becomes evidence of a task's progress.</summary>
public sealed record AddTaskEvidence(string TaskId, TaskEvidence Evidence) : ProjectCommand;

public static partial class ProjectDecider
{
    private static TaskEvidenceAdded AddEvidence(AddTaskEvidence command, Project state, DecisionContext context)
    {
        ExpectActive(state, "再上传证据");
        var task = state.Task(command.TaskId) ?? throw new NotFoundException($"项目「{state.Name}」没有任务「{command.TaskId}」。");
        if (state.EvidenceOf(task.TaskId) >= MostEvidencePerTask)
            throw new RuleViolationException($"任务「{task.What}」已有 {MostEvidencePerTask} 份证据，不能再上传。");
        return new TaskEvidenceAdded(state.ProjectId, task.TaskId, task.What, command.Evidence, context.Actor, context.Now);
    }
}

public static class AddTaskEvidenceEndpoint
{
    public const string OwnerKind = "project-evidence";

    public sealed record EvidenceAdded(string ProjectId, string TaskId, long Version, EvidenceView Evidence);

    public static void Map(RouteGroupBuilder projects)
    {
        projects.MapPost("/{projectId}/tasks/{taskId}/evidence", AddAsync).RequireAccess(ProjectsActions.ReportProgress).WithName("AddTaskEvidence")
            .DisableAntiforgery()
            .WithSummary("为任务上传一份证据（现场照片或验收材料，multipart 字段 file，照片或 PDF，不超过 10 MB；照片去除拍摄位置等元数据）；任务须有证据才能完成。共建单位只能为本单位负责的任务上传。答 201。");
        projects.MapGet("/{projectId}/evidence/{attachmentId}", GetAsync).RequireAccess(ProjectsActions.ReadProjects).WithName("GetTaskEvidence")
            .WithSummary("项目任务的一份证据文件。");
    }

    /// <summary>The caller's right over the project is checked before the file is read, and again on its state; a file
    /// the decider refuses is not kept.</summary>
    private static async Task<IResult> AddAsync(
        string projectId, string taskId, HttpContext http, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, IAttachmentStore attachments,
        CommandRunner runner, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ProjectEndpoints.ReadableProjectAsync(user, projectId, guard, queries, copies, clock, cancellationToken);
        if (user.Role == PlatformRole.UnitMember && !view.Answers(user.UnitId, taskId))
            throw new AccessDeniedException($"本单位不负责项目「{view.Name}」的任务「{taskId}」。");
        var file = await http.Request.ReadAcceptedFileAsync("file", cancellationToken);
        var (stored, decided) = await attachments.KeepAndRecordAsync(user.DistrictCode, OwnerKind, projectId, file, stored => ProjectEndpoints.DecideAsync(
            http, guard, runner, projectId, new AddTaskEvidence(taskId, EvidenceOf(stored)), state => state.Answers(user.UnitId, taskId), cancellationToken),
            cancellationToken);
        var evidence = EvidenceView.Of(projectId, taskId, EvidenceOf(stored), clock.GetUtcNow());
        return TypedResults.Created(evidence.Url, new EvidenceAdded(projectId, taskId, decided.Version, evidence));
    }

    private static TaskEvidence EvidenceOf(StoredAttachment stored) => new(stored.Id.ToString(), stored.FileName, stored.ContentType, stored.Size, stored.Sha256);

    private static async Task<IResult> GetAsync(
        string projectId, string attachmentId, HttpContext http, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, IAttachmentStore attachments,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ProjectEndpoints.ReadableProjectAsync(user, projectId, guard, queries, copies, clock, cancellationToken);
        return await http.ServeAttachmentAsync(attachments, user.DistrictCode, $"项目「{view.Name}」", attachmentId,
            view.Evidence.Select(evidence => evidence.AttachmentId), cancellationToken);
    }
}
