using Microsoft.Extensions.Configuration;
using Platform.Needs.Catalogue;

namespace Platform.Needs.Tests.Support;

/// <summary>The fixed actor, clock and catalogue every decision in these tests is made with.</summary>
public static class Decisions
{
    public const string Actor = "staff-1";

    /// <summary>A Monday morning in the district's own time zone.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The defaults embedded in the service, loaded as the service loads them.</summary>
    public static readonly NeedsCatalogue Catalogue = LoadCatalogue();

    public static NeedsDecisionContext Context(DateTimeOffset now) => new(Actor, now, Catalogue);

    private static NeedsCatalogue LoadCatalogue()
    {
        using var stream = typeof(NeedDecider).Assembly.GetManifestResourceStream("Platform.Needs.catalogue.json")
            ?? throw new InvalidOperationException("The Platform.Needs assembly does not embed Platform.Needs.catalogue.json.");
        var catalogue = new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection(NeedsCatalogue.SectionName).Get<NeedsCatalogue>()
            ?? throw new InvalidOperationException($"The embedded catalogue has no {NeedsCatalogue.SectionName} section.");
        var problems = catalogue.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        return catalogue;
    }
}
