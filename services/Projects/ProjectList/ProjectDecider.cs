using Platform.Kernel;

namespace Platform.Projects.ProjectList;

/// <summary>What may be asked of a project: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record ProjectCommand
{
    private protected ProjectCommand() { }
}

/// <summary>A task as the minutes or the form state it, before it has an id: what, who (a unit the handler found, or
/// a person or office by name), and by when.</summary>
public sealed record TaskDraft(string? What, string? OwnerName, string? UnitId, DateOnly? Deadline);

/// <summary>The rules of the 项目清单 and 责任清单 as pure functions; each use case's decision stands in its own folder.</summary>
public static partial class ProjectDecider
{
    public const int MostTasks = 30;
    public const int MostNeeds = 50;
    public const int MostClaims = 100;
    public const int MostEvidencePerTask = 20;

    /// <summary>A project is planned at most this many years ahead: longer work is split into projects a meeting can review.</summary>
    public const int LongestYears = 3;

    public static readonly Decider<ProjectCommand, ProjectEvent, Project> Decider = new(Project.Initial, Project.Evolve, Decide, Project.StreamId);

    public static IReadOnlyList<ProjectEvent> Decide(ProjectCommand command, Project state, DecisionContext context) => command switch
    {
        DecideProject decide => Decided(decide, state, context),
        TakeNeed take => Take(take, state, context),
        AssignTask assign => [Assign(assign, state, context)],
        ReachMilestone reach => [Reach(reach, state, context)],
        AddTaskEvidence add => [AddEvidence(add, state, context)],
        NoticeOverdue notice => Notice(notice, state, context),
        EscalateTask escalate => [Escalate(escalate, state, context)],
        DropProject drop => [Drop(drop, state, context)],
        RescheduleProject reschedule => Reschedule(reschedule, state, context),
        RequestResource request => [Request(request, state, context)],
        AnswerResourceRequest answer => Answer(answer, state, context),
        ClaimProject claim => [Claim(claim, state, context)],
        ConfirmClaim confirm => [Confirm(confirm, state, context)],
        DeclineClaim decline => [Decline(decline, state, context)],
        CompleteProject complete => Complete(complete, state, context),
    };

    private static void ExpectActive(Project state, string action)
    {
        if (state.Status == ProjectStatus.None) throw new NotFoundException($"项目「{state.ProjectId}」不存在。");
        if (state.Status != ProjectStatus.Active)
            throw new RuleViolationException($"项目「{state.Name}」已{(state.Status == ProjectStatus.Dropped ? "撤销" : "完成")}，不能{action}。");
    }

    /// <summary>A task's own rules, for the first 责任清单 and for a task added later alike.</summary>
    private static Validation Task(this Validation validation, TaskDraft? draft, string field, DateOnly today, DateOnly? dueOn) => validation
        .Require(draft is not null, field, "须写明任务。")
        .Text(draft?.What, $"{field}.what", "任务内容", 200, singleLine: true)
        .Text(draft?.OwnerName, $"{field}.ownerName", "责任单位或责任人", 60, singleLine: true)
        .Require(draft?.Deadline is not null, $"{field}.deadline", "须写明完成时限。")
        .Require(draft?.Deadline is null || draft.Deadline >= today, $"{field}.deadline", "完成时限不能早于今天。")
        .Require(draft?.Deadline is null || dueOn is null || draft.Deadline <= dueOn, $"{field}.deadline", "任务时限不能晚于项目的完成时限。");

    private static ResponsibilityTask TaskFrom(TaskDraft draft, string taskId) =>
        new(taskId, draft.What!.Trim(), new TaskOwner(draft.OwnerName!.Trim(), draft.UnitId), draft.Deadline!.Value, null);
}
