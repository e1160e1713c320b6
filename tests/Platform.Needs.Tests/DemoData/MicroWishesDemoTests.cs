using Platform.DemoLoader.Needs;
using Platform.DemoLoader.Volunteers;
using Platform.DemoLoader.Wishes;
using Platform.Kernel.Time;
using Platform.Needs.NeedList;
using Platform.Volunteers.Wishes;
using static Platform.Needs.Tests.DemoData.DemoDataFixture;

namespace Platform.Needs.Tests.DemoData;

/// <summary>富民街's micro-wishes, planned once and written by the Needs and the Volunteers demo loaders, checked without
/// a database: both services must tell the same story with the same ids, so that the messages each relays about the
/// demo find the other side already there.</summary>
public sealed class MicroWishesDemoTests
{
    private static readonly DateTimeOffset LoadMoment = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(8));

    private static readonly DemoTimeShift Shift = DemoTimeShift.For(Anchor, LoadMoment);

    private static readonly IReadOnlyList<PlannedWish> Plan = MicroWishesDemoPlan.Load(Folder, DistrictTime.DateOf(Shift.NotAfter));

    private static readonly DemoDataSet Needs = NeedsDemoData.Generate(Sources, Decisions.Catalogue, Shift, Plan);

    private static readonly VolunteersDemoSet Volunteers = VolunteersDemoData.Generate(VolunteersDemoSources.Load(Folder), LoadMoment, Plan);

    private static IEnumerable<WishEvent> WishEvents => Volunteers.Groups.SelectMany(group => group).SelectMany(append => append.Events).OfType<WishEvent>();

    [Fact]
    public void Three_years_of_wishes_are_fulfilled_and_a_few_are_on_the_board_or_claimed_today()
    {
        var fulfilled = WishEvents.OfType<WishFulfilled>().ToList();
        Assert.InRange(fulfilled.Count, 300, 320);
        var posted = WishEvents.OfType<WishPosted>().ToList();
        Assert.Equal(Plan.Count, posted.Count);
        Assert.True(posted.Min(wish => wish.PostedAt) < LoadMoment.AddYears(-2).AddMonths(-9), "the wishes reach back three years");
        var claimedToday = Plan.Count(wish => wish.Claim is not null && wish.FulfilledAt is null);
        Assert.InRange(claimedToday, 5, 15);
        Assert.All(Plan.Where(wish => wish.Claim is not null && wish.FulfilledAt is null), wish => Assert.True(wish.Claim!.Deadline >= DistrictTime.DateOf(LoadMoment)));
        Assert.InRange(Plan.Count(wish => wish.Claim is null), 3, 10);
        Assert.Contains(fulfilled, wish => wish.NeedId == "w-fmj-001" && wish.Photo.ContentType == "image/png");
        Assert.Contains(fulfilled, wish => wish.Claimer.Kind == ClaimerKinds.Team && wish.Credits.Count > 0);
        Assert.Contains(fulfilled, wish => wish.Claimer.Kind == ClaimerKinds.Unit);
        Assert.Equal(fulfilled.Count, Volunteers.Photos.Count);
    }

    [Fact]
    public void Needs_and_volunteers_record_the_same_wishes_claims_and_fulfilments()
    {
        Assert.Empty(Needs.Skipped);
        Assert.Equal(Plan.Select(wish => wish.NeedId), Needs.MicroWishes.Select(wish => wish.NeedId));
        var published = Needs.MicroWishes.SelectMany(wish => wish.Events()).OfType<MicroWishPublished>().ToDictionary(wish => wish.NeedId);
        foreach (var posted in WishEvents.OfType<WishPosted>())
        {
            Assert.True(published.TryGetValue(posted.NeedId, out var publishing), posted.NeedId);
            Assert.True(publishing.PublishedAt < posted.PostedAt, posted.NeedId);
        }
        var claims = Needs.MicroWishes.SelectMany(wish => wish.Events()).OfType<MicroWishClaimed>().ToDictionary(claim => claim.NeedId);
        Assert.All(WishEvents.OfType<WishClaimed>(), claimed => Assert.Equal(claimed.Claimer.Id, claims[claimed.NeedId].VolunteerId));
        var resolved = Needs.MicroWishes.Where(wish => wish.Need.Status is NeedStatus.Resolved or NeedStatus.Closed).Select(wish => wish.NeedId).ToHashSet();
        Assert.Equal(WishEvents.OfType<WishFulfilled>().Select(wish => wish.NeedId).ToHashSet(), resolved);
        Assert.All(Needs.MicroWishes.SelectMany(wish => wish.Appends), append => Assert.True(append.At <= Shift.NotAfter, $"{append.StreamId} at {append.At:O}"));
    }

    [Fact]
    public void The_board_never_shows_the_household()
    {
        Assert.All(WishEvents.OfType<WishPosted>(), posted =>
        {
            var planned = Plan.Single(wish => wish.NeedId == posted.NeedId);
            Assert.DoesNotContain(planned.ReporterName, posted.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(planned.Address, posted.Description, StringComparison.Ordinal);
        });
    }
}
