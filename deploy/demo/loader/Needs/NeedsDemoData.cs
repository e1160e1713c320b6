using Platform.Needs.Catalogue;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;

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
public sealed record DemoDataSet(
    string DistrictCode, DemoTimeShift Shift, IReadOnlyList<DemoCase> Cases, IReadOnlyList<string> Skipped, IReadOnlyDictionary<string, string> ActorNames)
{
    public int EventCount => Cases.Sum(demoCase => demoCase.Appends.Sum(append => append.Events.Count));
}

/// <summary>
/// The Needs service's demo data: the 13 seed cases of cases.json and the cases its <c>generatedCases</c> parameters
/// describe, as the streams the service would have written living through them. Pure and deterministic: the same files,
/// catalogue and shift give the same histories with the same ids; the shift moves times, never ids.
/// </summary>
public static class NeedsDemoData
{
    /// <summary>The district's own time zone (China Standard Time, no daylight saving): days and hours of the demo are local.</summary>

    public static DemoDataSet Generate(DemoSources sources, NeedsCatalogue catalogue, DemoTimeShift shift)
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
        var actorNames = world.ActorNames(cases.SelectMany(demoCase => demoCase.Appends).Select(append => append.Actor));
        return new DemoDataSet(world.DistrictCode, shift, cases, skipped, actorNames);
    }

    private static bool IsRefusal(Exception exception) =>
        exception is RuleViolationException or InvalidCommandException or NotFoundException or InvalidOperationException or ArgumentException;
}
