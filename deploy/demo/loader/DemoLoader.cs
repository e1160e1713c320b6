using Microsoft.Extensions.DependencyInjection;
using Platform.DemoLoader.Needs;
using Platform.DemoLoader.Organization;
using Platform.DemoLoader.Projects;
using Platform.DemoLoader.Resources;
using Platform.Gateway;
using Platform.Needs;
using Platform.Projects;
using Platform.Resources;
using Platform.DemoLoader.Volunteers;
using Platform.Volunteers;

namespace Platform.DemoLoader;

/// <summary>
/// Puts the demo district into a running platform: the org tree and the demo logins into the gateway's database,
/// then a year of needs and whistle cases into the Needs service's, a year of the 资源清单 into the Resources service's, the joint meetings and projects into the Projects service's, and a year of volunteer service into the Volunteers service's. Only what is missing is added, so loading twice,
/// or from two places at once, changes nothing. Each part is written by its owner's own code (the gateway's
/// organization commands, the Needs service's event store as the service configures it), into a database whose
/// schema the started host has already applied; the production hosts themselves know nothing of demo data.
/// </summary>
public static class DemoLoader
{
    /// <summary>The org tree (organization.json) and the logins (logins.json), through a gateway host's services.</summary>
    public static Task LoadOrganizationAsync(IServiceProvider gateway, string folder, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<OrganizationDemoLoader>(gateway).LoadAsync(folder, cancellationToken);

    /// <summary>The needs and cases (cases.json, with the org tree and logins for places and actors), through a Needs host's services.</summary>
    /// <param name="withMicroWishes">富民街's micro-wishes too: their story lives in Needs and Volunteers alike, so Needs'
    /// half is loaded only alongside Volunteers' (which loads its half in any case).</param>
    public static Task LoadNeedsAsync(IServiceProvider needs, string folder, bool withMicroWishes, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<NeedsDemoLoader>(needs).LoadAsync(folder, withMicroWishes, cancellationToken);

    /// <summary>The co-building units, agreements, offers, bookings and contributions, through a Resources host's services.</summary>
    public static Task LoadResourcesAsync(IServiceProvider resources, string folder, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<ResourcesDemoLoader>(resources).LoadAsync(folder, cancellationToken);

    /// <summary>The joint meetings, projects and their 责任清单, through a Projects host's services.</summary>
    public static Task LoadProjectsAsync(IServiceProvider projects, string folder, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<ProjectsDemoLoader>(projects).LoadAsync(folder, cancellationToken);

    /// <summary>The volunteers, teams, activities, households and gifts, through a Volunteers host's services.</summary>
    public static Task LoadVolunteersAsync(IServiceProvider volunteers, string folder, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<VolunteersDemoLoader>(volunteers).LoadAsync(folder, cancellationToken);

    /// <summary>Writes generated histories (a benchmark's volunteers) through a Volunteers host's store.</summary>
    public static Task<DemoWriteTotals> WriteVolunteersAsync(
        IServiceProvider volunteers, string districtCode, IEnumerable<IReadOnlyList<DemoAppend>> groups, CancellationToken cancellationToken) =>
        new DemoStreamWriter(volunteers.GetRequiredService<Marten.IDocumentStore>(), volunteers.GetRequiredService<Npgsql.NpgsqlDataSource>())
            .WriteAsync(districtCode, groups, new Dictionary<string, string>(), "volunteers.demo-data", cancellationToken);

    /// <summary>Writes generated histories (a benchmark's district of needs) through a Needs host's store.</summary>
    public static Task<DemoWriteTotals> WriteNeedsAsync(
        IServiceProvider needs, string districtCode, IEnumerable<IReadOnlyList<DemoAppend>> groups, CancellationToken cancellationToken) =>
        new DemoStreamWriter(needs.GetRequiredService<Marten.IDocumentStore>(), needs.GetRequiredService<Npgsql.NpgsqlDataSource>())
            .WriteAsync(districtCode, groups, new Dictionary<string, string>(), "needs.demo-data", cancellationToken);

    /// <summary>Writes a generated set of meetings and projects (a benchmark's district) through a Projects host's store.</summary>
    public static async Task<DemoWriteTotals> WriteProjectsAsync(IServiceProvider projects, ProjectsDemoSet data, CancellationToken cancellationToken)
    {
        var dataSource = projects.GetRequiredService<Npgsql.NpgsqlDataSource>();
        // The tasks' photos first: the histories name them as evidence.
        await ProjectsDemoLoader.KeepEvidenceAsync(dataSource, data, cancellationToken);
        return await new DemoStreamWriter(projects.GetRequiredService<Marten.IDocumentStore>(), dataSource)
            .WriteAsync(data.DistrictCode, data.Groups, data.ActorNames, "projects.demo-data", cancellationToken);
    }

    /// <summary>
    /// For a platform whose hosts run elsewhere (./platform up, hosts in containers): builds the gateway, the Needs and
    /// the Resources hosts from the settings they run with, without starting them, and loads through their services.
    /// </summary>
    public static async Task LoadAsync(
        IReadOnlyDictionary<string, string> gatewaySettings, IReadOnlyDictionary<string, string> needsSettings,
        IReadOnlyDictionary<string, string> resourcesSettings, IReadOnlyDictionary<string, string> projectsSettings,
        IReadOnlyDictionary<string, string> volunteersSettings, string folder, CancellationToken cancellationToken)
    {
        // All built before any is disposed: MassTransit keeps the logger factory of the last bus it configured in a
        // static, and a host built after another host is disposed would configure its bus with a disposed one.
        await using var gateway = GatewayHost.Build(AsArguments(gatewaySettings));
        await using var needs = NeedsService.Build(AsArguments(needsSettings));
        // A platform without the Resources service (a test of the Needs image alone) is given no settings for it.
        await using var resources = resourcesSettings.Count == 0 ? null : ResourcesService.Build(AsArguments(resourcesSettings));
        await using var projects = projectsSettings.Count == 0 ? null : ProjectsService.Build(AsArguments(projectsSettings));
        await using var volunteers = volunteersSettings.Count == 0 ? null : VolunteersService.Build(AsArguments(volunteersSettings));
        await LoadOrganizationAsync(gateway.Services, folder, cancellationToken);
        // Volunteers before Needs: each side of the micro-wishes relays what its demo wrote, and the board must already
        // hold the wishes Needs publishes (a post on a posted wish decides nothing), or it would post them anew and the
        // demo's claims and fulfilments would find their streams taken. Needs, for its part, drops the news of needs it
        // does not have yet, and its demo writes the same history.
        if (volunteers is not null) await LoadVolunteersAsync(volunteers.Services, folder, cancellationToken);
        await LoadNeedsAsync(needs.Services, folder, withMicroWishes: volunteers is not null, cancellationToken);
        if (resources is not null) await LoadResourcesAsync(resources.Services, folder, cancellationToken);
        if (projects is not null) await LoadProjectsAsync(projects.Services, folder, cancellationToken);
    }

    private static string[] AsArguments(IReadOnlyDictionary<string, string> settings) =>
        [.. settings.Select(setting => $"--{setting.Key}={setting.Value}")];
}
