using Npgsql;
using Platform.Needs;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// The gateway and the Needs service started in this process, as the system tests start them
/// (<see cref="RunningPlatform"/>), but on the benchmark's servers and each with a database of its own. The demo
/// district is loaded, so the demo logins work and the Needs service knows the district's tree.
/// </summary>
internal sealed class NeedsPlatform : IAsyncDisposable
{
    /// <summary>A community's staff member, who raises needs of that community (兴华南里, in 林校路街道).</summary>
    public const string StaffLogin = "xinghua-staff";
    public const string StreetId = "linxiaolu";
    public const string CommunityId = "xinghuananli";

    /// <summary>High enough that the limits never answer 429 during the run (the defaults are 600/min per user, 1,200/min per IP).</summary>
    public const int RequestsPerMinute = 10_000_000;

    private readonly InProcessHost needs;
    private readonly InProcessHost gateway;

    private NeedsPlatform(InProcessHost needs, InProcessHost gateway, string needsDatabase, string districtCode)
    {
        this.needs = needs;
        this.gateway = gateway;
        NeedsDatabase = needsDatabase;
        DistrictCode = districtCode;
    }

    public Uri Gateway => gateway.Address;

    /// <summary>The Needs service's own address, which the gateway forwards /api/needs/... to (without the prefix).</summary>
    public Uri ServiceAddress => needs.Address;

    public string NeedsDatabase { get; }

    /// <summary>The tenant of everything the staff member writes: the district of the demo tree.</summary>
    public string DistrictCode { get; }

    public static async Task<NeedsPlatform> StartAsync(string needsDatabase, string gatewayDatabase, Uri rabbitMq)
    {
        var gatewayAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var needsSettings = PlatformSettings.Service(needsDatabase, rabbitMq, gatewayAddress);
        Quiet(needsSettings);
        var needs = await InProcessHost.StartAsync(NeedsService.Build, needsSettings);
        try
        {
            var gatewaySettings = PlatformSettings.Gateway(gatewayDatabase, rabbitMq, gatewayAddress, [(NeedsService.Name, needs.Address)]);
            gatewaySettings["Gateway:RequestsPerUserPerMinute"] = $"{RequestsPerMinute}";
            gatewaySettings["Gateway:RequestsPerIpPerMinute"] = $"{RequestsPerMinute}";
            Quiet(gatewaySettings);
            var gateway = await InProcessHost.StartAsync(Platform.Gateway.GatewayHost.Build, gatewaySettings, gatewayAddress);
            try
            {
                var districtCode = await WaitForTheTreeAsync(needsDatabase);
                return new NeedsPlatform(needs, gateway, needsDatabase, districtCode);
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await needs.DisposeAsync();
            throw;
        }
    }

    /// <summary>Only warnings and errors: the hosts log to this process's console, where the progress lines go.</summary>
    private static void Quiet(Dictionary<string, string> settings) => settings["Logging:LogLevel:Default"] = "Warning";

    /// <summary>A client of the gateway logged in as <see cref="StaffLogin"/>, and one with the same token for the service itself.</summary>
    public async Task<(HttpClient ThroughGateway, HttpClient Direct)> LoginAsync()
    {
        var token = await PlatformLogin.AccessTokenAsync(Gateway, StaffLogin);
        return (PlatformLogin.WithToken(Gateway, token), PlatformLogin.WithToken(ServiceAddress, token));
    }

    /// <summary>The gateway publishes the demo tree at start; the Needs service copies it from the bus shortly after
    /// (until then it answers 400, unknown community).</summary>
    private static async Task<string> WaitForTheTreeAsync(string needsDatabase)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        await using var dataSource = NpgsqlDataSource.Create(needsDatabase);
        while (true)
        {
            try
            {
                await using var command = dataSource.CreateCommand(
                    "SELECT district_code FROM authz.org_units WHERE unit_id = $1 AND street_id = $2 AND NOT closed");
                command.Parameters.Add(new() { Value = CommunityId });
                command.Parameters.Add(new() { Value = StreetId });
                if (await command.ExecuteScalarAsync() is string districtCode) return districtCode;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // The service creates its copy of the tree when the first organization event arrives.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The Needs service did not receive the demo district's tree (community {CommunityId}) within 90 s.");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        await needs.DisposeAsync();
    }
}
