using Platform.Resources.Matching;
using static Platform.Resources.Tests.Offers.OfferGivens;

namespace Platform.Resources.Tests.Matching;

public sealed class OfferMatchingTests
{
    /// <summary>An elderly resident's need in 永兴路 (为老服务).</summary>
    private static readonly NeedToMatch Need = new("N1", "独居老人需要陪同就医", "elderly", "yongchang", "yongxinglu");

    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.Date);

    private static Offer Published(OfferPublished published, params OfferEvent[] more) =>
        more.Aggregate(Offer.Evolve(Offer.Initial, published), Offer.Evolve);

    private static IReadOnlyList<OfferMatch> Rank(params (Offer Offer, string Category)[] offers) =>
        OfferMatching.Rank(Need, offers.Select(pair => pair.Offer), offers.ToDictionary(pair => pair.Offer.OfferId, pair => pair.Category), Today);

    [Fact]
    public void An_offer_of_a_category_that_answers_the_need_open_to_its_community_and_free_soon_is_suggested_with_its_reasons()
    {
        var congee = Published(CongeePublished());

        var match = Assert.Single(Rank((congee, "elderly")));

        Assert.Equal((CongeeId, Today, 450m), (match.OfferId, match.FirstOpening, match.FreeThen));
        Assert.Equal(["「为老服务」类服务，可回应此类需求", "专门面向本社区", "今天即可预约，余 450"], match.Reasons);
    }

    [Fact]
    public void Another_kind_of_service_another_communitys_offer_a_full_one_and_a_withdrawn_one_are_not()
    {
        var room = Published(RoomPublished());
        var forFuminOnly = Published(CongeePublished() with { OfferId = "R-fumin", Reach = [new ServedCommunity("fuminjie", "yongchang")] });
        var taken = Published(CongeePublished() with { OfferId = "R-taken" },
            new OfferBooked("R-taken", "u-laodong", "B1", ForYongxinglu, Today.AddDays(3), null, null, 450, "腊八节", Actor, Now));
        var withdrawn = Published(CongeePublished() with { OfferId = "R-gone" }, new OfferWithdrawn("R-gone", "停办", Actor, Now));

        Assert.Empty(Rank((room, "venue"), (forFuminOnly, "elderly"), (taken, "elderly"), (withdrawn, "elderly")));
    }

    [Fact]
    public void The_sooner_free_offer_ranks_first_and_one_for_this_community_alone_before_one_shared()
    {
        // The room (every community it serves) opens Wednesday evening; this week's Wednesday is booked, so next week's.
        var soon = Published(CongeePublished() with { OfferId = "R-soon", Reach = [Yongxinglu, Xinghuananli] });
        var later = Published(RoomPublished() with { OfferId = "R-later" },
            new OfferBooked("R-later", UnitId, "B1", ForXinghuananli, new(2026, 12, 9), new(19, 0), new(21, 0), 1, "活动", Actor, Now));
        var own = Published(CongeePublished() with { OfferId = "R-own" });

        var ranked = Rank((later, "health"), (soon, "elderly"), (own, "elderly"));

        Assert.Equal(["R-own", "R-soon", "R-later"], ranked.Select(match => match.OfferId));
        Assert.Equal(new DateOnly(2026, 12, 12), ranked[2].FirstOpening);
    }
}
