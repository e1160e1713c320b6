using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Offers.Booking;

/// <summary>A joint meeting's project books the 党群活动室 for 永兴路 by the same rules as the community's own booking;
/// what cannot be booked is recorded as a refusal, for the project to hear.</summary>
public sealed class BookForProjectTests
{
    private static readonly BookingParty ForTheProject = new("yongchang", "yongxinglu", "P-lingxin");

    [Fact]
    public void A_project_books_under_its_own_booking_id() =>
        Spec.Given(RoomPublished())
            .When(new BookOffer("B-P-lingxin-R1", ForTheProject, Saturday, new(9, 0), new(11, 0), 1, "居民议事会"))
            .Then(new OfferBooked(RoomId, UnitId, "B-P-lingxin-R1", ForTheProject, Saturday, new(9, 0), new(11, 0), 1, "居民议事会", Actor, Now));

    [Fact]
    public void A_full_slot_is_refused_and_the_refusal_recorded_without_taking_anything()
    {
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 12))
            .When(new BookOffer("B-P-lingxin-R1", ForTheProject, Saturday, new(9, 0), new(11, 0), 1, "居民议事会"))
            .ThenThrows<RuleViolationException>();
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 12))
            .When(new RefuseProjectBooking("B-P-lingxin-R1", "P-lingxin", "资源「党群活动室」在该时段已约满。"))
            .Then(new OfferBookingRefused(RoomId, UnitId, "B-P-lingxin-R1", "P-lingxin", "资源「党群活动室」在该时段已约满。", Now))
            .AndState(offer => Assert.Equal(["B1"], offer.Held.Select(booking => booking.BookingId)));
    }
}
