using Platform.EventSourcing;
using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;

namespace Platform.Needs.ReadModels;

public sealed record TransferView(string DepartmentId, string Reason, string? SuggestedDepartmentId, DateTimeOffset RequestedAt);

public sealed record CallbackView(bool Resolved, bool Satisfied, string? Comment, DateTimeOffset At);

public sealed record DeadlineView(string Kind, DateTimeOffset DueAt);

/// <summary>A department's photo or document of its work on the case.</summary>
public sealed record EvidenceView(string DepartmentId, MediaReference Media, DateTimeOffset AddedAt);

/// <summary>A time limit a timer watches. <paramref name="Key"/> is unique within the stream and names the round.</summary>
public sealed record RunningDeadline(string Key, string Kind, string? DepartmentId, int Round, DateTimeOffset DueAt);

/// <summary>A whistle case as the board, lists and detail pages show it, kept by <see cref="NeedsViewProjection"/>.</summary>
public sealed record CaseView : IStreamView
{
    public string Id { get; init; } = "";
    public string NeedId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public string Urgency { get; init; } = "";
    public Place Place { get; init; } = new("", "", null, null, null);
    public string Level { get; init; } = WhistleLevels.Street;
    public string WhistleType { get; init; } = "";
    public string Reason { get; init; } = "";
    public IReadOnlyList<string> TriedByCommunity { get; init; } = [];
    public bool AutomaticWhistle { get; init; }
    public string Status { get; init; } = CaseStatus.AwaitingDispatch.Code();
    public string? HandlingClass { get; init; }
    public string? LeadDepartmentId { get; init; }
    public IReadOnlyList<string> AssistingDepartmentIds { get; init; } = [];
    public IReadOnlyList<string> ParticipatingUnitIds { get; init; } = [];
    public IReadOnlyList<string> SignedDepartmentIds { get; init; } = [];
    public int Round { get; init; }
    public DateTimeOffset BlownAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public DateTimeOffset? SignBy { get; init; }
    /// <summary>Sign deadlines that differ from the dispatch's: departments that joined by transfer.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> TransferSignBy { get; init; } = new Dictionary<string, DateTimeOffset>();
    public IReadOnlyList<string> BreachedDeadlines { get; init; } = [];
    public DateTimeOffset? HandleBy { get; init; }
    public string? Result { get; init; }
    public IReadOnlyList<EvidenceView> Evidence { get; init; } = [];
    public TransferView? PendingTransfer { get; init; }
    public CallbackView? Callback { get; init; }
    public int Escalations { get; init; }
    public int Breaches { get; init; }
    public bool Overdue { get; init; }

    /// <summary>The first time limit this round broke: what the board shows in red, with how long ago it passed.</summary>
    public DeadlineView? OverdueSince { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public IReadOnlyList<string> DepartmentIds => LeadDepartmentId is null ? AssistingDepartmentIds : [LeadDepartmentId, .. AssistingDepartmentIds];

    public bool IsOpen => Status != CaseStatus.Closed.Code();

    public DateTimeOffset? SignDeadlineOf(string departmentId) => TransferSignBy.TryGetValue(departmentId, out var transferred) ? transferred : SignBy;

    /// <summary>The time limits still running: one per department yet to sign, and the handling limit while the lead
    /// department works. A breached limit is not running any more (it has been recorded and escalated).</summary>
    public IReadOnlyList<RunningDeadline> RunningDeadlines()
    {
        if (Status is not ("dispatched" or "in-handling")) return [];
        var running = new List<RunningDeadline>();
        foreach (var departmentId in DepartmentIds.Where(id => !SignedDepartmentIds.Contains(id)))
        {
            var key = WhistleCase.SignDeadlineKey(departmentId, Round);
            if (!BreachedDeadlines.Contains(key) && SignDeadlineOf(departmentId) is { } signBy)
                running.Add(new RunningDeadline(key, WhistleCaseDecider.SignDeadline, departmentId, Round, signBy));
        }
        var handleKey = WhistleCase.HandleDeadlineKey(Round);
        if (!BreachedDeadlines.Contains(handleKey) && HandleBy is { } handleBy)
            running.Add(new RunningDeadline(handleKey, WhistleCaseDecider.HandleDeadline, null, Round, handleBy));
        return running;
    }

    /// <summary>The earliest running limit, which the board counts down to.</summary>
    public DeadlineView? NextDeadline => RunningDeadlines().OrderBy(deadline => deadline.DueAt).Select(deadline => new DeadlineView(deadline.Kind, deadline.DueAt)).FirstOrDefault();

    public static CaseView Apply(CaseView view, object @event) => @event switch
    {
        WhistleBlown blown => view with
        {
            Id = blown.CaseId, NeedId = blown.NeedId, Title = blown.Title, Category = blown.Category, Urgency = blown.Urgency, Place = blown.Place,
            Level = blown.Level, WhistleType = blown.WhistleType, Reason = blown.Reason, TriedByCommunity = blown.TriedByCommunity,
            AutomaticWhistle = blown.Automatic, BlownAt = blown.BlownAt, Status = CaseStatus.AwaitingDispatch.Code(), UpdatedAt = blown.BlownAt,
        },
        CaseDispatched dispatched => view with
        {
            Status = CaseStatus.Dispatched.Code(), Level = dispatched.Level, HandlingClass = dispatched.HandlingClass,
            LeadDepartmentId = dispatched.LeadDepartmentId, AssistingDepartmentIds = dispatched.AssistingDepartmentIds,
            ParticipatingUnitIds = dispatched.ParticipatingUnitIds, SignedDepartmentIds = [], Round = dispatched.Round,
            DispatchedAt = dispatched.DispatchedAt, SignBy = dispatched.SignBy, TransferSignBy = new Dictionary<string, DateTimeOffset>(), HandleBy = dispatched.HandleBy, Overdue = false, OverdueSince = null, UpdatedAt = dispatched.DispatchedAt,
        },
        DepartmentSigned signed => view with
        {
            SignedDepartmentIds = [.. view.SignedDepartmentIds, signed.DepartmentId],
            Status = signed.DepartmentId == view.LeadDepartmentId && view.Status == CaseStatus.Dispatched.Code() ? CaseStatus.InHandling.Code() : view.Status,
            UpdatedAt = signed.SignedAt,
        },
        CaseProgressNoted noted => view with { UpdatedAt = noted.NotedAt },
        CaseReported reported => view with { Status = CaseStatus.Reported.Code(), Result = reported.Result, UpdatedAt = reported.ReportedAt },
        CaseVerified verified => view with
        {
            Status = verified.Passed ? CaseStatus.Verified.Code() : CaseStatus.InHandling.Code(), UpdatedAt = verified.VerifiedAt,
        },
        CallbackRecorded callback => view with
        {
            Status = CaseStatus.CallbackDone.Code(), Callback = new CallbackView(callback.Resolved, callback.Satisfied, callback.Comment, callback.RecordedAt),
            UpdatedAt = callback.RecordedAt,
        },
        CaseClosed closed => view with { Status = CaseStatus.Closed.Code(), ClosedAt = closed.ClosedAt, UpdatedAt = closed.ClosedAt },
        CaseReopened reopened => view with
        {
            Status = CaseStatus.InHandling.Code(), Round = reopened.Round, HandleBy = reopened.HandleBy, Callback = null, Overdue = false, OverdueSince = null, UpdatedAt = reopened.ReopenedAt,
        },
        TransferRequested requested => view with
        {
            PendingTransfer = new TransferView(requested.DepartmentId, requested.Reason, requested.SuggestedDepartmentId, requested.RequestedAt),
            UpdatedAt = requested.RequestedAt,
        },
        TransferRejected rejected => view with { PendingTransfer = null, UpdatedAt = rejected.DecidedAt },
        CaseTransferred transferred => view with
        {
            PendingTransfer = null,
            LeadDepartmentId = transferred.LeadChanged ? transferred.ToDepartmentId : view.LeadDepartmentId,
            AssistingDepartmentIds = transferred.LeadChanged
                ? view.AssistingDepartmentIds
                : [.. view.AssistingDepartmentIds.Select(id => id == transferred.FromDepartmentId ? transferred.ToDepartmentId : id)],
            SignedDepartmentIds = [.. view.SignedDepartmentIds.Where(id => id != transferred.FromDepartmentId)],
            TransferSignBy = new Dictionary<string, DateTimeOffset>(view.TransferSignBy) { [transferred.ToDepartmentId] = transferred.SignBy },
            Status = transferred.LeadChanged ? CaseStatus.Dispatched.Code() : view.Status,
            UpdatedAt = transferred.DecidedAt,
        },
        CaseOverdue overdue => view with
        {
            Overdue = true, OverdueSince = view.OverdueSince ?? new DeadlineView(overdue.Deadline, overdue.DueAt), Breaches = view.Breaches + 1,
            UpdatedAt = overdue.DetectedAt,
            BreachedDeadlines = [.. view.BreachedDeadlines, overdue.Deadline == WhistleCaseDecider.SignDeadline
                ? WhistleCase.SignDeadlineKey(overdue.DepartmentIds[0], overdue.Round)
                : WhistleCase.HandleDeadlineKey(overdue.Round)],
        },
        CaseEscalated escalated => view with { Level = escalated.ToLevel, Escalations = view.Escalations + 1, UpdatedAt = escalated.EscalatedAt },
        CaseEvidenceAdded added => view with
        {
            Evidence = [.. view.Evidence, .. added.Media.Select(media => new EvidenceView(added.DepartmentId, media, added.AddedAt))], UpdatedAt = added.AddedAt,
        },
        _ => view,
    };
}
