using Platform.Messaging;
using Platform.Resources.Agreements;
using Platform.Resources.Contributions;
using Platform.Resources.Offers;
using Platform.Resources.Units;
using Contract = Platform.Contracts.Resources;

namespace Platform.Resources.Integration;

/// <summary>Which domain events other services hear of, and in what shape. A liaison's personal data never leaves.</summary>
public static class ResourcesIntegrationEvents
{
    public static IntegrationEventMap Map(IntegrationEventMap map) => map
        .Publish<UnitJoined>((e, stored) => new Contract.CoBuildingUnitJoined(
            stored.TenantId, e.UnitId, e.Name, e.Kind, [.. e.Communities.Select(community => community.CommunityId)], e.JoinedAt))
        .Publish<UnitCommunitiesChanged>((e, stored) => new Contract.CoBuildingUnitCommunitiesChanged(
            stored.TenantId, e.UnitId, [.. e.Communities.Select(community => community.CommunityId)], e.ChangedAt))
        .Publish<UnitLeft>((e, stored) => new Contract.CoBuildingUnitLeft(stored.TenantId, e.UnitId, e.Reason, e.LeftAt))
        .Publish<AgreementSigned>((e, stored) => new Contract.CoBuildingAgreementSigned(
            stored.TenantId, e.AgreementId, e.UnitId, e.Party.StreetId, e.Party.CommunityId, e.StartsOn, e.EndsOn, Commitments(e.Commitments, e.StartsOn, e.EndsOn), e.SignedAt))
        .Publish<AgreementRenewed>((e, stored) => new Contract.CoBuildingAgreementRenewed(
            stored.TenantId, e.AgreementId, e.EndsOn, Commitments(e.Commitments, e.StartsOn, e.EndsOn), e.RenewedAt))
        .Publish<AgreementExpired>((e, stored) => new Contract.CoBuildingAgreementEnded(stored.TenantId, e.AgreementId, "expired", null, e.ExpiredAt))
        .Publish<AgreementTerminated>((e, stored) => new Contract.CoBuildingAgreementEnded(
            stored.TenantId, e.AgreementId, "terminated", e.Reason, e.TerminatedAt))
        .Publish<OfferPublished>((e, stored) => new Contract.ResourceOfferPublished(
            stored.TenantId, e.OfferId, e.UnitId, e.Title, e.Kind, e.Category, e.Item, e.Capacity.Amount, e.Capacity.Measure, e.Capacity.Scope,
            e.Availability.From, e.Availability.Until, [.. e.Reach.Select(community => community.CommunityId)], e.PublishedAt))
        .Publish<OfferAvailabilityChanged>((e, stored) => new Contract.ResourceOfferAvailabilityChanged(
            stored.TenantId, e.OfferId, e.Capacity.Amount, e.Availability.From, e.Availability.Until, e.ChangedAt))
        .Publish<OfferWithdrawn>((e, stored) => new Contract.ResourceOfferWithdrawn(stored.TenantId, e.OfferId, e.Reason, e.WithdrawnAt))
        .Publish<OfferBookingRefused>((e, stored) => new Contract.ResourceBookingRefused(stored.TenantId, e.OfferId, e.BookingId, e.ProjectId, e.Reason, e.RefusedAt))
        .Publish<OfferBooked>((e, stored) => new Contract.ResourceBooked(
            stored.TenantId, e.OfferId, e.BookingId, e.UnitId, e.For.StreetId, e.For.CommunityId, e.For.ProjectId, e.Date, e.From, e.To, e.Quantity,
            e.BookedAt))
        .Publish<BookingReleased>((e, stored) => new Contract.ResourceBookingReleased(stored.TenantId, e.OfferId, e.BookingId, e.Reason, e.ReleasedAt))
        .Publish<ContributionConfirmed>((e, stored) => new Contract.CoBuildingContributionConfirmed(
            stored.TenantId, e.ContributionId, e.UnitId, e.Party.StreetId, e.Party.CommunityId, e.Counts?.AgreementId,
            string.IsNullOrEmpty(e.Counts?.What) ? null : e.Counts.What, e.Entry.Kind, e.Measure, e.Amount, e.OccurredOn, e.ConfirmedAt))
        .Publish<ContributionCorrected>((e, stored) => new Contract.CoBuildingContributionCorrected(
            stored.TenantId, e.ContributionId, e.Amount, e.Reason, e.CorrectedAt));

    /// <summary>Each promise with what it adds up to over the term, so that no other service repeats that rule.</summary>
    private static IReadOnlyList<Contract.AgreementCommitment> Commitments(IReadOnlyList<Commitment> commitments, DateOnly startsOn, DateOnly endsOn) =>
        [.. commitments.Select(commitment => new Contract.AgreementCommitment(
            commitment.What, commitment.Measure, commitment.Amount, commitment.Per, CommitmentPace.Of(commitment, startsOn, endsOn, 0, startsOn).DueInTerm))];
}
