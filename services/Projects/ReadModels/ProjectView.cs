using Platform.EventSourcing;
using Platform.Projects.ProjectList;

namespace Platform.Projects.ReadModels;

/// <summary>A milestone as the project's page lists it under its task.</summary>
public sealed record MilestoneView(string TaskId, string Title, string? Note, DateOnly ReachedOn, bool CompletesTask, DateTimeOffset ReportedAt);

/// <summary>A project as the 项目清单, its page and the 责任清单 show it.</summary>
public sealed record ProjectView : IStreamView
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Summary { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string? CommunityId { get; init; }
    public string? Funding { get; init; }
    public DateOnly DueOn { get; init; }
    public string? MeetingId { get; init; }
    public string Status { get; init; } = "";
    public IReadOnlyList<ProjectNeed> Needs { get; init; } = [];
    public IReadOnlyList<ResponsibilityTask> Tasks { get; init; } = [];
    public IReadOnlyList<MilestoneView> Milestones { get; init; } = [];
    public string? CompletionSummary { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public const string Active = "active";
    public const string Completed = "completed";

    public static ProjectView Apply(ProjectView view, ProjectEvent @event) => @event switch
    {
        ProjectDecided decided => view with
        {
            Id = decided.ProjectId, Name = decided.Name, Summary = decided.Summary, StreetId = decided.Party.StreetId, CommunityId = decided.Party.CommunityId,
            Funding = decided.Funding, DueOn = decided.DueOn, MeetingId = decided.MeetingId, Status = Active, Tasks = decided.Tasks,
            DecidedAt = decided.DecidedAt, UpdatedAt = decided.DecidedAt,
        },
        NeedTakenIntoProject taken => view with { Needs = [.. view.Needs, new ProjectNeed(taken.NeedId, taken.NeedTitle)], UpdatedAt = taken.TakenAt },
        TaskAssigned assigned => view with { Tasks = [.. view.Tasks, assigned.Task], UpdatedAt = assigned.AssignedAt },
        MilestoneReached reached => view with
        {
            Milestones = [.. view.Milestones, new MilestoneView(reached.TaskId, reached.Title, reached.Note, reached.ReachedOn, reached.CompletesTask, reached.ReportedAt)],
            Tasks = reached.CompletesTask
                ? [.. view.Tasks.Select(task => task.TaskId == reached.TaskId ? task with { DoneOn = reached.ReachedOn } : task)]
                : view.Tasks,
            UpdatedAt = reached.ReportedAt,
        },
        ProjectCompleted completed => view with
        {
            Status = Completed, CompletionSummary = completed.Summary, CompletedAt = completed.CompletedAt, UpdatedAt = completed.CompletedAt,
        },
    };

    /// <summary>The earliest deadline of a task still open: a project is overdue once the district's date passes it.</summary>
    public DateOnly? NextDeadline => Tasks.Where(task => !task.IsDone).Select(task => (DateOnly?)task.Deadline).Min();
}
