using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Projects.ProjectList;

/// <summary>Whose project it is: a community's 大党委, or a street's when it spans communities (no community then).</summary>
public sealed record ProjectParty(string StreetId, string? CommunityId);

/// <summary>A need the project answers, as the Needs service published it.</summary>
public sealed record ProjectNeed(string NeedId, string Title);

/// <summary>Who answers for a task: a co-building unit (by its id), or a person or office named in the minutes.</summary>
public sealed record TaskOwner(string Name, string? UnitId);

/// <summary>One line of the 责任清单: what is to be done, by whom, by when; done when a milestone says so.</summary>
public sealed record ResponsibilityTask(string TaskId, string What, TaskOwner Owner, DateOnly Deadline, DateOnly? DoneOn)
{
    public bool IsDone => DoneOn is not null;

    /// <summary>Past its deadline and not done, on the district's date <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => DoneOn is null && Deadline < today;
}

/// <summary>A photo or document kept by the service as evidence of a task's progress (现场照片、验收单), by its id and digest.</summary>
public sealed record TaskEvidence(string AttachmentId, string FileName, string ContentType, long Size, string Sha256);

/// <summary>What a unit puts into a project from one promise of its co-building agreement, in that promise's measure.</summary>
public sealed record ClaimPledge(string AgreementId, string Commitment, string Measure, decimal Amount);

public enum ClaimStatus
{
    Open,
    Confirmed,
    Declined,
}

/// <summary>A unit's claim (认领) on the whole project (no task) or on one task, which the community confirms or declines.</summary>
public sealed record ProjectClaim(string ClaimId, string UnitId, string UnitName, string? TaskId, ClaimPledge? Pledge, ClaimStatus Status)
{
    public bool Stands => Status != ClaimStatus.Declined;
}

/// <summary>A request for part of an offer, as deciding needs it: which booking it asked for, and whether Resources answered.</summary>
public sealed record ResourceRequestState(string RequestId, string BookingId, string OfferTitle, bool Answered);

public enum ProjectStatus
{
    None,
    Active,
    Completed,
    Dropped,
}

/// <summary>A project of the 项目清单 as far as deciding requires: the needs it answers and its 责任清单.</summary>
public sealed record Project(
    string ProjectId, ProjectStatus Status, string Name, ProjectParty? Party, DateOnly DecidedOn, DateOnly DueOn, IReadOnlyList<ProjectNeed> Needs,
    IReadOnlyList<ResponsibilityTask> Tasks, int MilestonesReached, IReadOnlyList<ProjectClaim> Claims, IReadOnlyList<string> EvidenceTaskIds,
    IReadOnlyList<string> OverdueNoticed, IReadOnlyList<string> EscalatedTaskIds, IReadOnlyList<ResourceRequestState> ResourceRequests)
{
    public static readonly Project Initial = new("", ProjectStatus.None, "", null, default, default, [], [], 0, [], [], [], [], []);

    public static string StreamId(string projectId) => $"project-{projectId}";

    public static Project Evolve(Project state, ProjectEvent @event) => @event switch
    {
        ProjectDecided decided => state with
        {
            ProjectId = decided.ProjectId, Status = ProjectStatus.Active, Name = decided.Name, Party = decided.Party,
            DecidedOn = DistrictTime.DateOf(decided.DecidedAt), DueOn = decided.DueOn, Tasks = decided.Tasks,
        },
        NeedTakenIntoProject taken => state with { Needs = [.. state.Needs, new ProjectNeed(taken.NeedId, taken.NeedTitle)] },
        TaskAssigned assigned => state with { Tasks = [.. state.Tasks, assigned.Task] },
        MilestoneReached reached => state with
        {
            MilestonesReached = state.MilestonesReached + 1,
            Tasks = reached.CompletesTask
                ? [.. state.Tasks.Select(task => task.TaskId == reached.TaskId ? task with { DoneOn = reached.ReachedOn } : task)]
                : state.Tasks,
        },
        ProjectClaimed claimed => state with
        {
            Claims = [.. state.Claims, new ProjectClaim(claimed.ClaimId, claimed.UnitId, claimed.UnitName, claimed.TaskId, claimed.Pledge, ClaimStatus.Open)],
        },
        ClaimConfirmed confirmed => state with { Claims = [.. state.Claims.Select(claim => claim.ClaimId == confirmed.ClaimId ? claim with { Status = ClaimStatus.Confirmed } : claim)] },
        ClaimDeclined declined => state with { Claims = [.. state.Claims.Select(claim => claim.ClaimId == declined.ClaimId ? claim with { Status = ClaimStatus.Declined } : claim)] },
        ProjectCompleted => state with { Status = ProjectStatus.Completed },
        PledgeDelivered => state,
        TaskEvidenceAdded added => state with { EvidenceTaskIds = [.. state.EvidenceTaskIds, added.TaskId] },
        TaskOverdueNoticed noticed => state with { OverdueNoticed = [.. state.OverdueNoticed, OverdueNotice.KeyOf(noticed.TaskId, noticed.Stage)] },
        TaskEscalated escalated => state with { EscalatedTaskIds = [.. state.EscalatedTaskIds, escalated.TaskId] },
        ProjectDropped => state with { Status = ProjectStatus.Dropped },
        ResourceRequested requested => state with
        {
            ResourceRequests = [.. state.ResourceRequests, new ResourceRequestState(requested.RequestId, requested.BookingId, requested.OfferTitle, false)],
        },
        ResourceRequestAnswered answered => state with
        {
            ResourceRequests = [.. state.ResourceRequests.Select(request => request.RequestId == answered.RequestId ? request with { Answered = true } : request)],
        },
        ProjectRescheduled rescheduled => state with { DueOn = rescheduled.NewDueOn },
    };

    /// <summary>How many photos or documents back a task's progress.</summary>
    public int EvidenceOf(string taskId) => EvidenceTaskIds.Count(id => id == taskId);

    public ProjectClaim? Claim(string? claimId) => Claims.FirstOrDefault(claim => claim.ClaimId == claimId);

    /// <summary>Whether a unit answers for a task: it owns the task, or the community confirmed its claim on that task or
    /// on the whole project (a joint claim makes it one of several).</summary>
    public bool Answers(string? unitId, string? taskId) =>
        unitId is not null && Task(taskId) is { } task
        && (task.Owner.UnitId == unitId
            || Claims.Any(claim => claim.UnitId == unitId && claim.Status == ClaimStatus.Confirmed && (claim.TaskId is null || claim.TaskId == task.TaskId)));

    /// <summary>The id the next claim on this project gets: K1, K2, … in the order they were made.</summary>
    public string NextClaimId() => $"K{Claims.Count + 1}";

    public ResponsibilityTask? Task(string? taskId) => Tasks.FirstOrDefault(task => task.TaskId == taskId);

    /// <summary>The share of its tasks that milestones have completed: progress is shown by evidence, never typed in.</summary>
    public static int ProgressPercent(IReadOnlyCollection<ResponsibilityTask> tasks) => ProgressPercent(tasks.Count(task => task.IsDone), tasks.Count);

    public static int ProgressPercent(int tasksDone, int tasks) => tasks == 0 ? 0 : (int)Math.Floor(100m * tasksDone / tasks);

    /// <summary>The id the next task of this project gets: T1, T2, … in the order they were assigned.</summary>
    public string NextTaskId(int offset = 0) => $"T{Tasks.Count + 1 + offset}";
}

/// <summary>Everything that can happen to a project: a closed set.</summary>
[ClosedHierarchy]
public abstract record ProjectEvent
{
    private protected ProjectEvent() { }
}

/// <summary>A joint meeting (or the community's staff for it) decided the project, with its first 责任清单.</summary>
/// <param name="MeetingId">The meeting whose minutes decided it, when the meeting is kept here.</param>
/// <param name="Funding">Where the money comes from (专项经费, 党组织服务群众经费 …), as the minutes say.</param>
[EventType("projects.project-decided.v1")]
public sealed record ProjectDecided(
    string ProjectId, string Name, string Summary, ProjectParty Party, string? Funding, DateOnly DueOn, IReadOnlyList<ResponsibilityTask> Tasks,
    string? MeetingId, string Actor, DateTimeOffset DecidedAt) : ProjectEvent;

/// <summary>The project took a need on: the need is followed here from now on (Needs hears of it).</summary>
[EventType("projects.need-taken-into-project.v1")]
public sealed record NeedTakenIntoProject(string ProjectId, string ProjectName, string NeedId, string NeedTitle, string Actor, DateTimeOffset TakenAt)
    : ProjectEvent;

[EventType("projects.task-assigned.v1")]
public sealed record TaskAssigned(string ProjectId, ResponsibilityTask Task, string Actor, DateTimeOffset AssignedAt) : ProjectEvent;

/// <summary>A step of a task was reached, as its owner reports it; the last one completes the task.</summary>
[EventType("projects.milestone-reached.v1")]
/// <param name="Task">What the task is, so that the history reads by name.</param>
/// <param name="TasksDone">How many of the project's <paramref name="Tasks"/> are done with this milestone: the progress
/// the residents behind its needs are shown.</param>
public sealed record MilestoneReached(
    string ProjectId, string ProjectName, string TaskId, string Task, string Title, string? Note, DateOnly ReachedOn, bool CompletesTask, int TasksDone,
    int Tasks, string Actor, DateTimeOffset ReportedAt) : ProjectEvent;

/// <summary>A co-building unit claimed the project (no task) or one of its tasks, pledging part of a promise of its
/// agreement when it says so; the community confirms or declines.</summary>
/// <param name="Task">What the claimed task is, so that the history reads by name.</param>
[EventType("projects.project-claimed.v1")]
public sealed record ProjectClaimed(
    string ProjectId, string ClaimId, string UnitId, string UnitName, string? TaskId, string? Task, ClaimPledge? Pledge, string? Note, string Actor,
    DateTimeOffset ClaimedAt) : ProjectEvent;

/// <summary>The community confirmed the claim: the unit answers for the task (or takes part in the whole project), beside any other.</summary>
[EventType("projects.claim-confirmed.v1")]
public sealed record ClaimConfirmed(
    string ProjectId, string ClaimId, string UnitId, string UnitName, string? TaskId, string? Task, string Actor, DateTimeOffset ConfirmedAt) : ProjectEvent;

[EventType("projects.claim-declined.v1")]
public sealed record ClaimDeclined(string ProjectId, string ClaimId, string UnitId, string UnitName, string Reason, string Actor, DateTimeOffset DeclinedAt)
    : ProjectEvent;

/// <summary>Every task done: the project is complete, and every need it answered counts as resolved by it.</summary>
[EventType("projects.project-completed.v1")]
public sealed record ProjectCompleted(
    string ProjectId, string Name, IReadOnlyList<string> NeedIds, string Summary, string Actor, DateTimeOffset CompletedAt) : ProjectEvent;

/// <summary>The completed project delivered what a confirmed claim pledged: Resources credits it to the unit's
/// contributions on that promise, and its ledger posts it.</summary>
/// <param name="Task">The claimed task's what, or null for a claim on the whole project.</param>
[EventType("projects.pledge-delivered.v1")]
public sealed record PledgeDelivered(
    string ProjectId, string ProjectName, ProjectParty Party, string ClaimId, string UnitId, string UnitName, string? Task, ClaimPledge Pledge,
    DateOnly DeliveredOn, string Actor, DateTimeOffset DeliveredAt) : ProjectEvent;

/// <summary>A photo or document was kept as evidence of a task's progress; a task completes only with evidence.</summary>
/// <param name="Task">What the task is, so that the history reads by name.</param>
[EventType("projects.task-evidence-added.v1")]
public sealed record TaskEvidenceAdded(string ProjectId, string TaskId, string Task, TaskEvidence Evidence, string Actor, DateTimeOffset AddedAt) : ProjectEvent;

/// <summary>A task past its deadline was noticed: its owner is told the day after, the council's chair some days later.</summary>
/// <param name="NoticeTo">Who is told: the task's owner, or the chair (its unit in <paramref name="NoticeToUnitId"/>).</param>
[EventType("projects.task-overdue-noticed.v1")]
public sealed record TaskOverdueNoticed(
    string ProjectId, string ProjectName, string TaskId, string Task, string Stage, DateOnly Deadline, int DaysLate, string NoticeTo, string? NoticeToUnitId,
    string Actor, DateTimeOffset NoticedAt) : ProjectEvent;

/// <summary>The community blew the whistle on an overdue task: the Needs service opens a whistle case for it at
/// <paramref name="Level"/>, so the functional departments report to it (吹哨报到).</summary>
/// <param name="NeedIds">The needs the project answers when it was blown, from which the case takes its category and place.</param>
[EventType("projects.task-escalated.v1")]
public sealed record TaskEscalated(
    string ProjectId, string ProjectName, string StreetId, string CommunityId, string TaskId, string Task, string OwnerName, DateOnly Deadline, int DaysLate,
    IReadOnlyList<string> NeedIds, string Level, string Reason, string Actor, DateTimeOffset EscalatedAt) : ProjectEvent;

/// <summary>The next meeting dropped the decision that made the project: it stops, and the needs it answered go back
/// to their community (Needs hears of it).</summary>
[EventType("projects.project-dropped.v1")]
public sealed record ProjectDropped(
    string ProjectId, string Name, IReadOnlyList<string> NeedIds, string Reason, string MeetingId, string Actor, DateTimeOffset DroppedAt) : ProjectEvent;

/// <summary>The next meeting let the project continue with a new time limit.</summary>
[EventType("projects.project-rescheduled.v1")]
public sealed record ProjectRescheduled(
    string ProjectId, string Name, DateOnly DueOn, DateOnly NewDueOn, string Reason, string MeetingId, string Actor, DateTimeOffset RescheduledAt) : ProjectEvent;

/// <summary>The project asked for part of a co-building unit's offer; Resources books it (<paramref name="BookingId"/>)
/// or refuses, and answers.</summary>
[EventType("projects.resource-requested.v1")]
public sealed record ResourceRequested(
    string ProjectId, string ProjectName, string RequestId, string BookingId, string OfferId, string OfferTitle, string UnitId, string StreetId,
    string CommunityId, DateOnly Date, TimeOnly? From, TimeOnly? To, decimal Quantity, string Purpose, string Actor, DateTimeOffset RequestedAt)
    : ProjectEvent;

/// <summary>Resources booked what the project asked for, or refused it, saying why.</summary>
[EventType("projects.resource-request-answered.v1")]
public sealed record ResourceRequestAnswered(
    string ProjectId, string RequestId, string BookingId, string OfferTitle, bool Booked, string? Refusal, DateTimeOffset AnsweredAt) : ProjectEvent;

public static class ProjectEventTimes
{
    /// <summary>When it happened, as the decision saw the clock.</summary>
    public static DateTimeOffset At(this ProjectEvent @event) => @event switch
    {
        ProjectDecided decided => decided.DecidedAt,
        NeedTakenIntoProject taken => taken.TakenAt,
        TaskAssigned assigned => assigned.AssignedAt,
        MilestoneReached reached => reached.ReportedAt,
        ProjectClaimed claimed => claimed.ClaimedAt,
        ClaimConfirmed confirmed => confirmed.ConfirmedAt,
        ClaimDeclined declined => declined.DeclinedAt,
        ProjectCompleted completed => completed.CompletedAt,
        PledgeDelivered delivered => delivered.DeliveredAt,
        TaskEvidenceAdded added => added.AddedAt,
        TaskOverdueNoticed noticed => noticed.NoticedAt,
        TaskEscalated escalated => escalated.EscalatedAt,
        ProjectDropped dropped => dropped.DroppedAt,
        ResourceRequested requested => requested.RequestedAt,
        ResourceRequestAnswered answered => answered.AnsweredAt,
        ProjectRescheduled rescheduled => rescheduled.RescheduledAt,
    };
}
