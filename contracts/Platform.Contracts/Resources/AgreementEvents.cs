using MassTransit;

namespace Platform.Contracts.Resources;

/// <summary>One structured promise of an agreement: what, how much, how often (month, quarter, year or term).</summary>
/// <param name="DueInTerm">What the promise adds up to over the agreement's whole term, as Resources counts it.</param>
public sealed record AgreementCommitment(string What, string Measure, decimal Amount, string Per, decimal DueInTerm);

/// <summary>A co-building unit and a community (or a street, when <paramref name="CommunityId"/> is null) signed a 共建协议.</summary>
[MessageUrn("platform:resources:agreement-signed:v1")]
public sealed record CoBuildingAgreementSigned(
    string DistrictCode, string AgreementId, string UnitId, string StreetId, string? CommunityId, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<AgreementCommitment> Commitments, DateTimeOffset SignedAt);

[MessageUrn("platform:resources:agreement-renewed:v1")]
public sealed record CoBuildingAgreementRenewed(
    string DistrictCode, string AgreementId, DateOnly EndsOn, IReadOnlyList<AgreementCommitment> Commitments, DateTimeOffset RenewedAt);

/// <summary>The agreement ended: its term ran out (<c>expired</c>) or the parties ended it early (<c>terminated</c>).</summary>
[MessageUrn("platform:resources:agreement-ended:v1")]
public sealed record CoBuildingAgreementEnded(string DistrictCode, string AgreementId, string Outcome, string? Reason, DateTimeOffset EndedAt);
