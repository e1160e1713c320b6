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
