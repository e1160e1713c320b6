using Platform.Contracts.Catalogue;
using Platform.EventSourcing;
using Platform.Kernel;
using Platform.Resources.Units;

namespace Platform.Resources.Offers;

/// <summary>What a unit offers (seed 001's 资源清单: venues, funds, skilled people, materials and services).</summary>
public static class OfferKinds
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["venue"] = "场地", ["funds"] = "资金", ["skills"] = "人才技能", ["materials"] = "物资", ["services"] = "服务",
    };
}

/// <summary>
/// How much an offer holds. <see cref="AtATime"/>: at any moment of its opening hours (a meeting room holds one booking,
/// a team sends 5 people). <see cref="InTotal"/>: over its whole availability (seed 001's 腊八粥, at most 450 bowls a
/// year; a fund of ¥300,000).
/// </summary>
public sealed record OfferCapacity(decimal Amount, string Measure, string Scope)
{
    public const string AtATime = Platform.Contracts.Catalogue.OfferMeasures.AtATime;
    public const string InTotal = Platform.Contracts.Catalogue.OfferMeasures.InTotal;

    public bool IsTimed => Scope == AtATime;
}

/// <summary>A weekly opening: Saturday 09:00–12:00.</summary>
public sealed record WeeklyWindow(DayOfWeek Day, TimeOnly From, TimeOnly To);

/// <summary>When an offer can be booked: between two dates, in its weekly windows, except on its blackout dates.</summary>
public sealed record Availability(DateOnly From, DateOnly Until, IReadOnlyList<WeeklyWindow> Windows, IReadOnlyList<DateOnly> Blackouts);

/// <summary>Who a booking is for: a community (with its street), and the project it serves when a project booked it.</summary>
public sealed record BookingParty(string StreetId, string CommunityId, string? ProjectId);

/// <summary>A booking as deciding sees it. A timed offer's booking holds a span of one day; an offer counted in total
/// holds a quantity on a date.</summary>
public sealed record Booking(string BookingId, BookingParty For, DateOnly Date, TimeOnly? From, TimeOnly? To, decimal Quantity, bool Released);

public enum OfferStatus
{
    None,
    Published,
    Withdrawn,
}

/// <summary>A resource offer and its bookings, as far as deciding requires: the bookings live on the offer's own stream,
/// so two bookings of its last free place are decided one after the other and never both.</summary>
public sealed record Offer(
    string OfferId, OfferStatus Status, string UnitId, string Title, OfferCapacity Capacity, Availability Availability,
    IReadOnlyList<ServedCommunity> Reach, IReadOnlyList<Booking> Bookings)
{
    public static readonly Offer Initial = new("", OfferStatus.None, "", "", new(0, "", ""), new(default, default, [], []), [], []);

    public static string StreamId(string offerId) => $"offer-{offerId}";

    public IEnumerable<Booking> Held => Bookings.Where(booking => !booking.Released);

    public static Offer Evolve(Offer state, OfferEvent @event) => @event switch
    {
        OfferPublished published => state with
        {
            OfferId = published.OfferId, Status = OfferStatus.Published, UnitId = published.UnitId, Title = published.Title,
            Capacity = published.Capacity, Availability = published.Availability, Reach = published.Reach,
        },
        OfferAvailabilityChanged changed => state with { Capacity = changed.Capacity, Availability = changed.Availability },
        OfferBooked booked => state with
        {
            Bookings = [.. state.Bookings, new Booking(booked.BookingId, booked.For, booked.Date, booked.From, booked.To, booked.Quantity, Released: false)],
        },
        BookingReleased released => state with
        {
            Bookings = [.. state.Bookings.Select(booking => booking.BookingId == released.BookingId ? booking with { Released = true } : booking)],
        },
        OfferWithdrawn => state with { Status = OfferStatus.Withdrawn },
        OfferBookingRefused => state,
    };
}

/// <summary>Everything that can happen to an offer and its bookings: a closed set.</summary>
[ClosedHierarchy]
public abstract record OfferEvent
{
    private protected OfferEvent() { }
}

/// <param name="Item">One of the category's items, when the offer is that specific.</param>
/// <param name="Reach">The communities that may book it: some or all of those the unit serves.</param>
[EventType("resources.offer-published.v1")]
public sealed record OfferPublished(
    string OfferId, string UnitId, string UnitName, string Title, string Description, string Kind, string Category, string? Item,
    OfferCapacity Capacity, Availability Availability, IReadOnlyList<ServedCommunity> Reach, string Actor, DateTimeOffset PublishedAt) : OfferEvent;

[EventType("resources.offer-availability-changed.v1")]
public sealed record OfferAvailabilityChanged(
    string OfferId, OfferCapacity Capacity, Availability Availability, string Actor, DateTimeOffset ChangedAt) : OfferEvent;

/// <param name="UnitId">The unit whose offer it takes, so that whoever hears of the booking knows whom it binds.</param>
[EventType("resources.offer-booked.v1")]
public sealed record OfferBooked(
    string OfferId, string UnitId, string BookingId, BookingParty For, DateOnly Date, TimeOnly? From, TimeOnly? To, decimal Quantity, string Purpose,
    string Actor, DateTimeOffset BookedAt) : OfferEvent;

[EventType("resources.booking-released.v1")]
public sealed record BookingReleased(string OfferId, string BookingId, string Reason, string Actor, DateTimeOffset ReleasedAt) : OfferEvent;

/// <summary>A project's request for part of the offer could not be booked; <paramref name="Reason"/> says why.</summary>
[EventType("resources.offer-booking-refused.v1")]
public sealed record OfferBookingRefused(string OfferId, string UnitId, string BookingId, string ProjectId, string Reason, DateTimeOffset RefusedAt) : OfferEvent;

[EventType("resources.offer-withdrawn.v1")]
public sealed record OfferWithdrawn(string OfferId, string Reason, string Actor, DateTimeOffset WithdrawnAt) : OfferEvent;

public static class OfferEventTimes
{
    /// <summary>When it happened, as the decision saw the clock.</summary>
    public static DateTimeOffset At(this OfferEvent @event) => @event switch
    {
        OfferPublished published => published.PublishedAt,
        OfferAvailabilityChanged changed => changed.ChangedAt,
        OfferBooked booked => booked.BookedAt,
        BookingReleased released => released.ReleasedAt,
        OfferWithdrawn withdrawn => withdrawn.WithdrawnAt,
        OfferBookingRefused refused => refused.RefusedAt,
    };
}
