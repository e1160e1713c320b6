using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;
using Platform.DemoLoader.Wishes;

namespace Platform.DemoLoader.Needs;

/// <summary>
/// How far the demo moves in time. The demo's histories end at cases.json's anchor date; loaded later, every time moves
/// by the whole days since, so that open cases have running limits on the day of the demo. Nothing is generated
/// after <see cref="NotAfter"/>: the anchor moved by <see cref="Days"/>, or the load moment if that is earlier.
/// </summary>
public sealed record DemoTimeShift(int Days, DateTimeOffset NotAfter)
{
    public TimeSpan Offset => TimeSpan.FromDays(Days);

    public static DemoTimeShift For(DateTimeOffset anchorDate, DateTimeOffset loadMoment)
    {
        var loadDay = DistrictTime.StartOf(DistrictTime.DateOf(loadMoment));
        var days = Math.Max(0, (int)Math.Floor((loadDay - anchorDate).TotalDays));
        var shiftedAnchor = anchorDate.AddDays(days);
        return new DemoTimeShift(days, shiftedAnchor < loadMoment ? shiftedAnchor : loadMoment);
    }
}

/// <param name="Skipped">Cases the rules (or a catalogue configured without their category) refused, with the reason.</param>
/// <param name="MicroWishes">富民街's micro-wishes (<see cref="MicroWishesDemoPlan"/>), kept apart from the cases of cases.json.</param>
public sealed record DemoDataSet(
    string DistrictCode, DemoTimeShift Shift, IReadOnlyList<DemoCase> Cases, IReadOnlyList<string> Skipped, IReadOnlyDictionary<string, string> ActorNames,
    IReadOnlyList<DemoCase> MicroWishes)
{
    public int EventCount => Cases.Concat(MicroWishes).Sum(demoCase => demoCase.Appends.Sum(append => append.Events.Count));
}

/// <summary>
/// The Needs service's demo data: the 13 seed cases of cases.json and the cases its <c>generatedCases</c> parameters
/// describe, as the streams the service would have written living through them. Pure and deterministic: the same files,
/// catalogue and shift give the same histories with the same ids; the shift moves times, never ids.
/// </summary>
public static class NeedsDemoData
{
    /// <summary>The district's own time zone (China Standard Time, no daylight saving): days and hours of the demo are local.</summary>

    /// <param name="wishes">The micro-wishes planned for the day <paramref name="shift"/> ends on, shared with the Volunteers demo.</param>
    public static DemoDataSet Generate(DemoSources sources, NeedsCatalogue catalogue, DemoTimeShift shift, IReadOnlyList<PlannedWish>? wishes = null)
    {
        var world = new DemoWorld(sources, catalogue);
        var cases = new List<DemoCase>();
        var skipped = new List<string>();

        foreach (var seed in sources.Cases.Cases)
        {
            try
            {
                cases.Add(SeedCases.Record(seed, world, shift));
            }
            catch (Exception exception) when (IsRefusal(exception))
            {
                skipped.Add($"{seed.Id}: {exception.Message}");
            }
        }

        if (sources.Cases.GeneratedCases is { } parameters)
        {
            foreach (var planned in new GeneratedCases(parameters, world, sources.Cases.TimeBase.AnchorDate).Plan())
            {
                try
                {
                    cases.Add(planned.Record(world, shift));
                }
                catch (Exception exception) when (IsRefusal(exception))
                {
                    skipped.Add($"{planned.NeedId}: {exception.Message}");
                }
            }
        }
        var microWishes = new List<DemoCase>();
        foreach (var wish in wishes ?? [])
        {
            try
            {
                microWishes.Add(RecordWish(wish, world, shift));
            }
            catch (Exception exception) when (IsRefusal(exception))
            {
                skipped.Add($"{wish.NeedId}: {exception.Message}");
            }
        }
        var actorNames = world.ActorNames(cases.Concat(microWishes).SelectMany(demoCase => demoCase.Appends).Select(append => append.Actor));
        return new DemoDataSet(world.DistrictCode, shift, cases, skipped, actorNames, microWishes);
    }

    /// <summary>A wish as Needs lives it: staff register it for the household and accept it (which publishes it to the
    /// board); the claim and the fulfilment arrive from Volunteers a minute after they happen there; staff call back the
    /// next day and close it.</summary>
    private static DemoCase RecordWish(PlannedWish wish, DemoWorld world, DemoTimeShift shift)
    {
        var recorder = new CaseRecorder(wish.NeedId, world.Catalogue);
        var staff = world.Actors.CommunityStaff(wish.CommunityId);
        recorder.OnNeed(new RaiseNeed(wish.NeedId, wish.Title, wish.Description, Need.MicroWishCategory, "normal",
            new Place(wish.StreetId, wish.CommunityId, wish.GridId, wish.BuildingId, wish.Address), new ReporterContact(wish.ReporterName, wish.ReporterPhone),
            null, NeedChannels.Staff, null), staff, wish.RaisedAt);
        recorder.OnNeed(new AcceptNeed(HandlingClass: null), staff, wish.AcceptedAt);
        if (wish.Claim is { } claim) recorder.OnNeed(new ClaimMicroWish(claim.Id, claim.Name), VolunteersService, claim.ClaimedAt.AddMinutes(1));
        if (wish.FulfilledAt is { } fulfilled)
        {
            recorder.OnNeed(new ResolveNeed(wish.Note, ResolutionSources.MicroWish), VolunteersService, fulfilled.AddMinutes(1));
            var callback = DistrictTime.StartOf(DistrictTime.DateOf(fulfilled).AddDays(1)).AddHours(10);
            if (callback.AddMinutes(5) < shift.NotAfter)
            {
                recorder.OnNeed(new RecordFeedback(true, true, "居民表示感谢。"), staff, callback);
                recorder.OnNeed(new CloseNeed(), staff, callback.AddMinutes(5));
            }
        }
        return recorder.Finish(isSeed: false);
    }

    /// <summary>Who the Needs service records as the actor of a message from the Volunteers service.</summary>
    private const string VolunteersService = "service:volunteers";

    private static bool IsRefusal(Exception exception) =>
        exception is RuleViolationException or InvalidCommandException or NotFoundException or InvalidOperationException or ArgumentException;
}
