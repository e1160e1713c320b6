using System.Text.Json;
using Platform.DemoLoader.Resources;

namespace Platform.DemoLoader.Projects;

/// <summary>What the Projects demo is made from: the Resources demo's sources (the org tree's co-building units, the
/// places, the logins), and the seeds' joint meetings and projects (resources-projects-volunteers.json).</summary>
public sealed record ProjectsDemoSources(ResourcesDemoSources Resources, SeedMeetings? Meetings, IReadOnlyList<SeedProject> Projects,
    IReadOnlyDictionary<string, SeedNeed> SeedNeeds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProjectsDemoSources Load(string folder)
    {
        var seeds = JsonSerializer.Deserialize<SeedFile>(File.ReadAllText(Path.Combine(folder, "resources-projects-volunteers.json")), Json)!;
        // The seed cases that the Needs demo loads under their own ids and that a seed project answers.
        var cases = JsonSerializer.Deserialize<CasesFile>(File.ReadAllText(Path.Combine(folder, "cases.json")), Json)!;
        return new ProjectsDemoSources(ResourcesDemoSources.Load(folder), seeds.JointMeetings, seeds.Projects ?? [],
            cases.Cases.Where(seed => seed.LinkedProjectId is not null).ToDictionary(seed => seed.LinkedProjectId!, seed => new SeedNeed(seed.Id, seed.Title)));
    }

    private sealed record SeedFile(SeedMeetings? JointMeetings, List<SeedProject>? Projects);

    private sealed record CasesFile(List<SeedCase> Cases);

    private sealed record SeedCase(string Id, string CommunityId, string Title, string? LinkedProjectId);
}

/// <summary>A need of the Needs demo (a seed case, under its own id) that a seed project answers.</summary>
public sealed record SeedNeed(string NeedId, string Title);

/// <param name="MeetingsHeld">永兴路's 34 meetings, the last three of them in <paramref name="Records"/>.</param>
public sealed record SeedMeetings(string CommunityId, int MeetingsHeld, SeedRotation? RotatingChair, List<SeedMeetingRecord>? Records);

public sealed record SeedRotation(List<string> RotationUnitIds);

public sealed record SeedMeetingRecord(string Id, int Number, string Date, string ChairUnitId, List<string>? ProjectIds);

/// <param name="Status">completed, or recurring (a project that goes on, as the 腊八粥 each year).</param>
public sealed record SeedProject(string Id, string CommunityId, string Title, string? Status, string? SeedFact);
