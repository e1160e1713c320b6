using System.Text.Json;
using Platform.DemoLoader.Needs;

namespace Platform.DemoLoader.Volunteers;

/// <summary>What the Volunteers demo is made from: the seeds' volunteers, teams, activities, three-colour households and
/// points rules (resources-projects-volunteers.json), with the org tree for places and units, and the logins.</summary>
/// <param name="ReportedPartyMembers">The party members a community says have reported to it (seed 002: 兴华南里's 605).</param>
/// <param name="Units">The co-building units with the communities they serve, in the org tree's order.</param>
public sealed record VolunteersDemoSources(
    string DistrictCode, IReadOnlyList<SeedVolunteer> Volunteers, IReadOnlyList<SeedTeam> Teams, IReadOnlyList<SeedActivity> Activities,
    IReadOnlyList<SeedHousehold> Households, IReadOnlyDictionary<string, string> StreetOfCommunity, IReadOnlyDictionary<string, string> PlaceNames,
    IReadOnlyDictionary<string, string> UnitNames, IReadOnlySet<string> Buildings, IReadOnlyList<DemoLogin> Logins,
    IReadOnlyDictionary<string, int> ReportedPartyMembers, IReadOnlyList<SeedUnit> Units)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static VolunteersDemoSources Load(string folder)
    {
        var organization = JsonSerializer.Deserialize<TreeFile>(File.ReadAllText(Path.Combine(folder, "organization.json")), Json)!;
        var seeds = JsonSerializer.Deserialize<SeedsFile>(File.ReadAllText(Path.Combine(folder, "resources-projects-volunteers.json")), Json)!;
        var logins = JsonSerializer.Deserialize<List<DemoLogin>>(File.ReadAllText(Path.Combine(folder, "logins.json")), Json)!;
        var communities = organization.Streets.SelectMany(street => street.Communities.Select(community => (community, street))).ToList();
        return new VolunteersDemoSources(
            organization.District.Code, seeds.Volunteers ?? [], seeds.Teams ?? [], seeds.Activities ?? [], seeds.ThreeColorCare?.Households ?? [],
            communities.ToDictionary(pair => pair.community.Id, pair => pair.street.Id),
            communities.Select(pair => (pair.community.Id, pair.community.Name)).Concat(organization.Streets.Select(street => (street.Id, street.Name)))
                .ToDictionary(pair => pair.Item1, pair => pair.Item2),
            organization.Units.ToDictionary(unit => unit.Id, unit => unit.Name),
            communities.SelectMany(pair => pair.community.Grids ?? []).SelectMany(grid => grid.Buildings ?? []).Select(building => building.Id).ToHashSet(),
            logins,
            (seeds.PartyMemberReporting ?? []).Where(report => report.ReportedPartyMembers is > 0)
                .ToDictionary(report => report.CommunityId, report => report.ReportedPartyMembers!.Value),
            [.. organization.Units.Where(unit => unit.CommunityIds is { Count: > 0 }).Select(unit => new SeedUnit(unit.Id, unit.Name, unit.Type, unit.CommunityIds!, unit.Offers ?? []))]);
    }

    private sealed record TreeFile(DemoDistrict District, List<TreeStreet> Streets, List<TreeUnit> Units);

    private sealed record TreeStreet(string Id, string Name, List<TreeCommunity> Communities);

    private sealed record TreeCommunity(string Id, string Name, List<TreeGrid>? Grids);

    private sealed record TreeGrid(string Id, List<TreeBuilding>? Buildings);

    private sealed record TreeBuilding(string Id);

    private sealed record TreeUnit(string Id, string Name, string? Type, List<string>? CommunityIds, List<string>? Offers);

    private sealed record SeedsFile(
        List<SeedVolunteer>? Volunteers, List<SeedTeam>? Teams, List<SeedActivity>? Activities, SeedCare? ThreeColorCare,
        List<SeedReporting>? PartyMemberReporting);

    private sealed record SeedReporting(string CommunityId, int? ReportedPartyMembers);

    private sealed record SeedCare(List<SeedHousehold>? Households);
}

/// <param name="Kind">在职党员, 离退休党员 or 群众志愿者.</param>
public sealed record SeedVolunteer(
    string Id, string Name, string Phone, string CommunityId, string? BuildingId, string Kind, string? EmployerUnitId, List<string>? TeamIds,
    List<string>? Skills, DateOnly JoinedAt, decimal ServiceHours, SeedPoints? Points);

public sealed record SeedPoints(decimal Balance, decimal EarnedThisYear);

/// <param name="Kind">志愿服务队, 文体队伍 or 网格力量.</param>
public sealed record SeedTeam(string Id, string CommunityId, string Name, string Kind, string? Description);

public sealed record SeedActivity(
    string Id, string CommunityId, string? TeamId, string Title, string? PointsRule, DateOnly Date, int PersonTimes, List<string> ParticipantIds);

public sealed record SeedHousehold(
    string Id, string CommunityId, string? BuildingId, string Room, string Color, List<string> Groups, string? LinkedPartyMemberId, DateOnly? LastVisitAt);

/// <param name="CommunityIds">The communities it serves; the first is the one it is in, where it reports (双报到).</param>
public sealed record SeedUnit(string Id, string Name, string? Type, IReadOnlyList<string> CommunityIds, IReadOnlyList<string> Offers);
