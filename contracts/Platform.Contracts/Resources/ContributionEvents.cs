using MassTransit;

namespace Platform.Contracts.Resources;

/// <summary>A community confirmed what a co-building unit gave it; the ledger posted it under <paramref name="Kind"/>
/// (hours, money, items, venue-time or activities). When it delivers on an agreement, <paramref name="AgreementId"/>
/// and <paramref name="Commitment"/> (the promise's "what") say which.</summary>
[MessageUrn("platform:resources:contribution-confirmed:v1")]
public sealed record CoBuildingContributionConfirmed(
    string DistrictCode, string ContributionId, string UnitId, string StreetId, string CommunityId, string? AgreementId, string? Commitment, string Kind,
    string Measure, decimal Amount, DateOnly OccurredOn, DateTimeOffset ConfirmedAt);

/// <summary>A confirmed contribution's amount was corrected (0 when it is taken back whole); the ledger reversed the
/// standing entry and posted the new amount.</summary>
[MessageUrn("platform:resources:contribution-corrected:v1")]
public sealed record CoBuildingContributionCorrected(string DistrictCode, string ContributionId, decimal Amount, string Reason, DateTimeOffset CorrectedAt);
