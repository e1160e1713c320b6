using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Offers.Withdrawing;

public sealed class WithdrawOfferTests
{
    [Fact]
    public void Withdrawing_releases_the_bookings_yet_to_come_and_keeps_the_past_ones() =>
        Spec.Given(
                RoomPublished(), RoomBooked("B-past", ForYongxinglu, new(2026, 12, 5), 9, 11), RoomBooked("B-today", ForYongxinglu, new(2026, 12, 9), 19, 21),
                RoomBooked("B-next", ForXinghuananli, Saturday, 9, 11))
            .When(new WithdrawOffer("场地装修"), Now.AddDays(2))
            .Then(
                new BookingReleased(RoomId, "B-today", "资源下架：场地装修", Actor, Now.AddDays(2)),
                new BookingReleased(RoomId, "B-next", "资源下架：场地装修", Actor, Now.AddDays(2)),
                new OfferWithdrawn(RoomId, "场地装修", Actor, Now.AddDays(2)))
            .AndState(offer => Assert.Equal(["B-past"], offer.Held.Select(booking => booking.BookingId)));

    [Fact]
    public void An_offer_is_withdrawn_once_and_with_a_reason()
    {
        Spec.Given(RoomPublished()).When(new WithdrawOffer(" ")).ThenInvalid("reason");
        Spec.Given(RoomPublished(), new OfferWithdrawn(RoomId, "装修", Actor, Now)).When(new WithdrawOffer("再下架")).ThenThrows<RuleViolationException>();
        Spec.Given().When(new WithdrawOffer("没有")).ThenThrows<NotFoundException>();
    }
}
