using Platform.EventSourcing;
using Platform.Resources.Offers;
using Platform.Resources.Units;

namespace Platform.Resources.ReadModels;

/// <summary>An offer as lists, its page and its calendar show it, with every booking it holds (the calendar is
/// computed from them by the same rules that decide a booking).</summary>
public sealed record OfferView : IStreamView
{
    public string Id { get; init; } = "";
    public string UnitId { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Category { get; init; } = "";
    public string? Item { get; init; }
    public OfferCapacity Capacity { get; init; } = new(0, "", "");
    public Availability Availability { get; init; } = new(default, default, [], []);
    public IReadOnlyList<ServedCommunity> Reach { get; init; } = [];
    public string Status { get; init; } = "";
    public IReadOnlyList<Booking> Bookings { get; init; } = [];
    public string? WithdrawnReason { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public const string Published = "published";
    public const string Withdrawn = "withdrawn";

    public static OfferView Apply(OfferView view, OfferEvent @event) => @event switch
    {
        OfferPublished published => view with
        {
            Id = published.OfferId, UnitId = published.UnitId, UnitName = published.UnitName, Title = published.Title, Description = published.Description,
            Kind = published.Kind, Category = published.Category, Item = published.Item, Capacity = published.Capacity,
            Availability = published.Availability, Reach = published.Reach, Status = Published, PublishedAt = published.PublishedAt,
            UpdatedAt = published.PublishedAt,
        },
        OfferAvailabilityChanged changed => view with { Capacity = changed.Capacity, Availability = changed.Availability, UpdatedAt = changed.ChangedAt },
        OfferBooked booked => view with
        {
            Bookings = [.. view.Bookings, new Booking(booked.BookingId, booked.For, booked.Date, booked.From, booked.To, booked.Quantity, Released: false)],
            UpdatedAt = booked.BookedAt,
        },
        BookingReleased released => view with
        {
            Bookings = [.. view.Bookings.Select(booking => booking.BookingId == released.BookingId ? booking with { Released = true } : booking)],
            UpdatedAt = released.ReleasedAt,
        },
        OfferWithdrawn withdrawn => view with { Status = Withdrawn, WithdrawnReason = withdrawn.Reason, UpdatedAt = withdrawn.WithdrawnAt },
        OfferBookingRefused refused => view with { UpdatedAt = refused.RefusedAt },
    };

    /// <summary>The offer as its decisions see it, so the calendar and a booking can never disagree.</summary>
    public Offer State() => new(Id, Status == Published ? OfferStatus.Published : OfferStatus.Withdrawn, UnitId, Title, Capacity, Availability, Reach, Bookings);
}

/// <summary>One booking as the booking party, the unit and the lists see it.</summary>
public sealed record BookingView
{
    public string Id { get; init; } = "";
    public string OfferId { get; init; } = "";
    public string OfferTitle { get; init; } = "";
    public string UnitId { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Category { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? ProjectId { get; init; }
    public DateOnly Date { get; init; }
    public TimeOnly? From { get; init; }
    public TimeOnly? To { get; init; }
    public decimal Quantity { get; init; }
    public string Measure { get; init; } = "";
    public string Purpose { get; init; } = "";
    public string Status { get; init; } = "";
    public string? ReleaseReason { get; init; }
    public DateTimeOffset BookedAt { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
    public long Version { get; init; }

    public const string Held = "held";
    public const string Released = "released";

    public static BookingView Booked(OfferView offer, OfferBooked booked) => new()
    {
        Id = booked.BookingId, OfferId = booked.OfferId, OfferTitle = offer.Title, UnitId = offer.UnitId, UnitName = offer.UnitName, Kind = offer.Kind,
        Category = offer.Category, StreetId = booked.For.StreetId, CommunityId = booked.For.CommunityId, ProjectId = booked.For.ProjectId,
        Date = booked.Date, From = booked.From, To = booked.To, Quantity = booked.Quantity, Measure = offer.Capacity.Measure, Purpose = booked.Purpose,
        Status = Held, BookedAt = booked.BookedAt,
    };

    public BookingView Release(BookingReleased released) => this with { Status = Released, ReleaseReason = released.Reason, ReleasedAt = released.ReleasedAt };
}
