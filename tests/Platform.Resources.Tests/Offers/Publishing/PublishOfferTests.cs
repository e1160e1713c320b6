using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Offers.Publishing;

public sealed class PublishOfferTests
{
    private static PublishOffer Valid() => new(
        RoomId, UnitId, "永兴路社区卫生服务站", " 党群活动室 ", " 可容纳 40 人 ", "venue", "venue", "活动室", OneAtATime,
        RoomHours with { Windows = [.. RoomHours.Windows.Reverse()], Blackouts = [new(2027, 1, 2), new(2027, 1, 2)] }, [Yongxinglu, Xinghuananli]);

    [Fact]
    public void An_offer_is_published_with_its_windows_in_order_and_each_blackout_once() =>
        Spec.Given()
            .When(Valid())
            .Then(new OfferPublished(RoomId, UnitId, "永兴路社区卫生服务站", "党群活动室", "可容纳 40 人", "venue", "venue", "活动室", OneAtATime, RoomHours,
                [Yongxinglu, Xinghuananli], Actor, Now))
            .AndState(offer => Assert.Equal(OfferStatus.Published, offer.Status));

    [Fact]
    public void A_category_or_item_outside_the_shared_catalogue_is_refused() =>
        Spec.Given().When(Valid() with { Category = "bowls", Item = null }).ThenInvalid("category");

    [Fact]
    public void An_item_of_another_category_is_refused() =>
        Spec.Given().When(Valid() with { Item = "腊八粥" }).ThenInvalid("item");

    [Fact]
    public void A_timed_offer_without_windows_overlapping_windows_and_a_blackout_outside_the_term_are_each_named()
    {
        var invalid = Spec.Given().When(Valid() with
        {
            Availability = RoomHours with { Windows = [], Blackouts = [new(2028, 1, 1)] },
        }).ThenInvalid("availability.windows", "availability.blackouts");
        Assert.Equal(2, invalid.Errors.Count);

        Spec.Given().When(Valid() with
        {
            Availability = RoomHours with
            {
                Windows = [new(DayOfWeek.Saturday, new(9, 0), new(12, 0)), new(DayOfWeek.Saturday, new(11, 0), new(13, 0)), new(DayOfWeek.Monday, new(10, 0), new(9, 0))],
            },
        }).ThenInvalid("availability.windows[1]", "availability.windows[2].to");
    }

    [Fact]
    public void Capacity_must_be_positive_in_a_known_measure_and_scope() =>
        Spec.Given().When(Valid() with { Capacity = new OfferCapacity(0, "bowls", "sometimes") })
            .ThenInvalid("capacity.amount", "capacity.measure", "capacity.scope");

    [Fact]
    public void An_availability_longer_than_two_years_or_already_over_is_refused()
    {
        Spec.Given().When(Valid() with { Availability = RoomHours with { Until = new(2029, 1, 1) } }).ThenInvalid("availability.until");
        Spec.Given().When(Valid() with { Availability = RoomHours with { From = new(2026, 1, 1), Until = new(2026, 11, 30), Blackouts = [] } })
            .ThenInvalid("availability.until");
    }

    [Fact]
    public void An_offer_counted_in_total_needs_no_windows() =>
        Spec.Given()
            .When(new PublishOffer(CongeeId, "u-laodong", "老东粥皇", "腊八粥", "60 岁以上老人每人一碗", "materials", "elderly", "腊八粥",
                new(450, "servings", OfferCapacity.InTotal), new(new(2026, 12, 1), new(2027, 1, 31), [], []), [Yongxinglu]))
            .Then(CongeePublished() with { PublishedAt = Now });

    [Fact]
    public void An_offer_is_published_once() =>
        Spec.Given(RoomPublished()).When(Valid()).ThenThrows<RuleViolationException>();
}
