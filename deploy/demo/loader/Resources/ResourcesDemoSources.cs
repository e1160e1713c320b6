using System.Text.Json;
using Platform.DemoLoader.Needs;

namespace Platform.DemoLoader.Resources;

/// <summary>What the Resources demo is made from: the org tree's co-building units with their relation to the
/// community, and the seeds' offers (resources-projects-volunteers.json, "resources").</summary>
public sealed record ResourcesDemoSources(string DistrictCode, IReadOnlyList<DemoTreeUnit> Units, IReadOnlyList<SeedOffer> Offers,
    IReadOnlyDictionary<string, string> StreetOfCommunity, IReadOnlyDictionary<string, string> PlaceNames, IReadOnlyList<DemoLogin> Logins)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ResourcesDemoSources Load(string folder)
    {
        var organization = JsonSerializer.Deserialize<TreeFile>(File.ReadAllText(Path.Combine(folder, "organization.json")), Json)!;
        var resources = JsonSerializer.Deserialize<SeedOffersFile>(File.ReadAllText(Path.Combine(folder, "resources-projects-volunteers.json")), Json)!;
        var logins = JsonSerializer.Deserialize<List<DemoLogin>>(File.ReadAllText(Path.Combine(folder, "logins.json")), Json)!;
        var communities = organization.Streets.SelectMany(street => street.Communities.Select(community => (community, street))).ToList();
        return new ResourcesDemoSources(
            organization.District.Code, organization.Units, resources.Resources ?? [],
            communities.ToDictionary(pair => pair.community.Id, pair => pair.street.Id),
            communities.Select(pair => (pair.community.Id, pair.community.Name)).Concat(organization.Streets.Select(street => (street.Id, street.Name)))
                .ToDictionary(pair => pair.Item1, pair => pair.Item2),
            logins);
    }

    private sealed record TreeFile(DemoDistrict District, List<TreeStreet> Streets, List<DemoTreeUnit> Units);

    private sealed record TreeStreet(string Id, string Name, List<TreeCommunity> Communities);

    private sealed record TreeCommunity(string Id, string Name);

    private sealed record SeedOffersFile(List<SeedOffer>? Resources);
}

/// <summary>A unit of the org tree: its type (企业, 学校 …), relation (大党委成员单位, 辖区外签约共建单位) and contact.</summary>
public sealed record DemoTreeUnit(
    string Id, string Name, string? Type, List<string>? CommunityIds, string? Relation, bool? CouncilMember, int? Since, List<string>? Offers,
    DemoContact? Contact);

public sealed record DemoContact(string Name, string Phone, string? Title);

public sealed record SeedOffer(string Id, List<string> CommunityIds, SeedOfferer OfferedBy, string Title, string Type, string? Description, int? MaxBowlsOneYear);

public sealed record SeedOfferer(string Kind, string Id);
