using MassTransit;

namespace Platform.Contracts.Projects;

/// <summary>A joint meeting (联席会议) took a need into a project; the need is then followed there.</summary>
[MessageUrn("platform:projects:need-matched-to-project:v1")]
public sealed record NeedMatchedToProject(
    string DistrictCode, string NeedId, string ProjectId, string ProjectName, DateTimeOffset MatchedAt);

/// <summary>A project was completed; every need it carried counts as resolved by it.</summary>
[MessageUrn("platform:projects:project-completed:v1")]
public sealed record ProjectCompleted(
    string DistrictCode, string ProjectId, string ProjectName, IReadOnlyList<string> NeedIds, string Summary, DateTimeOffset CompletedAt);
