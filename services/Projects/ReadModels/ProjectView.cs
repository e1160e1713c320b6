using Platform.EventSourcing;
using Platform.Projects.ProjectList;

namespace Platform.Projects.ReadModels;

/// <summary>A milestone as the project's page lists it under its task.</summary>
public sealed record MilestoneView(string TaskId, string Title, string? Note, DateOnly ReachedOn, bool CompletesTask, DateTimeOffset ReportedAt);

/// <summary>A task's evidence as the project's page lists it; <paramref name="Url"/> is relative to the service.</summary>
public sealed record EvidenceView(string TaskId, string AttachmentId, string FileName, string ContentType, long Size, string Sha256, string Url, DateTimeOffset AddedAt)
{
    public static EvidenceView Of(string projectId, string taskId, TaskEvidence evidence, DateTimeOffset addedAt) => new(
        taskId, evidence.AttachmentId, evidence.FileName, evidence.ContentType, evidence.Size, evidence.Sha256,
        $"projects/{Uri.EscapeDataString(projectId)}/evidence/{Uri.EscapeDataString(evidence.AttachmentId)}", addedAt);
}

/// <summary>An overdue task's notice, as the project's page and the notices list read it.</summary>
public sealed record NoticeView(
    string ProjectId, string ProjectName, string StreetId, string? CommunityId, string TaskId, string Task, string Stage, DateOnly Deadline, int DaysLate,
    string NoticeTo, string? NoticeToUnitId, DateTimeOffset NoticedAt)
{
    public string Message => Stage == OverdueNotice.Owner
        ? $"{NoticeTo}：项目「{ProjectName}」的任务「{Task}」已逾期 {DaysLate} 天（时限 {Deadline:yyyy-MM-dd}），请尽快完成并上传证据。"
        : $"{NoticeTo}：项目「{ProjectName}」的任务「{Task}」逾期 {DaysLate} 天仍未完成，请督办；必要时可吹哨报到。";
}

/// <summary>A whistle blown on an overdue task, as the task's row shows it: the case itself is followed in the Needs service.</summary>
public sealed record TaskWhistleView(string TaskId, string Level, string Reason, DateTimeOffset BlownAt)
{
    public string LevelName => NameOf(Level);

    /// <summary>Where a whistle was blown to, as people say it.</summary>
    public static string NameOf(string level) => level == Contracts.Needs.WhistleLevels.District ? "区" : "街道";

    public string Reads => $"已吹哨至{LevelName}（{DistrictTime.Format(BlownAt)}）：{Reason}";
}

/// <summary>What the project asked of the 资源清单, and Resources' answer.</summary>
public sealed record ResourceRequestView(
    string RequestId, string BookingId, string OfferId, string OfferTitle, DateOnly Date, TimeOnly? From, TimeOnly? To, decimal Quantity, string Purpose,
    string Status, string? Refusal, DateTimeOffset RequestedAt, DateTimeOffset? AnsweredAt)
{
    public const string Requested = "requested";
    public const string Booked = "booked";
    public const string Refused = "refused";

    public string StatusName => Status switch
    {
        Booked => "已预约",
        Refused => "未能预约",
        _ => "预约中",
    };

    public string When => From is { } from && To is { } to ? $"{Date:yyyy-MM-dd} {from:HH:mm}–{to:HH:mm}" : $"{Date:yyyy-MM-dd}";
}

/// <summary>A claim as the project's page and the claims waiting for the community show it.</summary>
/// <param name="Reason">Why the community declined it.</param>
/// <param name="DeliveredOn">When the completed project delivered its pledge (credited in Resources' ledger).</param>
public sealed record ClaimView(
    string ClaimId, string UnitId, string UnitName, string? TaskId, string? Task, ClaimPledge? Pledge, string? Note, string Status, DateTimeOffset ClaimedAt,
    DateTimeOffset? DecidedAt, string? Reason, DateOnly? DeliveredOn = null)
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
    public IReadOnlyList<EvidenceView> Evidence { get; init; } = [];
    public IReadOnlyList<NoticeView> Notices { get; init; } = [];
    public IReadOnlyList<TaskWhistleView> Whistles { get; init; } = [];
    public IReadOnlyList<ResourceRequestView> Resources { get; init; } = [];
    public string? CompletionSummary { get; init; }

    /// <summary>Why the meeting dropped the project, when it did.</summary>
    public string? DropReason { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public const string Active = "active";
    public const string Completed = "completed";
    public const string Dropped = "dropped";

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
        TaskEvidenceAdded added => view with
        {
            Evidence = [.. view.Evidence, EvidenceView.Of(added.ProjectId, added.TaskId, added.Evidence, added.AddedAt)], UpdatedAt = added.AddedAt,
        },
        TaskOverdueNoticed noticed => view with
        {
            Notices = [.. view.Notices, new NoticeView(
                view.Id, view.Name, view.StreetId, view.CommunityId, noticed.TaskId, noticed.Task, noticed.Stage, noticed.Deadline, noticed.DaysLate, noticed.NoticeTo,
                noticed.NoticeToUnitId, noticed.NoticedAt)],
            UpdatedAt = noticed.NoticedAt,
        },
        TaskEscalated escalated => view with
        {
            Whistles = [.. view.Whistles, new TaskWhistleView(escalated.TaskId, escalated.Level, escalated.Reason, escalated.EscalatedAt)],
            UpdatedAt = escalated.EscalatedAt,
        },
        PledgeDelivered delivered => view with
        {
            Claims = [.. view.Claims.Select(claim => claim.ClaimId == delivered.ClaimId ? claim with { DeliveredOn = delivered.DeliveredOn } : claim)],
            UpdatedAt = delivered.DeliveredAt,
        },
        ResourceRequested requested => view with
        {
            Resources = [.. view.Resources, new ResourceRequestView(
                requested.RequestId, requested.BookingId, requested.OfferId, requested.OfferTitle, requested.Date, requested.From, requested.To,
                requested.Quantity, requested.Purpose, ResourceRequestView.Requested, null, requested.RequestedAt, null)],
            UpdatedAt = requested.RequestedAt,
        },
        ResourceRequestAnswered answered => view with
        {
            Resources = [.. view.Resources.Select(request => request.RequestId == answered.RequestId
                ? request with
                {
                    Status = answered.Booked ? ResourceRequestView.Booked : ResourceRequestView.Refused, Refusal = answered.Refusal, AnsweredAt = answered.AnsweredAt,
                }
                : request)],
            UpdatedAt = answered.AnsweredAt,
        },
        ProjectDropped dropped => view with { Status = Dropped, DropReason = dropped.Reason, UpdatedAt = dropped.DroppedAt },
        ProjectRescheduled rescheduled => view with { DueOn = rescheduled.NewDueOn, UpdatedAt = rescheduled.RescheduledAt },
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

    /// <summary>The overdue notices still to come, for the timers the projection keeps.</summary>
    public IEnumerable<OverdueNotice> PendingNotices =>
        OverdueNotice.Pending(Status == Active, Tasks, [.. Notices.Select(notice => OverdueNotice.KeyOf(notice.TaskId, notice.Stage))]);

    public DateOnly? NextDeadline => Tasks.Where(task => !task.IsDone).Select(task => (DateOnly?)task.Deadline).Min();
}
