using MassTransit;

namespace Platform.Contracts.Projects;

/// <summary>A joint meeting (联席会议) took a need into a project; the need is then followed there.</summary>
[MessageUrn("platform:projects:need-matched-to-project:v1")]
public sealed record NeedMatchedToProject(
    string DistrictCode, string NeedId, string ProjectId, string ProjectName, DateTimeOffset MatchedAt);

/// <summary>A completed project delivered what a unit's confirmed claim pledged of a promise of its agreement
/// (<paramref name="Commitment"/> is the promise's "what"): Resources credits it to the unit's contributions and ledger.
/// <paramref name="CommunityId"/> is null for a street's project.</summary>
[MessageUrn("platform:projects:project-contribution-delivered:v1")]
public sealed record ProjectContributionDelivered(
    string DistrictCode, string ProjectId, string ProjectName, string ClaimId, string UnitId, string UnitName, string StreetId, string? CommunityId,
    string AgreementId, string Commitment, string Measure, decimal Amount, string What, DateOnly DeliveredOn, DateTimeOffset CompletedAt);

/// <summary>A step of a project was reached (a milestone of one of its tasks): <paramref name="TasksDone"/> of its
/// <paramref name="Tasks"/> are now done. The needs it answers show this progress to the residents who raised them.</summary>
[MessageUrn("platform:projects:project-progressed:v1")]
public sealed record ProjectProgressed(
    string DistrictCode, string ProjectId, string ProjectName, string Task, string Milestone, bool CompletesTask, int TasksDone, int Tasks, int ProgressPercent,
    DateOnly ReachedOn, DateTimeOffset ReportedAt);

/// <summary>A project was completed; every need it carried counts as resolved by it.</summary>
[MessageUrn("platform:projects:project-completed:v1")]
public sealed record ProjectCompleted(
    string DistrictCode, string ProjectId, string ProjectName, IReadOnlyList<string> NeedIds, string Summary, DateTimeOffset CompletedAt);

/// <summary>A task of a community's project ran past its deadline and the community blew the whistle on it (吹哨): the
/// Needs service opens it as a need of the 需求清单 with a whistle case at <paramref name="Level"/> (street or district),
/// so the functional departments report to it as they do to any whistle. <paramref name="NeedIds"/> are the needs the
/// project answers, from which the case takes its category and place.</summary>
[MessageUrn("platform:projects:project-task-escalated:v1")]
public sealed record ProjectTaskEscalated(
    string DistrictCode, string ProjectId, string ProjectName, string StreetId, string CommunityId, string TaskId, string Task, string OwnerName,
    DateOnly Deadline, int DaysLate, IReadOnlyList<string> NeedIds, string Level, string Reason, string EscalatedBy, DateTimeOffset EscalatedAt);

/// <summary>A joint meeting dropped (撤销) a project at its review: the needs it answered go back to their community,
/// which handles them again (or takes them to another meeting).</summary>
[MessageUrn("platform:projects:project-dropped:v1")]
public sealed record ProjectDropped(
    string DistrictCode, string ProjectId, string ProjectName, IReadOnlyList<string> NeedIds, string Reason, DateTimeOffset DroppedAt);

/// <summary>A project asks for part of a co-building unit's offer on a date (and time span, for an offer that opens by
/// time slots): Resources books it as <paramref name="BookingId"/> for the project's community, or refuses it
/// (<c>ResourceBookingRefused</c>) when it is full or not open then.</summary>
[MessageUrn("platform:projects:project-resource-requested:v1")]
public sealed record ProjectResourceRequested(
    string DistrictCode, string ProjectId, string ProjectName, string RequestId, string BookingId, string OfferId, string StreetId, string CommunityId,
    DateOnly Date, TimeOnly? From, TimeOnly? To, decimal Quantity, string Purpose, DateTimeOffset RequestedAt);
