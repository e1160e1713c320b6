using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.DemoLoader.Needs;

/// <summary>
/// The demo files the Needs demo data is made from (deploy/demo): the seed cases and the generator's parameters
/// (cases.json), the district tree (organization.json), the street department types of each category
/// (categories.json), the demo logins whose usernames become actors (logins.json) and the project titles
/// and volunteer teams' names (resources-projects-volunteers.json). Only cases.json and organization.json are required.
/// </summary>
public sealed record DemoSources(
    CasesFile Cases,
    OrganizationFile Organization,
    IReadOnlyList<DemoCategory> Categories,
    IReadOnlyList<DemoLogin> Logins,
    IReadOnlyDictionary<string, string> ProjectTitles,
    IReadOnlyDictionary<string, string> TeamNames)
{
    public const string CasesFileName = "cases.json";
    public const string OrganizationFileName = "organization.json";
    public const string CategoriesFileName = "categories.json";
    public const string LoginsFileName = "logins.json";
    public const string ResourcesFileName = "resources-projects-volunteers.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoSources Load(string folder)
    {
        string? Read(string name, bool required)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return File.ReadAllText(path);
            return required ? throw new FileNotFoundException($"The demo data folder has no {name}.", path) : null;
        }

        return Parse(Read(CasesFileName, true)!, Read(OrganizationFileName, true)!, Read(CategoriesFileName, false), Read(LoginsFileName, false),
            Read(ResourcesFileName, false));
    }

    public static DemoSources Parse(string casesJson, string organizationJson, string? categoriesJson, string? loginsJson, string? resourcesJson)
    {
        var cases = JsonSerializer.Deserialize<CasesFile>(casesJson, Json) ?? throw new InvalidDataException($"{CasesFileName} is empty.");
        var organization = JsonSerializer.Deserialize<OrganizationFile>(organizationJson, Json)
            ?? throw new InvalidDataException($"{OrganizationFileName} is empty.");
        var categories = categoriesJson is null ? [] : JsonSerializer.Deserialize<CategoriesFile>(categoriesJson, Json)?.Categories ?? [];
        var logins = loginsJson is null ? [] : JsonSerializer.Deserialize<List<DemoLogin>>(loginsJson, Json) ?? [];
        var resources = resourcesJson is null ? null : JsonSerializer.Deserialize<ResourcesFile>(resourcesJson, Json);
        return new DemoSources(
            cases, organization, categories, logins, (resources?.Projects ?? []).ToDictionary(project => project.Id, project => project.Title),
            (resources?.Teams ?? []).ToDictionary(team => team.Id, team => team.Name));
    }
}

public sealed record CasesFile(TimeBase TimeBase, List<SeedCase> Cases, JsonObject? GeneratedCases);

public sealed record TimeBase(DateTimeOffset AnchorDate);

public sealed record SeedCase(
    string Id,
    string CommunityId,
    string StreetId,
    SeedLocation Location,
    string Category,
    string Urgency,
    string Title,
    string Description,
    SeedReporter Reporter,
    string Channel,
    DateTimeOffset StartAt,
    List<SeedStep> Timeline,
    string? Path);

public sealed record SeedLocation(string? XiaoquId, string? GridId, List<string>? BuildingIds, string? Place);

public sealed record SeedReporter(string Name, string Phone);

public sealed record SeedActor(string Role, string? ScopeId);

/// <summary>One step of a seed timeline; which fields are set depends on <see cref="Type"/>.</summary>
public sealed record SeedStep(
    int Step,
    string Type,
    double AtHours,
    SeedActor? Actor,
    string? Note,
    string? HandlingClass,
    string? Level,
    string? WhistleType,
    string? Reason,
    List<string>? TriedByCommunity,
    string? LeadDepartmentId,
    List<string>? AssistDepartmentIds,
    List<string>? ParticipatingUnitIds,
    string? DepartmentId,
    bool? ContactedReporter,
    string? Result,
    bool? Passed,
    bool? Resolved,
    bool? Satisfied,
    string? Comment,
    string? Limit,
    bool? Auto,
    string? ToLevel,
    string? ProjectId,
    string? UnitId,
    List<string>? UnitIds,
    List<string>? Plan);

public sealed record OrganizationFile(DemoDistrict District, List<DemoStreet> Streets, List<DemoDepartment> Departments, List<DemoUnit> Units);

public sealed record DemoDistrict(string Code, string Name);

public sealed record DemoStreet(string Id, string Name, bool? CentralHeating, List<DemoCommunity> Communities);

public sealed record DemoCommunity(
    string Id, string Name, string? ShortName, bool? Seeded, DemoCommunityStats? Stats, List<DemoXiaoqu>? Xiaoqu, List<DemoGrid>? Grids);

public sealed record DemoCommunityStats(int? Households);

public sealed record DemoXiaoqu(string Id, string Name);

public sealed record DemoGrid(string Id, string Name, List<DemoBuilding>? Buildings);

public sealed record DemoBuilding(string Id, string Name, string? XiaoquId);

public sealed record DemoDepartment(string Id, string Name, string? ShortName, string Level, string? StreetId, string? StreetDepartmentType, List<string>? Categories);

public sealed record DemoUnit(string Id, string Name, string? Type, List<string>? CommunityIds);

public sealed record CategoriesFile(List<DemoCategory> Categories);

/// <summary>A category of categories.json, for the types of street department (cgk, pcs, pab) that take it.</summary>
public sealed record DemoCategory(string Code, List<string>? TypicalStreetDepartmentTypes);

/// <param name="VolunteerId">The demo volunteer a volunteer login is (their own record in the Volunteers service).</param>
public sealed record DemoLogin(string Username, string Role, string? ScopeId, string? DisplayName, string? VolunteerId = null);

public sealed record ResourcesFile(List<DemoProject>? Projects, List<DemoTeam>? Teams);

/// <summary>A volunteer team (小巷管家, 帮帮团 …), for the name of a volunteer acting for it.</summary>
public sealed record DemoTeam(string Id, string Name);

public sealed record DemoProject(string Id, string Title);
