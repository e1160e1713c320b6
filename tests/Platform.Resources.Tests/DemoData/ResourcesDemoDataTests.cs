using Platform.DemoLoader.Resources;
using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.DemoData;

/// <summary>The Resources demo year as the loader would write it on 2026-12-07, checked against the seeds without a
/// database: what the rules would refuse could not be generated at all (every event comes from a decider).</summary>
public sealed class ResourcesDemoDataTests
{
    private static readonly DateTimeOffset LoadMoment = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(8));

    private static readonly ResourcesDemoSources Sources = ResourcesDemoSources.Load(DemoDistrict.Folder);

    private static readonly ResourcesDemoSet Data = ResourcesDemoData.Generate(Sources, LoadMoment);

    private static IEnumerable<object> Events => Data.Groups.SelectMany(group => group).SelectMany(append => append.Events);

    [Fact]
    public void Every_unit_of_the_tree_joins_and_signs_and_the_year_has_offers_bookings_and_contributions()
    {
        Assert.Equal(Sources.Units.Count, Data.Units);
        Assert.Equal(Data.Units, Data.Agreements);
        Assert.InRange(Data.Offers, 60, 120);
        Assert.True(Data.Bookings > 300, $"{Data.Bookings} bookings");
        Assert.True(Data.Contributions > 1000, $"{Data.Contributions} contributions");
        Assert.All(Data.Groups.SelectMany(group => group), append => Assert.True(append.At < LoadMoment, $"{append.StreamId} at {append.At}"));
    }

    [Fact]
    public void The_seed_communities_units_have_the_seeds_parts()
    {
        var joined = Events.OfType<UnitJoined>().ToList();
        Kinds(joined, "yongxinglu").AssertCounts((UnitKinds.Member, 3), (UnitKinds.Signed, 28));
        Kinds(joined, "fuminjie").AssertCounts((UnitKinds.InArea, 28), (UnitKinds.SocialOrganization, 7), (UnitKinds.VolunteerGroup, 3));
        Assert.Equal(14, joined.Count(unit => unit.Communities[0].CommunityId == "xinghuananli"));
        Assert.Contains(joined, unit => unit.Communities[0].CommunityId == "beijie" && unit.Kind == UnitKinds.Merchant);
    }

    [Fact]
    public void Yongxinglus_member_units_commit_its_3_million_of_funds_and_its_signed_units_about_300_thousand()
    {
        var signed = Events.OfType<AgreementSigned>().Where(agreement => agreement.Party.CommunityId == "yongxinglu").ToList();
        Assert.Equal(3_000_000m, signed.SelectMany(agreement => agreement.Commitments).Where(promise => promise.What == "大党委共建资金").Sum(promise => promise.Amount));
        Assert.InRange(signed.SelectMany(agreement => agreement.Commitments).Where(promise => promise.What == "社会共建资金").Sum(promise => promise.Amount),
            280_000m, 310_000m);
    }

    [Fact]
    public void Laodong_has_booked_420_of_its_450_bowls_for_this_laba_festival()
    {
        var congee = Events.OfType<OfferPublished>().Single(offer => offer.UnitId == "u-laodong");
        Assert.Equal((450m, "servings", OfferCapacity.InTotal), (congee.Capacity.Amount, congee.Capacity.Measure, congee.Capacity.Scope));
        var booked = Events.OfType<OfferBooked>().Single(booking => booking.OfferId == congee.OfferId);
        Assert.Equal((420m, "yongxinglu"), (booked.Quantity, booked.For.CommunityId));
    }

    [Fact]
    public void Every_entry_sums_to_zero_and_some_agreements_fall_behind_while_others_keep_pace()
    {
        var posted = Events.OfType<ContributionEvent>().SelectMany(@event => @event.Posted()).ToList();
        Assert.NotEmpty(posted);
        Assert.All(posted, entry => Assert.True(DoubleEntry.SumsToZero(entry), entry.EntryId));
        Assert.Contains(Events, @event => @event is ContributionDeclined);
        Assert.Contains(Events, @event => @event is ContributionCorrected);
        Assert.Contains(Data.Groups, group => group[^1].Events[^1] is ContributionReported);

        var today = DateOnly.FromDateTime(LoadMoment.Date);
        var delivered = Events.OfType<ContributionEvent>().SelectMany(@event => @event.Posted().Select(entry => (@event.ContributionIdOf(), entry)))
            .GroupBy(pair => Contributions()[pair.Item1])
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.entry.Lines.Where(line => line.Account.StartsWith("community:", StringComparison.Ordinal)).Sum(line => line.Amount)));
        var paces = Events.OfType<AgreementSigned>().SelectMany(signed => signed.Commitments.Select(commitment =>
            CommitmentPace.Of(commitment, signed.StartsOn, signed.EndsOn, delivered.GetValueOrDefault((signed.AgreementId, commitment.What)), today))).ToList();
        Assert.Contains(paces, pace => pace.Behind);
        Assert.Contains(paces, pace => !pace.Behind && pace.Delivered > 0);
    }

    [Fact]
    public void The_same_load_day_gives_the_same_data() =>
        Assert.Equal(
            Data.Groups.SelectMany(group => group).Select(append => $"{append.StreamId} {append.Actor} {append.At:O} {append.Events.Count}"),
            ResourcesDemoData.Generate(Sources, LoadMoment).Groups.SelectMany(group => group).Select(append => $"{append.StreamId} {append.Actor} {append.At:O} {append.Events.Count}"));

    private static Dictionary<string, (string AgreementId, string What)> Contributions() =>
        Events.OfType<ContributionReported>().Where(reported => reported.Counts is not null)
            .ToDictionary(reported => reported.ContributionId, reported => (reported.Counts!.AgreementId, reported.Counts.What));

    private static Dictionary<string, int> Kinds(IEnumerable<UnitJoined> joined, string communityId) =>
        joined.Where(unit => unit.Communities[0].CommunityId == communityId).GroupBy(unit => unit.Kind).ToDictionary(group => group.Key, group => group.Count());
}

internal static class DemoAssertions
{
    public static void AssertCounts(this Dictionary<string, int> counts, params (string Kind, int Count)[] expected) =>
        Assert.Equal(expected.OrderBy(pair => pair.Kind), counts.Select(pair => (pair.Key, pair.Value)).OrderBy(pair => pair.Key));

    public static string ContributionIdOf(this ContributionEvent @event) => @event switch
    {
        ContributionReported reported => reported.ContributionId,
        ContributionConfirmed confirmed => confirmed.ContributionId,
        ContributionDeclined declined => declined.ContributionId,
        ContributionCorrected corrected => corrected.ContributionId,
    };
}
