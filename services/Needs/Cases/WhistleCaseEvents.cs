using Platform.EventSourcing;
using Platform.Kernel;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

/// <summary>Everything that can happen to a whistle case: a closed set, so that Evolve and every switch over it name each case.</summary>
[ClosedHierarchy]
public abstract record CaseEvent
{
    private protected CaseEvent() { }
}

[EventType("cases.whistle-blown.v1")]
public sealed record WhistleBlown(
    string CaseId,
    string NeedId,
    string Title,
    string Category,
    string Urgency,
    Place Place,
    string Level,
    string WhistleType,
    string Reason,
    IReadOnlyList<string> TriedByCommunity,
    bool Automatic,
    string BlownBy,
    DateTimeOffset BlownAt) : CaseEvent;

/// <summary>Sent to departments; <paramref name="Round"/> numbers the deadlines, so that a later round's deadlines
/// never answer for an earlier one's.</summary>
[EventType("cases.case-dispatched.v1")]
public sealed record CaseDispatched(
    string CaseId,
    string Level,
    string LeadDepartmentId,
    IReadOnlyList<string> AssistingDepartmentIds,
    IReadOnlyList<string> ParticipatingUnitIds,
    string HandlingClass,
    int Round,
    DateTimeOffset SignBy,
    DateTimeOffset HandleBy,
    string? Note,
    string DispatchedBy,
    DateTimeOffset DispatchedAt) : CaseEvent;

[EventType("cases.department-signed.v1")]
public sealed record DepartmentSigned(
    string CaseId, string DepartmentId, bool ContactedReporter, bool InTime, DateTimeOffset SignBy, DateTimeOffset DispatchedAt, string SignedBy, DateTimeOffset SignedAt) : CaseEvent;

[EventType("cases.progress-noted.v1")]
public sealed record CaseProgressNoted(string CaseId, string DepartmentId, string Note, string NotedBy, DateTimeOffset NotedAt) : CaseEvent;

/// <summary>The lead department reports the case handled (办理反馈).</summary>
[EventType("cases.case-reported.v1")]
public sealed record CaseReported(
    string CaseId, string DepartmentId, string Result, bool InTime, DateTimeOffset HandleBy, DateTimeOffset DispatchedAt, string ReportedBy, DateTimeOffset ReportedAt) : CaseEvent;

/// <summary>Community staff checked the result on site; a failed check sends the case back to the lead department.</summary>
[EventType("cases.case-verified.v1")]
public sealed record CaseVerified(string CaseId, bool Passed, string Note, string VerifiedBy, DateTimeOffset VerifiedAt) : CaseEvent;

/// <summary>The resident's answer at the callback (回访); the departments are named so that scores need no lookup.</summary>
[EventType("cases.callback-recorded.v1")]
public sealed record CallbackRecorded(
    string CaseId, bool Resolved, bool Satisfied, string? Comment, string LeadDepartmentId, IReadOnlyList<string> DepartmentIds, string RecordedBy, DateTimeOffset RecordedAt) : CaseEvent;

[EventType("cases.case-closed.v1")]
public sealed record CaseClosed(string CaseId, string NeedId, bool Resolved, bool Satisfied, string ClosedBy, DateTimeOffset ClosedAt) : CaseEvent;

/// <summary>重办: the resident was not satisfied, the case goes back to the lead department with a new time limit.</summary>
[EventType("cases.case-reopened.v1")]
public sealed record CaseReopened(string CaseId, string Reason, int Round, DateTimeOffset HandleBy, string ReopenedBy, DateTimeOffset ReopenedAt) : CaseEvent;

[EventType("cases.transfer-requested.v1")]
public sealed record TransferRequested(string CaseId, string DepartmentId, string Reason, string? SuggestedDepartmentId, string RequestedBy, DateTimeOffset RequestedAt) : CaseEvent;

[EventType("cases.case-transferred.v1")]
public sealed record CaseTransferred(
    string CaseId, string FromDepartmentId, string ToDepartmentId, bool LeadChanged, DateTimeOffset SignBy, string Note, string DecidedBy, DateTimeOffset DecidedAt) : CaseEvent;

[EventType("cases.transfer-rejected.v1")]
public sealed record TransferRejected(string CaseId, string DepartmentId, string Reason, string DecidedBy, DateTimeOffset DecidedAt) : CaseEvent;

/// <summary>A time limit passed. <paramref name="Deadline"/> is "sign" (one department) or "handle" (the case).</summary>
[EventType("cases.case-overdue.v1")]
public sealed record CaseOverdue(
    string CaseId, string Deadline, IReadOnlyList<string> DepartmentIds, string Level, int Round, DateTimeOffset DueAt, DateTimeOffset DetectedAt) : CaseEvent;

/// <summary>The case is supervised one level higher (社区 → 街道 → 区); the departments keep working on it.</summary>
[EventType("cases.case-escalated.v1")]
public sealed record CaseEscalated(string CaseId, string FromLevel, string ToLevel, bool Automatic, string Reason, string EscalatedBy, DateTimeOffset EscalatedAt) : CaseEvent;

/// <summary>A department's photos or documents of its work on the case, kept by id and digest.</summary>
[EventType("cases.case-evidence-added.v1")]
public sealed record CaseEvidenceAdded(string CaseId, string DepartmentId, IReadOnlyList<MediaReference> Media, string AddedBy, DateTimeOffset AddedAt) : CaseEvent;
