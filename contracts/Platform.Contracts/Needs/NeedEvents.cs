using MassTransit;

namespace Platform.Contracts.Needs;

/// <summary>Where a need or case sits in the district's territorial tree. Grid and building are optional: many
/// problems are in a street or a shared courtyard.</summary>
public sealed record NeedPlace(string StreetId, string CommunityId, string? GridId, string? BuildingId, string? Address);

/// <summary>
/// A need entered the community's 需求清单. Carries no personal data: the reporter's name and phone stay in the Needs
/// service, which masks them; consumers that must reach the reporter ask the community.
/// </summary>
[MessageUrn("platform:needs:need-raised:v1")]
public sealed record NeedRaised(
    string DistrictCode,
    string NeedId,
    string Title,
    string Category,
    string Urgency,
    NeedPlace Place,
    string Channel,
    DateTimeOffset RaisedAt);

/// <summary>Community staff took the need on; <paramref name="HandlingClass"/> sets its time limit.</summary>
[MessageUrn("platform:needs:need-accepted:v1")]
public sealed record NeedAccepted(string DistrictCode, string NeedId, string HandlingClass, DateTimeOffset HandleBy, DateTimeOffset AcceptedAt);

/// <summary>The need was rejected (with a reason) or merged into an earlier need about the same problem.</summary>
[MessageUrn("platform:needs:need-declined:v1")]
public sealed record NeedDeclined(string DistrictCode, string NeedId, string Outcome, string Reason, string? DuplicateOfNeedId, DateTimeOffset DeclinedAt);

/// <summary>The need's work is done as far as the community can tell; the resident is asked next.</summary>
[MessageUrn("platform:needs:need-resolved:v1")]
public sealed record NeedResolved(string DistrictCode, string NeedId, string Resolution, DateTimeOffset ResolvedAt);

/// <summary>The resident's 反馈: whether the problem was solved and whether they are satisfied.</summary>
[MessageUrn("platform:needs:feedback-given:v1")]
public sealed record FeedbackGiven(
    string DistrictCode, string NeedId, string? CaseId, bool Resolved, bool Satisfied, string? Comment, DateTimeOffset GivenAt);

[MessageUrn("platform:needs:need-closed:v1")]
public sealed record NeedClosed(string DistrictCode, string NeedId, DateTimeOffset ClosedAt);

[MessageUrn("platform:needs:need-reopened:v1")]
public sealed record NeedReopened(string DistrictCode, string NeedId, string Reason, DateTimeOffset ReopenedAt);

/// <summary>A 微心愿 was accepted and may be claimed by party members and volunteers (the Volunteers service lists it).</summary>
[MessageUrn("platform:needs:micro-wish-published:v1")]
public sealed record MicroWishPublished(
    string DistrictCode, string NeedId, string Title, string Description, NeedPlace Place, DateTimeOffset PublishedAt);
