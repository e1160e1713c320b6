using System.Collections.Immutable;
using Platform.Contracts.Needs;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public enum CaseStatus
{
    None,
    AwaitingDispatch,
    Dispatched,
    InHandling,
    Reported,
    Verified,
    CallbackDone,
    Closed,
}

public sealed record PendingTransfer(string DepartmentId, string Reason, string? SuggestedDepartmentId);

public sealed record Callback(bool Resolved, bool Satisfied);

/// <summary>A whistle case (吹哨报到) as far as deciding what may happen next requires.</summary>
public sealed record WhistleCase(
    string CaseId,
    string NeedId,
    CaseStatus Status,
    string Level,
    string Category,
    string Urgency,
    Place? Place,
    string? HandlingClass,
    string? LeadDepartmentId,
    ImmutableList<string> AssistingDepartmentIds,
    ImmutableHashSet<string> SignedDepartmentIds,
    int Round,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? SignBy,
    ImmutableDictionary<string, DateTimeOffset> TransferSignBy,
    DateTimeOffset? HandleBy,
    ImmutableHashSet<string> BreachedDeadlines,
    PendingTransfer? PendingTransfer,
    Callback? Callback,
    string? LastResult,
    int EvidenceCount = 0)
{
    public static readonly WhistleCase Initial = new(
        "", "", CaseStatus.None, WhistleLevels.Community, "", "", null, null, null, [], [], 0, null, null,
        ImmutableDictionary<string, DateTimeOffset>.Empty, null, [], null, null, null);

    public static string StreamId(string caseId) => $"case-{caseId}";

    public IEnumerable<string> DepartmentIds => LeadDepartmentId is null ? AssistingDepartmentIds : AssistingDepartmentIds.Prepend(LeadDepartmentId);

    public bool IsWorking => Status is CaseStatus.Dispatched or CaseStatus.InHandling;

    /// <summary>The sign deadline of a department in this round: the dispatch's, or the transfer's for a department
    /// that joined by transfer.</summary>
    public DateTimeOffset? SignDeadlineOf(string departmentId) =>
        TransferSignBy.TryGetValue(departmentId, out var transferred) ? transferred : SignBy;

    public static string SignDeadlineKey(string departmentId, int round) => $"sign:{departmentId}:{round}";

    public static string HandleDeadlineKey(int round) => $"handle:{round}";

    public static WhistleCase Evolve(WhistleCase state, CaseEvent @event) => @event switch
    {
        WhistleBlown blown => state with
        {
            CaseId = blown.CaseId,
            NeedId = blown.NeedId,
            Status = CaseStatus.AwaitingDispatch,
            Level = blown.Level,
            Category = blown.Category,
            Urgency = blown.Urgency,
            Place = blown.Place,
        },
        CaseDispatched dispatched => state with
        {
            Status = CaseStatus.Dispatched,
            Level = dispatched.Level,
            HandlingClass = dispatched.HandlingClass,
            LeadDepartmentId = dispatched.LeadDepartmentId,
            AssistingDepartmentIds = [.. dispatched.AssistingDepartmentIds],
            SignedDepartmentIds = [],
            Round = dispatched.Round,
            DispatchedAt = dispatched.DispatchedAt,
            SignBy = dispatched.SignBy,
            TransferSignBy = ImmutableDictionary<string, DateTimeOffset>.Empty,
            HandleBy = dispatched.HandleBy,
        },
        DepartmentSigned signed => state with
        {
            SignedDepartmentIds = state.SignedDepartmentIds.Add(signed.DepartmentId),
            Status = signed.DepartmentId == state.LeadDepartmentId && state.Status == CaseStatus.Dispatched ? CaseStatus.InHandling : state.Status,
        },
        CaseReported reported => state with { Status = CaseStatus.Reported, LastResult = reported.Result },
        CaseVerified verified => state with { Status = verified.Passed ? CaseStatus.Verified : CaseStatus.InHandling },
        CallbackRecorded callback => state with { Status = CaseStatus.CallbackDone, Callback = new Callback(callback.Resolved, callback.Satisfied) },
        CaseClosed => state with { Status = CaseStatus.Closed },
        CaseReopened reopened => state with
        {
            Status = CaseStatus.InHandling, Round = reopened.Round, HandleBy = reopened.HandleBy, Callback = null,
        },
        TransferRequested requested => state with
        {
            PendingTransfer = new PendingTransfer(requested.DepartmentId, requested.Reason, requested.SuggestedDepartmentId),
        },
        TransferRejected => state with { PendingTransfer = null },
        CaseTransferred transferred => state with
        {
            PendingTransfer = null,
            LeadDepartmentId = transferred.LeadChanged ? transferred.ToDepartmentId : state.LeadDepartmentId,
            AssistingDepartmentIds = transferred.LeadChanged
                ? state.AssistingDepartmentIds
                : state.AssistingDepartmentIds.Replace(transferred.FromDepartmentId, transferred.ToDepartmentId),
            SignedDepartmentIds = state.SignedDepartmentIds.Remove(transferred.FromDepartmentId),
            TransferSignBy = state.TransferSignBy.SetItem(transferred.ToDepartmentId, transferred.SignBy),
            Status = transferred.LeadChanged ? CaseStatus.Dispatched : state.Status,
        },
        CaseOverdue overdue => state with
        {
            BreachedDeadlines = state.BreachedDeadlines.Add(overdue.Deadline == "sign"
                ? SignDeadlineKey(overdue.DepartmentIds[0], overdue.Round)
                : HandleDeadlineKey(overdue.Round)),
        },
        CaseEscalated escalated => state with { Level = escalated.ToLevel },
        CaseProgressNoted => state,
        CaseEvidenceAdded added => state with { EvidenceCount = state.EvidenceCount + added.Media.Count },
    };
}
