using Platform.Gateway.Insights;

namespace Platform.Foundation.Tests;

public sealed class DistrictFiguresTests
{
    [Fact]
    public void A_community_with_every_kind_of_trouble_is_told_each_late_whistles_first()
    {
        var reasons = DistrictFigures.AttentionReasons(new Dictionary<string, long>
        {
            [DistrictFigures.CasesOverdue] = 2,
            [DistrictFigures.TasksLate] = 3,
            [DistrictFigures.HouseholdsOverdue] = 1,
            [DistrictFigures.CasesOpen] = 6,
            [DistrictFigures.NeedsRaised] = 10,
            [DistrictFigures.NeedsAccepted] = 5,
        });

        Assert.Equal(["2 件吹哨超过时限未办结", "3 项责任清单任务逾期", "1 户逾期未走访", "6 件吹哨正在办理", "本月 10 条需求仅受理 5 条"], reasons);
    }

    [Fact]
    public void A_community_that_took_on_most_of_its_needs_and_has_no_late_whistle_needs_no_attention()
    {
        Assert.Empty(DistrictFigures.AttentionReasons(new Dictionary<string, long>
        {
            [DistrictFigures.CasesOpen] = 4,
            [DistrictFigures.NeedsRaised] = 10,
            [DistrictFigures.NeedsAccepted] = 6,
        }));
        Assert.Empty(DistrictFigures.AttentionReasons(new Dictionary<string, long>()));
    }

    [Fact]
    public void A_streets_figures_are_its_own_and_its_communities_added_up_figure_by_figure()
    {
        var street = DistrictFigures.Sum(
            new Dictionary<string, long> { ["meetings.held"] = 1 },
            [
                new Dictionary<string, long> { [DistrictFigures.NeedsRaised] = 3, [DistrictFigures.CasesOpen] = 1 },
                new Dictionary<string, long> { [DistrictFigures.NeedsRaised] = 4, ["meetings.held"] = 2 },
            ]);

        Assert.Equal(7, street[DistrictFigures.NeedsRaised]);
        Assert.Equal(1, street[DistrictFigures.CasesOpen]);
        Assert.Equal(3, street["meetings.held"]);
    }

    [Fact]
    public void A_unit_serving_two_communities_of_a_street_counts_once_for_the_street()
    {
        // One unit serves both communities; the service counts it under each and once under the street.
        var street = DistrictFigures.Sum(
            new Dictionary<string, long> { [DistrictFigures.UnitsActive] = 1 },
            [
                new Dictionary<string, long> { [DistrictFigures.UnitsActive] = 1, ["agreements.active"] = 1 },
                new Dictionary<string, long> { [DistrictFigures.UnitsActive] = 1 },
            ]);

        Assert.Equal(1, street[DistrictFigures.UnitsActive]);
        Assert.Equal(1, street["agreements.active"]);
    }

    [Fact]
    public void A_street_whose_service_has_not_reported_its_own_row_shows_no_reach_figure()
    {
        var street = DistrictFigures.Sum(new Dictionary<string, long>(), [new Dictionary<string, long> { [DistrictFigures.OffersPublished] = 4 }]);

        Assert.False(street.ContainsKey(DistrictFigures.OffersPublished));
    }
}
