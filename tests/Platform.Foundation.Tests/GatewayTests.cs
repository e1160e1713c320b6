using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Platform.Gateway;
using Platform.Needs;
using Platform.ServiceDefaults;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Foundation.Tests;

/// <summary>The needs service behind the gateway, both in this process, on real infrastructure.</summary>
public sealed class GatewayFixture : TestInfrastructure
{
    private InProcessHost? needs;
    private InProcessHost? gateway;

    /// <summary>Accepts connections and never answers: a service that hangs.</summary>
    private readonly System.Net.Sockets.TcpListener blackHole = new(System.Net.IPAddress.Loopback, 0);

    public HttpClient Client { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        blackHole.Start();
        var hanging = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)blackHole.LocalEndpoint).Port}/");
        needs = await InProcessHost.StartAsync(NeedsService.Build, PlatformSettings.Service(PostgresConnectionString, RabbitMqUri, Address));
        using (var direct = needs.CreateClient())
        using (var readiness = await direct.GetAsync("health/ready"))
            NeedsReadinessBeforeTheGateway = (readiness.StatusCode, await readiness.Content.ReadAsStringAsync());
        var settings = PlatformSettings.Gateway(
            await CreateDatabaseAsync("gateway"), RabbitMqUri, Address,
            GatewayRoutes.RequiredServices.Select(service => (service, service switch
            {
                "needs" => needs.Address,
                "volunteers" => hanging,
                _ => new Uri("http://127.0.0.1:1/"),
            })));
        settings["ReverseProxy:Clusters:volunteers:HttpRequest:ActivityTimeout"] = "00:00:02";
        // These two stand for transport failures (a hang, a refused connection), which a health probe would hide.
        settings["ReverseProxy:Clusters:volunteers:HealthCheck:Active:Enabled"] = "false";
        settings["ReverseProxy:Clusters:projects:HealthCheck:Active:Enabled"] = "false";
        gateway = await InProcessHost.StartAsync(GatewayHost.Build, settings, Address);
        await DemoDistrict.LoadOrganizationAsync(gateway);
        Client = await PlatformLogin.LoginAsync(Address, "district-admin");
        await GatewayReadiness.WaitUntilRoutedAsync(Client, ["needs"]);
    }

    /// <summary>What the Needs service said about itself before the gateway, which owns the org tree, was running.</summary>
    public (HttpStatusCode Status, string Body) NeedsReadinessBeforeTheGateway { get; private set; }

    public override async Task DisposeAsync()
    {
        Client.Dispose();
        if (gateway is not null) await gateway.DisposeAsync();
        if (needs is not null) await needs.DisposeAsync();
        blackHole.Stop();
        await base.DisposeAsync();
    }
}

public sealed class GatewayTests(GatewayFixture platform) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_service_openapi_document_is_served_through_the_gateway()
    {
        using var response = await platform.Client.GetAsync("api/needs/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/diagnostics/pings", out _));
        // 接口文档 shows each operation's summary: it is Chinese, never missing and never an English operation id.
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(operation => operation.Value.ValueKind == JsonValueKind.Object)
                .Select(operation => (Name: $"{operation.Name} {path.Name}", Summary: operation.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : null)))
            .ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, operation => Assert.True(
            operation.Summary?.Any(character => character is >= '\u4e00' and <= '\u9fff') == true, $"{operation.Name}: {operation.Summary ?? "no summary"}"));
    }

    [Theory]
    [InlineData("api/needs/no-such-endpoint")]
    [InlineData("api/needs/diagnostics/pings/6b1f1f64-1d8e-4f53-a3f4-6f0d1c8e0a11")]
    public async Task An_unknown_resource_is_a_404_problem_with_a_trace_id(string path)
    {
        using var response = await platform.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(32, problem.RootElement.GetProperty("traceId").GetString()!.Length);
    }

    [Fact]
    public async Task A_malformed_route_value_is_not_a_server_error()
    {
        using var response = await platform.Client.GetAsync("api/needs/diagnostics/pings/not-a-guid");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_504_from_the_gateway()
    {
        using var response = await platform.Client.GetAsync("api/volunteers/health/ready");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task A_service_is_not_ready_before_it_holds_the_district_and_the_gateway_routes_to_it_once_it_does()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, platform.NeedsReadinessBeforeTheGateway.Status);
        Assert.Contains("organization-copy", platform.NeedsReadinessBeforeTheGateway.Body);

        using var ready = await platform.Client.GetAsync("api/needs/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task A_service_the_gateway_has_seen_unready_is_a_503_without_a_request_reaching_it()
    {
        await Eventually.ReachesAsync(async () =>
        {
            using var response = await platform.Client.GetAsync("api/resources/health/ready");
            return response.StatusCode;
        }, status => status == HttpStatusCode.ServiceUnavailable, "resources taken out of rotation by the gateway's health probe ");

        using var routes = JsonDocument.Parse(await platform.Client.GetStringAsync("health/routes"));
        var resources = routes.RootElement.GetProperty("resources");
        Assert.Equal(0, resources.GetProperty("routed").GetInt32());
        Assert.False(resources.GetProperty("probedReady").GetBoolean());
        var needs = routes.RootElement.GetProperty("needs");
        Assert.Equal(1, needs.GetProperty("routed").GetInt32());
        Assert.True(needs.GetProperty("probedReady").GetBoolean());
    }

    [Fact]
    public async Task A_service_that_is_down_is_a_502_problem_from_the_gateway_not_a_hang()
    {
        using var response = await platform.Client.GetAsync("api/projects/health/ready");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }
}

public sealed class GatewayRouteValidationTests
{
    private static readonly Dictionary<string, string?> ValidRoutes = GatewayRoutes.RequiredServices
        .SelectMany(service => new Dictionary<string, string?>
        {
            [$"ReverseProxy:Routes:{service}:ClusterId"] = service,
            [$"ReverseProxy:Routes:{service}:AuthorizationPolicy"] = "platform-user",
            [$"ReverseProxy:Routes:{service}:Match:Path"] = $"/api/{service}/{{**rest}}",
            [$"ReverseProxy:Clusters:{service}:Destinations:primary:Address"] = "http://127.0.0.1:5101/",
        })
        .ToDictionary();

    [Fact]
    public void The_shipped_configuration_is_valid()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Path, "gateway/Platform.Gateway/appsettings.json"))
            .Build();

        GatewayRoutes.Validate(configuration.GetSection(GatewayRoutes.SectionName));
    }

    [Theory]
    [InlineData("ReverseProxy:Routes:needs:ClusterId", "nedds", "'ReverseProxy:Routes:needs:ClusterId' names cluster 'nedds'")]
    [InlineData("ReverseProxy:Routes:needs:Match:Path", "api/needs", "'ReverseProxy:Routes:needs:Match:Path' must be a path")]
    [InlineData("ReverseProxy:Clusters:needs:Destinations:primary:Address", "127.0.0.1:5101", "'ReverseProxy:Clusters:needs:Destinations:primary:Address' must be an absolute http(s) URI")]
    [InlineData("ReverseProxy:Routes:volunteers:Match:Path", "/api/volunteer/{**rest}", "No route in 'ReverseProxy:Routes' matches '/api/volunteers/**'")]
    [InlineData("ReverseProxy:Routes:needs:AuthorizationPolicy", "", "'ReverseProxy:Routes:needs:AuthorizationPolicy' must be 'anonymous' or 'platform-user'")]
    public void A_broken_route_stops_the_gateway_with_a_message_naming_the_setting(string key, string value, string expectedMessage)
    {
        var settings = new Dictionary<string, string?>(ValidRoutes) { [key] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var error = Assert.Throws<InvalidPlatformConfigurationException>(() => GatewayRoutes.Validate(configuration.GetSection(GatewayRoutes.SectionName)));

        Assert.Contains(expectedMessage, error.Message);
    }
}
