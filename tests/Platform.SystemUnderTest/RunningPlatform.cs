using System.Net;
using Npgsql;
using Platform.Gateway;
using Platform.Needs;
using Platform.Projects;
using Platform.Resources;
using Platform.Testing;
using Platform.Volunteers;

namespace Platform.SystemUnderTest;

/// <summary>
/// The gateway and the four services, each with its own database, on one virtual host, started in this process with
/// the demo district loaded (<see cref="DemoDistrict"/>). Tests reach everything through <see cref="Gateway"/>, as a user would.
/// </summary>
public class RunningPlatform : TestInfrastructure
{
    private readonly List<InProcessHost> hosts = [];

    public Uri Gateway { get; private set; } = null!;

    /// <summary>Each service's address (behind the gateway) and database, by service name.</summary>
    public Dictionary<string, (Uri Address, string Database)> Services { get; } = [];

    /// <summary>The gateway's own database (identity, org tree, its event store), for tests that check what was recorded.</summary>
    public string GatewayDatabase { get; private set; } = "";

    public InProcessHost GatewayHost => hosts[^1];

    /// <summary>A service's host, by name ("resources"), for a fixture that loads more of the demo into it.</summary>
    public InProcessHost ServiceHost(string name) => hosts[Services.Keys.ToList().IndexOf(name)];

    /// <summary>Extra gateway settings a test class needs (lower rate limits, a known signing key).</summary>
    protected virtual IDictionary<string, string> GatewayOverrides => new Dictionary<string, string>();

    /// <summary>Extra settings of one service (by name, e.g. "needs") a test class needs (an Open311 intake channel).</summary>
    protected virtual IDictionary<string, string> ServiceOverrides(string serviceName) => new Dictionary<string, string>();

    /// <summary>Services of one host (by name) a test class replaces, last: a clock the test moves (TimeProvider).</summary>
    protected virtual void ConfigureService(string serviceName, Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builders = new Dictionary<string, Func<string[], Microsoft.AspNetCore.Builder.WebApplication>>
        {
            ["needs"] = args => NeedsService.Build(args, services => ConfigureService("needs", services)),
            ["resources"] = args => ResourcesService.Build(args, services => ConfigureService("resources", services)),
            ["projects"] = args => ProjectsService.Build(args, services => ConfigureService("projects", services)),
            ["volunteers"] = args => VolunteersService.Build(args, services => ConfigureService("volunteers", services)),
        };
        var destinations = new List<(string, Uri)>();
        foreach (var (name, build) in builders)
        {
            var database = await CreateDatabaseAsync(name);
            var serviceSettings = PlatformSettings.Service(database, RabbitMqUri, Gateway);
            foreach (var (key, value) in ServiceOverrides(name)) serviceSettings[key] = value;
            var host = await InProcessHost.StartAsync(build, serviceSettings);
            hosts.Add(host);
            Services[name] = (host.Address, database);
            destinations.Add((name, host.Address));
        }
        GatewayDatabase = await CreateDatabaseAsync("gateway");
        var gatewaySettings = PlatformSettings.Gateway(GatewayDatabase, RabbitMqUri, Gateway, destinations);
        foreach (var (key, value) in GatewayOverrides) gatewaySettings[key] = value;
        hosts.Add(await InProcessHost.StartAsync(Platform.Gateway.GatewayHost.Build, gatewaySettings, Gateway));
        await DemoDistrict.LoadOrganizationAsync(GatewayHost);
        await LoadDemoAsync();
        await WaitUntilEveryServiceIsReadyAsync();
    }

    /// <summary>The demo data the platform starts with: the year of needs and cases.</summary>
    protected virtual Task LoadDemoAsync() => DemoDistrict.LoadNeedsAsync(hosts[0]);

    /// <summary>
    /// A service is ready once its copy of the org tree has arrived from the gateway, and the gateway routes to it only
    /// once its own probe has seen it ready. Waiting for the gateway's view, not the service's, is what keeps a test
    /// that raises a need right away from getting "unknown community", and a test's first request from racing a probe
    /// that started before the service was ready (a 503 for one probe interval).
    /// </summary>
    private async Task WaitUntilEveryServiceIsReadyAsync()
    {
        using var client = Anonymous();
        await GatewayReadiness.WaitUntilRoutedAsync(client, Services.Keys);
    }

    public HttpClient Anonymous() => PlatformLogin.Anonymous(Gateway);

    public Task<string> AccessTokenAsync(string username) => PlatformLogin.AccessTokenAsync(Gateway, username);

    /// <summary>A client that sends <paramref name="username"/>'s access token, logged in through the gateway.</summary>
    public Task<HttpClient> LoginAsync(string username) => PlatformLogin.LoginAsync(Gateway, username);

    public HttpClient WithToken(string accessToken) => PlatformLogin.WithToken(Gateway, accessToken);

    public override async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(hosts)) await host.DisposeAsync();
        await base.DisposeAsync();
    }
}
