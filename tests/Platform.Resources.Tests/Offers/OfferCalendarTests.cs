using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Offers;

public sealed class OfferCalendarTests
{
    private static Offer Room(params OfferEvent[] events) =>
        events.Aggregate(Offer.Evolve(Offer.Initial, RoomPublished()), Offer.Evolve);

    [Fact]
    public void A_week_shows_each_window_with_what_is_booked_and_the_blackouts_and_empty_days_closed()
    {
        var room = Room(RoomBooked("B1", ForYongxinglu, Saturday, 9, 11));

        var week = OfferCalendar.Days(room, new(2026, 12, 7), 7);

        Assert.Equal(7, week.Count);
        Assert.True(week[0].Closed); // Monday
        var wednesday = Assert.Single(week[2].Openings);
        Assert.Equal((new TimeOnly(19, 0), 0m, 1m), (wednesday.From!.Value, wednesday.Booked, wednesday.Free));
        Assert.Equal([(1m, 0m), (0m, 1m)], week[5].Openings.Select(opening => (opening.Booked, opening.Free)));
        Assert.True(OfferCalendar.Days(room, new(2027, 1, 2), 1)[0].Closed);
    }

    [Fact]
    public void The_busiest_moment_counts_not_the_sum_of_bookings_that_never_meet()
    {
        var hall = Room(
            new OfferAvailabilityChanged(RoomId, new(2, "bookings", OfferCapacity.AtATime), RoomHours, Actor, Now),
            RoomBooked("B1", ForYongxinglu, Saturday, 9, 10), RoomBooked("B2", ForYongxinglu, Saturday, 10, 11), RoomBooked("B3", ForYongxinglu, Saturday, 10, 12));

        Assert.Equal(2, OfferCalendar.Booked(hall, Saturday, new(9, 0), new(12, 0)));
        Assert.Equal(1, OfferCalendar.Free(hall, Saturday, new(11, 0), new(12, 0)));
        Assert.Equal(1, OfferCalendar.Free(hall, Saturday, new(9, 0), new(10, 0)));
    }
}
