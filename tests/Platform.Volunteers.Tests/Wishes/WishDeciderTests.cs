namespace Platform.Volunteers.Tests.Wishes;

/// <summary>富民街's 微心愿 (seed 003): school supplies for a child of a low-income family, claimed by a party member.</summary>
public sealed class WishDeciderTests
{
    private const string NeedId = "N20261201-000000000001";
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DeciderSpecification<WishCommand, WishEvent, Wish> Spec = new(WishDecider.Decider, "fumin-volunteer", Now);
    private static readonly WishClaimer Yang = new(ClaimerKinds.Volunteer, "v-013", "杨红梅");
    private static readonly WishPhoto Photo = new("a-1", "photo.jpg", "image/jpeg", 1024, "ab");

    private static WishPosted Posted() => new(NeedId, "为孩子买一套学习用品和课外书", "家长电话 138****0001", "zhenwudong", "fuminjie", "fuminjie-g1", "service:needs", Now.AddDays(-2));

    private static WishClaimed Claimed(DateOnly? deadline = null) => new(NeedId, Yang, deadline ?? new DateOnly(2026, 3, 26), "fumin-volunteer", Now.AddDays(-1));

    [Fact]
    public void A_published_wish_goes_on_the_board_once_with_phone_numbers_masked()
    {
        Spec.Given().When(new PostWish(NeedId, "为孩子买一套学习用品和课外书", "家长电话 13800000001", "zhenwudong", "fuminjie", "fuminjie-g1"))
            .Then(Posted() with { Actor = "fumin-volunteer", PostedAt = Now });
        Spec.Given(Posted()).When(new PostWish(NeedId, "重复", "重复", "zhenwudong", "fuminjie", null)).ThenNothing();
    }

    [Fact]
    public void A_claim_promises_a_day_within_ninety_days_and_only_an_open_wish_is_claimed()
    {
        Spec.Given(Posted()).When(new ClaimWish(Yang, new DateOnly(2026, 3, 26))).Then(Claimed() with { ClaimedAt = Now });
        Spec.Given(Posted()).When(new ClaimWish(Yang, new DateOnly(2026, 3, 20))).ThenInvalid("deadline");
        Spec.Given(Posted()).When(new ClaimWish(Yang, new DateOnly(2026, 9, 1))).ThenInvalid("deadline");
        Spec.Given(Posted(), Claimed()).When(new ClaimWish(new WishClaimer(ClaimerKinds.Unit, "u-1", "示范区医院"), new DateOnly(2026, 3, 30)))
            .ThenThrows<RuleViolationException>();
        Spec.Given().When(new ClaimWish(Yang, new DateOnly(2026, 3, 26))).ThenThrows<NotFoundException>();
    }

    [Fact]
    public void Only_the_claimer_fulfils_it_and_each_helper_is_credited_on_balanced_ledgers()
    {
        var rules = ServiceRules.Default with { BonusPointsByKind = new() { ["wish-fulfilled"] = 5 } };
        Spec.Given(Posted(), Claimed()).When(new FulfilWish(Yang, " 已送到孩子手中 ", Photo, [new WishHelper("v-013", "杨红梅", 90)], rules))
            .Then(new WishFulfilled(NeedId, Yang, "已送到孩子手中", Photo,
                [
                    new WishCredit("v-013", "杨红梅", 90, 6.5m,
                    [
                        DoubleEntry.Transfer($"{NeedId}-E1", ServiceLedger.RecordedHours, "community:fuminjie", "volunteer:v-013", 1.5m),
                        DoubleEntry.Transfer($"{NeedId}-E2", ServiceLedger.Points, "community:fuminjie", "volunteer:v-013", 6.5m),
                    ]),
                ], "fumin-volunteer", Now));
        Spec.Given(Posted(), Claimed()).When(new FulfilWish(new WishClaimer(ClaimerKinds.Volunteer, "v-014", "刘建国"), "送到", Photo, [], rules))
            .ThenThrows<RuleViolationException>();
        Spec.Given(Posted(), Claimed()).When(new FulfilWish(Yang, "", Photo, [new WishHelper("v-013", "杨红梅", 0)], rules)).ThenInvalid("note", "minutes");
        Spec.Given(Posted()).When(new FulfilWish(Yang, "送到", Photo, [], rules)).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void A_claim_lapses_only_after_its_deadline_day_and_the_wish_is_open_again()
    {
        Spec.Given(Posted(), Claimed()).When(new LapseClaim(), at: new DateTimeOffset(2026, 3, 26, 23, 59, 0, TimeSpan.FromHours(8))).ThenNothing();
        var lapsedAt = new DateTimeOffset(2026, 3, 27, 0, 0, 0, TimeSpan.FromHours(8));
        Spec.Given(Posted(), Claimed()).When(new LapseClaim(), at: lapsedAt)
            .Then(new WishReleased(NeedId, Yang, new DateOnly(2026, 3, 26), "杨红梅认领后未在 2026-03-26 前实现，微心愿退回心愿墙。", "fumin-volunteer", lapsedAt))
            .AndState(wish => Assert.Equal(WishStatus.Open, wish.Status));
        Spec.Given(Posted()).When(new LapseClaim(), at: lapsedAt).ThenNothing();
    }
}
