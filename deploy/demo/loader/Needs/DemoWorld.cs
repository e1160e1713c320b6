using Platform.Needs.Catalogue;

namespace Platform.DemoLoader.Needs;

/// <summary>The district the demo happens in, with the look-ups the seed and generated histories need.</summary>
internal sealed class DemoWorld
{
    private readonly Dictionary<string, DemoCommunity> communities = [];
    private readonly Dictionary<string, DemoStreet> streetOfCommunity = [];
    private readonly Dictionary<string, DemoDepartment> departments;
    private readonly Dictionary<string, DemoUnit> units;
    private readonly Dictionary<string, List<string>> streetDepartmentTypes;
    private readonly IReadOnlyDictionary<string, string> projectTitles;
    private readonly IReadOnlyDictionary<string, string> teamNames;

    public DemoWorld(DemoSources sources, NeedsCatalogue catalogue)
    {
        Catalogue = catalogue;
        DistrictCode = sources.Organization.District.Code;
        Actors = new DemoActors(sources.Logins, DistrictCode);
        Streets = sources.Organization.Streets;
        foreach (var street in Streets)
        {
            foreach (var community in street.Communities)
            {
                communities[community.Id] = community;
                streetOfCommunity[community.Id] = street;
            }
        }
        Departments = sources.Organization.Departments;
        departments = Departments.ToDictionary(department => department.Id);
        units = sources.Organization.Units.ToDictionary(unit => unit.Id);
        streetDepartmentTypes = sources.Categories.ToDictionary(category => category.Code, category => category.TypicalStreetDepartmentTypes ?? []);
        projectTitles = sources.ProjectTitles;
        teamNames = sources.TeamNames;
    }

    public NeedsCatalogue Catalogue { get; }

    public DemoActors Actors { get; }

    public string DistrictCode { get; }

    public IReadOnlyList<DemoStreet> Streets { get; }

    public IReadOnlyList<DemoDepartment> Departments { get; }

    public DemoCommunity Community(string communityId) =>
        communities.TryGetValue(communityId, out var community) ? community : throw new InvalidOperationException($"unknown community {communityId}");

    public DemoStreet StreetOf(string communityId) =>
        streetOfCommunity.TryGetValue(communityId, out var street) ? street : throw new InvalidOperationException($"unknown community {communityId}");

    public DemoDepartment? Department(string departmentId) => departments.GetValueOrDefault(departmentId);

    public IReadOnlyList<DemoUnit> UnitsOf(string communityId) =>
        units.Values.Where(unit => unit.CommunityIds?.Contains(communityId) == true).OrderBy(unit => unit.Id, StringComparer.Ordinal).ToList();

    public string UnitName(string unitId) => units.TryGetValue(unitId, out var unit) ? unit.Name : unitId;

    /// <summary>The name of a community, street, department, unit or volunteer team, for the name of an actor scoped to it.</summary>
    public string ScopeName(string scopeId) =>
        communities.TryGetValue(scopeId, out var community) ? community.Name
        : Streets.FirstOrDefault(street => street.Id == scopeId) is { } street ? street.Name
        : departments.TryGetValue(scopeId, out var department) ? department.Name
        : scopeId == DistrictCode ? "区委组织部"
        : teamNames.TryGetValue(scopeId, out var team) ? team
        : UnitName(scopeId);

    /// <summary>What people call each actor of the demo histories (the timers name themselves).</summary>
    public IReadOnlyDictionary<string, string> ActorNames(IEnumerable<string> actors) =>
        actors.Distinct(StringComparer.Ordinal)
            .Select(actor => (Actor: actor, Name: Actors.NameOf(actor, ScopeName)))
            .Where(named => named.Name is not null)
            .ToDictionary(named => named.Actor, named => named.Name!, StringComparer.Ordinal);

    public string ProjectTitle(string projectId) => projectTitles.GetValueOrDefault(projectId) ?? projectId;

    /// <summary>The kinds of street department (cgk, pcs, pab) that take a category, most fitting first.</summary>
    public IReadOnlyList<string> StreetDepartmentTypes(string category) => streetDepartmentTypes.GetValueOrDefault(category) ?? [];

    public IEnumerable<DemoDepartment> StreetDepartments(string streetId) =>
        Departments.Where(department => department.Level == "street" && department.StreetId == streetId);
}
