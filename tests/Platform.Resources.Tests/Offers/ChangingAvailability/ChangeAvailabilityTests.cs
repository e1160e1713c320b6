using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Offers.ChangingAvailability;

public sealed class ChangeAvailabilityTests
{
    [Fact]
    public void Opening_hours_change_when_every_booking_still_fits() =>
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 11))
            .When(new ChangeAvailability(new(2, "bookings", OfferCapacity.AtATime), RoomHours with { Blackouts = [new(2026, 12, 19)] }))
            .Then(new OfferAvailabilityChanged(RoomId, new(2, "bookings", OfferCapacity.AtATime), RoomHours with { Blackouts = [new(2026, 12, 19)] }, Actor, Now));

    [Fact]
    public void A_blackout_over_a_booking_is_refused_and_names_it()
    {
        var refused = Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, Saturday, 9, 11))
            .When(new ChangeAvailability(OneAtATime, RoomHours with { Blackouts = [Saturday] }))
            .ThenThrows<RuleViolationException>();
        Assert.Contains("2026-12-12 09:00–11:00", refused.Message);
    }

    [Fact]
    public void Capacity_below_what_is_booked_at_once_is_refused() =>
        Spec.Given(
                RoomPublished(), new OfferAvailabilityChanged(RoomId, new(2, "bookings", OfferCapacity.AtATime), RoomHours, Actor, Now),
                RoomBooked("B1", ForYongxinglu, Saturday, 9, 11), RoomBooked("B2", ForXinghuananli, Saturday, 10, 12))
            .When(new ChangeAvailability(OneAtATime, RoomHours))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void A_past_booking_does_not_hold_the_hours_back() =>
        Spec.Given(RoomPublished(), RoomBooked("B1", ForYongxinglu, new(2026, 12, 5), 9, 11))
            .When(new ChangeAvailability(OneAtATime, RoomHours with { Windows = [new(DayOfWeek.Sunday, new(9, 0), new(11, 0))] }))
            .Then(new OfferAvailabilityChanged(RoomId, OneAtATime, RoomHours with { Windows = [new(DayOfWeek.Sunday, new(9, 0), new(11, 0))] }, Actor, Now));

    [Fact]
    public void The_way_capacity_is_counted_stays_as_published() =>
        Spec.Given(RoomPublished()).When(new ChangeAvailability(new(5, "bookings", OfferCapacity.InTotal), RoomHours with { Windows = RoomHours.Windows }))
            .ThenInvalid("capacity.scope");
}
