using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Offers.Releasing;

public sealed class ReleaseBookingTests
{
    [Fact]
    public void A_booking_yet_to_come_is_released_with_its_reason() =>
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 11))
            .When(new ReleaseBooking("B1", " 活动改期 "))
            .Then(new BookingReleased(RoomId, "B1", "活动改期", Actor, Now))
            .AndState(offer => Assert.Empty(offer.Held));

    [Fact]
    public void A_booking_released_already_or_already_past_stays_as_it_is()
    {
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 11), new BookingReleased(RoomId, "B1", "改期", Actor, Now))
            .When(new ReleaseBooking("B1", "再释放")).ThenThrows<RuleViolationException>();
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, new(2026, 12, 5), 9, 11))
            .When(new ReleaseBooking("B1", "事后取消")).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void An_unknown_booking_is_not_found() =>
        Spec.Given(RoomPublished()).When(new ReleaseBooking("B9", "取消")).ThenThrows<NotFoundException>();
}
