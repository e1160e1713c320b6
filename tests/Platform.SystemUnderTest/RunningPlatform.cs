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
/// the demo district loaded. Tests reach everything through <see cref="Gateway"/>, as a user would.
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

    /// <summary>Extra gateway settings a test class needs (lower rate limits, a known signing key).</summary>
    protected virtual IDictionary<string, string> GatewayOverrides => new Dictionary<string, string>();

    /// <summary>Extra settings of one service (by name, e.g. "needs") a test class needs (an Open311 intake channel).</summary>
    protected virtual IDictionary<string, string> ServiceOverrides(string serviceName) => new Dictionary<string, string>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builders = new Dictionary<string, Func<string[], Microsoft.AspNetCore.Builder.WebApplication>>
        {
            ["needs"] = NeedsService.Build,
            ["resources"] = ResourcesService.Build,
            ["projects"] = ProjectsService.Build,
            ["volunteers"] = VolunteersService.Build,
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
        await WaitUntilEveryServiceHoldsTheOrgTreeAsync();
    }

    /// <summary>
    /// The gateway loads the demo org tree before it starts; the services learn it from its events a few seconds later.
    /// Without this wait a test that raises a need for a community right away races that copy and gets a 400.
    /// </summary>
    private async Task WaitUntilEveryServiceHoldsTheOrgTreeAsync()
    {
        var expected = await CountUnitsAsync(GatewayDatabase, "identity.org_units");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var (name, (_, database)) in Services)
        {
            long copied;
            while ((copied = await CountUnitsAsync(database, $"{Platform.Authorization.OrganizationDirectory.Schema}.org_units")) < expected)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{name} holds {copied} of the gateway's {expected} organization units.");
                await Task.Delay(100);
            }
        }
    }

    private static async Task<long> CountUnitsAsync(string database, string table)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
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
