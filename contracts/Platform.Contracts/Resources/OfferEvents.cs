using MassTransit;

namespace Platform.Contracts.Resources;

/// <summary>A unit published something communities may book: a category of <see cref="Catalogue.ServiceCatalogue"/>
/// (and perhaps one of its items), its capacity (<c>at-a-time</c> or <c>in-total</c>) and its availability, for the
/// communities named.</summary>
[MessageUrn("platform:resources:offer-published:v1")]
public sealed record ResourceOfferPublished(
    string DistrictCode, string OfferId, string UnitId, string Title, string Kind, string Category, string? Item, decimal CapacityAmount,
    string CapacityMeasure, string CapacityScope, DateOnly AvailableFrom, DateOnly AvailableUntil, IReadOnlyList<string> CommunityIds,
    DateTimeOffset PublishedAt);

[MessageUrn("platform:resources:offer-availability-changed:v1")]
public sealed record ResourceOfferAvailabilityChanged(
    string DistrictCode, string OfferId, decimal CapacityAmount, DateOnly AvailableFrom, DateOnly AvailableUntil, DateTimeOffset ChangedAt);

[MessageUrn("platform:resources:offer-withdrawn:v1")]
public sealed record ResourceOfferWithdrawn(string DistrictCode, string OfferId, string Reason, DateTimeOffset WithdrawnAt);

/// <summary>A community (for a project, when <paramref name="ProjectId"/> is set) booked part of an offer; a timed
/// offer's booking has a span of the day.</summary>
[MessageUrn("platform:resources:resource-booked:v1")]
public sealed record ResourceBooked(
    string DistrictCode, string OfferId, string BookingId, string UnitId, string StreetId, string CommunityId, string? ProjectId, DateOnly Date,
    TimeOnly? From, TimeOnly? To, decimal Quantity, DateTimeOffset BookedAt);

/// <summary>A project's request for part of an offer could not be booked (full, not open then, withdrawn):
/// <paramref name="Reason"/> says why, as the community would be told at the counter.</summary>
[MessageUrn("platform:resources:resource-booking-refused:v1")]
public sealed record ResourceBookingRefused(
    string DistrictCode, string OfferId, string BookingId, string ProjectId, string Reason, DateTimeOffset RefusedAt);

[MessageUrn("platform:resources:resource-booking-released:v1")]
public sealed record ResourceBookingReleased(string DistrictCode, string OfferId, string BookingId, string Reason, DateTimeOffset ReleasedAt);
