namespace Platform.Volunteers.Tests.Redemption;

/// <summary>富民街's year-end redemption (seed 003): 30 points for a set of daily necessities.</summary>
public sealed class RedemptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DeciderSpecification<GiftCommand, GiftEvent, Gift> Gifts = new(GiftDecider.Decider, "fumin-staff", Now);
    private static readonly DeciderSpecification<VolunteerCommand, VolunteerEvent, Volunteer> Volunteers = new(VolunteerDecider.Decider, "fumin-volunteer", Now);

    private static GiftStocked Stocked(int quantity = 1) => new("G-1", "生活用品一份", GiftKinds.Gift, 30, quantity, "zhenwudong", "fuminjie", "fumin-staff", Now.AddDays(-5));

    private static readonly VolunteerEvent[] Confirmed =
    [
        new VolunteerRegistered("v-013", VolunteerKinds.Resident, new Person("杨红梅", "13800000369", null), "zhenwudong", "fuminjie", null, null,
            new Offering([], null), "fumin-volunteer", "fumin-staff", Now.AddYears(-1)),
        new VolunteerReportConfirmed("v-013", "为老服务岗", null, "fumin-staff", Now.AddYears(-1)),
    ];

    [Fact]
    public void The_stock_never_goes_below_zero() =>
        Gifts.Given(Stocked(), new GiftRedeemed("G-1", "v-013-R1", "v-013", "杨红梅", "fumin-volunteer", Now))
            .When(new HandOutGift("v-014-R1", "v-014", "刘建国", Now)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Points_pay_for_the_gift_back_to_the_community_and_never_below_zero()
    {
        Volunteers.Given(Confirmed).When(new RedeemPoints("v-013-R1", "G-1", "生活用品一份", 30, 42.5m))
            .Then(new PointsRedeemed("v-013", "v-013-R1", "G-1", "生活用品一份", 30,
                DoubleEntry.Transfer("v-013-R1", ServiceLedger.Points, "volunteer:v-013", "community:fuminjie", 30), "fumin-volunteer", Now))
            .AndState(volunteer => Assert.Equal(1, volunteer.Redemptions));
        Volunteers.Given(Confirmed).When(new RedeemPoints("v-013-R1", "G-1", "生活用品一份", 30, 29.99m)).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void A_gift_is_stocked_with_its_price_and_quantity()
    {
        Gifts.Given().When(new StockGift("G-1", "生活用品一份", GiftKinds.Gift, 30, 1, "zhenwudong", "fuminjie")).Then(Stocked() with { StockedAt = Now });
        Gifts.Given().When(new StockGift("G-1", "", "cash", 0, 0, "zhenwudong", "fuminjie")).ThenInvalid("name", "kind", "points", "quantity");
        Gifts.Given(Stocked()).When(new RestockGift(5)).Then(new GiftRestocked("G-1", 5, "fumin-staff", Now)).AndState(gift => Assert.Equal(6, gift.Stock));
    }

    [Theory]
    [InlineData(12, true)]
    [InlineData(1, true)]
    [InlineData(6, false)]
    public void Points_are_redeemed_at_year_end_unless_configured(int month, bool open) =>
        Assert.Equal(open, GiftDecider.RedemptionOpen(new DateTimeOffset(2026, month, 15, 10, 0, 0, TimeSpan.FromHours(8)), ServiceRules.Default));
}
