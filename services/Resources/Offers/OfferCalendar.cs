namespace Platform.Resources.Offers;

/// <summary>One opening of one day, with what is booked of it and what is still free.</summary>
public sealed record CalendarOpening(TimeOnly? From, TimeOnly? To, decimal Booked, decimal Free);

/// <param name="Closed">A blackout date, or a date outside the offer's availability.</param>
public sealed record CalendarDay(DateOnly Date, bool Closed, IReadOnlyList<CalendarOpening> Openings);

/// <summary>
/// The capacity rules of an offer as pure functions, used by the decisions that book and change an offer and by the
/// calendar that people book from, so that the page never shows as free what a booking would be refused.
/// </summary>
public static class OfferCalendar
{
    /// <summary>Whether the offer is open on <paramref name="date"/> for the whole span (a timed offer), or at all (an
    /// offer counted in total, which with no windows is open every day of its availability).</summary>
    public static bool IsOpen(Availability availability, DateOnly date, TimeOnly? from, TimeOnly? to)
    {
        if (date < availability.From || date > availability.Until || availability.Blackouts.Contains(date)) return false;
        var windows = availability.Windows.Where(window => window.Day == date.DayOfWeek).ToList();
        if (from is null || to is null) return availability.Windows.Count == 0 || windows.Count > 0;
        return windows.Any(window => window.From <= from && to <= window.To);
    }

    /// <summary>
    /// What the held bookings already take of the span. A timed offer counts the busiest moment of the span (bookings
    /// that only touch its ends do not overlap it); an offer counted in total counts everything held, whenever.
    /// </summary>
    public static decimal Booked(Offer offer, DateOnly date, TimeOnly? from, TimeOnly? to, string? exceptBookingId = null)
    {
        var held = offer.Held.Where(booking => booking.BookingId != exceptBookingId).ToList();
        if (!offer.Capacity.IsTimed || from is null || to is null) return held.Sum(booking => booking.Quantity);
        var overlapping = held.Where(booking => booking.Date == date && booking.From < to && from < booking.To).ToList();
        // The load only rises where a booking begins, so the busiest moment is the span's start or one of those beginnings.
        return overlapping
            .Select(booking => booking.From!.Value < from.Value ? from.Value : booking.From!.Value)
            .Append(from.Value)
            .Max(moment => overlapping.Where(booking => booking.From <= moment && moment < booking.To).Sum(booking => booking.Quantity));
    }

    public static decimal Free(Offer offer, DateOnly date, TimeOnly? from, TimeOnly? to, string? exceptBookingId = null) =>
        Math.Max(0, offer.Capacity.Amount - Booked(offer, date, from, to, exceptBookingId));

    /// <summary>The calendar from <paramref name="first"/> for <paramref name="days"/> days, one opening per weekly
    /// window of each day (or one whole-day opening for an offer counted in total without windows).</summary>
    public static IReadOnlyList<CalendarDay> Days(Offer offer, DateOnly first, int days) =>
    [
        .. Enumerable.Range(0, days).Select(first.AddDays).Select(date =>
        {
            var windows = offer.Availability.Windows.Where(window => window.Day == date.DayOfWeek).OrderBy(window => window.From).ToList();
            if (!IsOpen(offer.Availability, date, null, null)) return new CalendarDay(date, Closed: true, []);
            if (!offer.Capacity.IsTimed)
            {
                var free = Free(offer, date, null, null);
                return new CalendarDay(date, false, [new CalendarOpening(null, null, offer.Capacity.Amount - free, free)]);
            }
            return new CalendarDay(date, false, [.. windows.Select(window =>
            {
                var booked = Booked(offer, date, window.From, window.To);
                return new CalendarOpening(window.From, window.To, booked, Math.Max(0, offer.Capacity.Amount - booked));
            })]);
        }),
    ];

    /// <summary>The held bookings from <paramref name="today"/> on that the availability or capacity would no longer
    /// hold, each checked against the others as they were booked.</summary>
    public static IReadOnlyList<Booking> Stranded(Offer offer, OfferCapacity capacity, Availability availability, DateOnly today)
    {
        var changed = offer with { Capacity = capacity, Availability = availability };
        return [.. offer.Held.Where(booking => booking.Date >= today).Where(booking =>
            !IsOpen(availability, booking.Date, booking.From, booking.To)
            || Booked(changed, booking.Date, booking.From, booking.To, booking.BookingId) + booking.Quantity > capacity.Amount)];
    }
}
