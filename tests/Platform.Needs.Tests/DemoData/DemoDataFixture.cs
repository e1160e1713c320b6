using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.DemoLoader;
using Platform.DemoLoader.Needs;

namespace Platform.Needs.Tests.DemoData;

/// <summary>The repository's own demo files (deploy/demo), generated once for all tests as of the anchor date.</summary>
public static class DemoDataFixture
{
    public static readonly string Folder = Path.Combine(RepositoryRoot(), "deploy", "demo");

    public static readonly DemoSources Sources = DemoSources.Load(Folder);

    public static readonly DateTimeOffset Anchor = Sources.Cases.TimeBase.AnchorDate;

    /// <summary>Loaded at the anchor itself: no shift, nothing after the window's end.</summary>
    public static readonly DemoDataSet AtAnchor = Generate(Anchor);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DemoDataSet Generate(DateTimeOffset loadMoment) =>
        NeedsDemoData.Generate(Sources, Decisions.Catalogue, DemoTimeShift.For(Anchor, loadMoment));

    public static DemoCase Case(this DemoDataSet data, string needId) => data.Cases.Single(demoCase => demoCase.NeedId == needId);

    public static IEnumerable<object> Events(this DemoCase demoCase, string? streamPrefix = null) =>
        demoCase.Appends.Where(append => streamPrefix is null || append.StreamId.StartsWith(streamPrefix, StringComparison.Ordinal)).SelectMany(append => append.Events);

    /// <summary>Everything an append carries, as text: stream, actor, time and each event's type and content.</summary>
    public static string Describe(DemoAppend append) =>
        $"{append.StreamId} {append.Actor} {append.At:O} " +
        string.Join(" ", append.Events.Select(@event => $"{@event.GetType().Name} {JsonSerializer.Serialize(@event, @event.GetType(), Json)}"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"Platform.sln not found above {AppContext.BaseDirectory}.");
    }
}
