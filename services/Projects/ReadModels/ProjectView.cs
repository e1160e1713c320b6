using Platform.EventSourcing;
using Platform.Projects.ProjectList;

namespace Platform.Projects.ReadModels;

/// <summary>A milestone as the project's page lists it under its task.</summary>
public sealed record MilestoneView(string TaskId, string Title, string? Note, DateOnly ReachedOn, bool CompletesTask, DateTimeOffset ReportedAt);

/// <summary>A claim as the project's page and the claims waiting for the community show it.</summary>
/// <param name="Reason">Why the community declined it.</param>
public sealed record ClaimView(
    string ClaimId, string UnitId, string UnitName, string? TaskId, string? Task, ClaimPledge? Pledge, string? Note, string Status, DateTimeOffset ClaimedAt,
    DateTimeOffset? DecidedAt, string? Reason)
{
    public const string Open = "open";
    public const string Confirmed = "confirmed";
    public const string Declined = "declined";

    public static string StatusCode(ClaimStatus status) => status switch
    {
        ClaimStatus.Confirmed => Confirmed,
        ClaimStatus.Declined => Declined,
        _ => Open,
    };

    public static string StatusName(string status) => status switch
    {
        Confirmed => "社区已确认",
        Declined => "不予确认",
        _ => "待社区确认",
    };
}

/// <summary>A claim with the project it is on, as the list of claims reads it.</summary>
public sealed record ClaimRow(string ProjectId, string ProjectName, string StreetId, string? CommunityId, ClaimView Claim);

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
    public IReadOnlyList<ClaimView> Claims { get; init; } = [];
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
        ProjectClaimed claimed => view with
        {
            Claims = [.. view.Claims, new ClaimView(
                claimed.ClaimId, claimed.UnitId, claimed.UnitName, claimed.TaskId, claimed.Task, claimed.Pledge, claimed.Note, ClaimView.Open, claimed.ClaimedAt, null,
                null)],
            UpdatedAt = claimed.ClaimedAt,
        },
        ClaimConfirmed confirmed => view with
        {
            Claims = [.. view.Claims.Select(claim => claim.ClaimId == confirmed.ClaimId
                ? claim with { Status = ClaimView.Confirmed, DecidedAt = confirmed.ConfirmedAt }
                : claim)],
            UpdatedAt = confirmed.ConfirmedAt,
        },
        ClaimDeclined declined => view with
        {
            Claims = [.. view.Claims.Select(claim => claim.ClaimId == declined.ClaimId
                ? claim with { Status = ClaimView.Declined, DecidedAt = declined.DeclinedAt, Reason = declined.Reason }
                : claim)],
            UpdatedAt = declined.DeclinedAt,
        },
        ProjectCompleted completed => view with
        {
            Status = Completed, CompletionSummary = completed.Summary, CompletedAt = completed.CompletedAt, UpdatedAt = completed.CompletedAt,
        },
    };

    /// <summary>The earliest deadline of a task still open: a project is overdue once the district's date passes it.</summary>
    /// <summary>The units that take part: each task's owner and every unit that claimed (its members see their own claims, declined ones too).</summary>
    public IEnumerable<string> UnitIds => Tasks.Select(task => task.Owner.UnitId).OfType<string>().Concat(Claims.Select(claim => claim.UnitId)).Distinct();

    /// <summary>Whether a unit answers for a task here: it owns it, or its confirmed claim covers the task or the whole project.</summary>
    public bool Answers(string? unitId, string taskId) =>
        unitId is not null && (Tasks.Any(task => task.TaskId == taskId && task.Owner.UnitId == unitId)
            || Claims.Any(claim => claim.UnitId == unitId && claim.Status == ClaimView.Confirmed && (claim.TaskId is null || claim.TaskId == taskId)));

    public DateOnly? NextDeadline => Tasks.Where(task => !task.IsDone).Select(task => (DateOnly?)task.Deadline).Min();
}
