using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Offers.Booking;

public sealed class BookOfferTests
{
    [Fact]
    public void A_community_books_a_free_span_inside_a_window() =>
        Spec.Given(RoomPublished())
            .When(BookRoom("B1", ForXinghuananli, Saturday, 9, 11))
            .Then(new OfferBooked(RoomId, UnitId, "B1", ForXinghuananli, Saturday, new(9, 0), new(11, 0), 1, "党员活动", Actor, Now))
            .AndState(offer => Assert.Single(offer.Held));

    [Fact]
    public void An_overlapping_span_of_a_full_room_is_refused_but_one_that_only_touches_it_is_not()
    {
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 11))
            .When(BookRoom("B2", ForXinghuananli, Saturday, 10, 12))
            .ThenThrows<RuleViolationException>();
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 11))
            .When(BookRoom("B2", ForXinghuananli, Saturday, 11, 12))
            .Then(new OfferBooked(RoomId, UnitId, "B2", ForXinghuananli, Saturday, new(11, 0), new(12, 0), 1, "党员活动", Actor, Now));
    }

    [Fact]
    public void A_released_booking_frees_its_span() =>
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 12), new BookingReleased(RoomId, "B1", "改期", Actor, Now))
            .When(BookRoom("B2", ForXinghuananli, Saturday, 9, 12))
            .Then(new OfferBooked(RoomId, UnitId, "B2", ForXinghuananli, Saturday, new(9, 0), new(12, 0), 1, "党员活动", Actor, Now));

    [Theory]
    [InlineData(2026, 12, 12, 8, 10)] // starts before the window opens
    [InlineData(2026, 12, 12, 12, 14)] // between the two Saturday windows
    [InlineData(2026, 12, 14, 9, 11)] // a Monday: no window
    [InlineData(2027, 1, 2, 9, 11)] // a blackout Saturday
    [InlineData(2027, 7, 3, 9, 11)] // after the availability ends
    public void A_span_outside_the_opening_hours_is_refused(int year, int month, int day, int fromHour, int toHour) =>
        Spec.Given(RoomPublished()).When(BookRoom("B1", ForYongxinglu, new(year, month, day), fromHour, toHour)).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_past_date_no_quantity_and_a_missing_purpose_are_named_and_a_community_the_offer_is_not_for_is_refused()
    {
        Spec.Given(RoomPublished())
            .When(new BookOffer("B1", ForYongxinglu, new(2026, 12, 5), new(9, 0), new(10, 0), 0, " "))
            .ThenInvalid("date", "quantity", "purpose");
        Assert.Equal("communityId", Spec.Given(RoomPublished())
            .When(BookRoom("B1", new BookingParty("yongchang", "fuminjie", null), Saturday, 9, 10))
            .ThenThrows<InvalidReferenceException>().Field);
        Spec.Given(RoomPublished()).When(new BookOffer("B1", ForYongxinglu, Saturday, null, null, 1, "活动")).ThenInvalid("from");
    }

    [Fact]
    public void An_offer_counted_in_total_takes_what_is_left_and_no_more()
    {
        Spec.Given(CongeePublished(), CongeeBooked("B1", 300, new(2027, 1, 26)))
            .When(new BookOffer("B2", ForYongxinglu, new(2027, 1, 26), null, null, 150, "腊八节送粥"))
            .Then(new OfferBooked(CongeeId, "u-laodong", "B2", ForYongxinglu, new(2027, 1, 26), null, null, 150, "腊八节送粥", Actor, Now));
        var refused = Spec.Given(CongeePublished(), CongeeBooked("B1", 300, new(2027, 1, 26)))
            .When(new BookOffer("B2", ForYongxinglu, new(2027, 1, 26), null, null, 151, "腊八节送粥"))
            .ThenThrows<RuleViolationException>();
        Assert.Contains("只剩 150", refused.Message);
    }

    [Fact]
    public void A_withdrawn_offer_takes_no_bookings() =>
        Spec.Given(RoomPublished(), new OfferWithdrawn(RoomId, "装修", Actor, Now))
            .When(BookRoom("B1", ForYongxinglu, Saturday, 9, 10))
            .ThenThrows<RuleViolationException>();
}
