using MassTransit;

namespace Platform.Contracts.Needs;

/// <summary>Whistle levels, lowest first: a case climbs 社区 → 街道 → 区.</summary>
public static class WhistleLevels
{
    public const string Community = "community";
    public const string Street = "street";
    public const string District = "district";
}

/// <summary>A community blew the whistle (吹哨) for a need it cannot solve, to its street or to the district.</summary>
[MessageUrn("platform:needs:whistle-blown:v1")]
public sealed record WhistleBlown(
    string DistrictCode,
    string CaseId,
    string NeedId,
    string Level,
    string WhistleType,
    string Category,
    NeedPlace Place,
    string Reason,
    bool Automatic,
    DateTimeOffset BlownAt);

/// <summary>The street or district sent the case to departments; <paramref name="LeadDepartmentId"/> is 首接负责.</summary>
[MessageUrn("platform:needs:case-dispatched:v1")]
public sealed record CaseDispatched(
    string DistrictCode,
    string CaseId,
    string Level,
    string LeadDepartmentId,
    IReadOnlyList<string> AssistingDepartmentIds,
    string HandlingClass,
    DateTimeOffset SignBy,
    DateTimeOffset HandleBy,
    DateTimeOffset DispatchedAt);

/// <summary>A department signed the case (报到) and contacted the reporter.</summary>
[MessageUrn("platform:needs:department-signed:v1")]
public sealed record DepartmentSigned(string DistrictCode, string CaseId, string DepartmentId, bool InTime, DateTimeOffset SignedAt);

/// <summary>The lead department reported the case handled; the community verifies on site next.</summary>
[MessageUrn("platform:needs:case-resolved:v1")]
public sealed record CaseResolved(
    string DistrictCode, string CaseId, string DepartmentId, string Result, bool InTime, DateTimeOffset ResolvedAt);

/// <summary>A time limit passed: <paramref name="Deadline"/> is "sign" or "handle".</summary>
[MessageUrn("platform:needs:case-overdue:v1")]
public sealed record CaseOverdue(
    string DistrictCode, string CaseId, string Deadline, IReadOnlyList<string> DepartmentIds, string Level, DateTimeOffset DueAt, DateTimeOffset DetectedAt);

/// <summary>The case moved one level up, by hand or automatically after a breach.</summary>
[MessageUrn("platform:needs:case-escalated:v1")]
public sealed record CaseEscalated(
    string DistrictCode, string CaseId, string FromLevel, string ToLevel, bool Automatic, string Reason, DateTimeOffset EscalatedAt);

[MessageUrn("platform:needs:case-closed:v1")]
public sealed record CaseClosed(string DistrictCode, string CaseId, string NeedId, bool Resolved, bool Satisfied, DateTimeOffset ClosedAt);
