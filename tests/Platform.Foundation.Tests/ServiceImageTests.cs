using System.Net;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Foundation.Tests;

/// <summary>
/// The images a cluster runs (deploy/images/service): the gateway and the Needs service started from them, against
/// the test run's PostgreSQL and RabbitMQ, reached through the gateway as a user would.
/// </summary>
public sealed class ServiceImageTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_gateway_and_a_service_from_their_images_answer_through_the_gateway()
    {
        var gatewayPort = FreePort.Next();
        var needsPort = FreePort.Next();
        var gatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}/");
        var needsAddress = new Uri($"http://127.0.0.1:{needsPort}/");

        var needsSettings = PlatformSettings.Service(await infrastructure.CreateDatabaseAsync("needs"), infrastructure.RabbitMqUri, gatewayAddress);
        await using var needs = StartFromImage("needs", needsPort, needsSettings);
        var gatewaySettings = PlatformSettings.Gateway(
            await infrastructure.CreateDatabaseAsync("gateway"), infrastructure.RabbitMqUri, gatewayAddress, [("needs", needsAddress)]);
        await using var gateway = StartFromImage("gateway", gatewayPort, gatewaySettings);
        await Task.WhenAll(needs.StartAsync(), gateway.StartAsync());

        using var http = new HttpClient { BaseAddress = gatewayAddress, Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilReadyAsync(http, "health/ready", gateway);
        // The images hold no demo data: the loader puts the district in once the service has started (its schema applied).
        using (var direct = new HttpClient { BaseAddress = needsAddress, Timeout = TimeSpan.FromSeconds(10) })
            await WaitUntilReadyAsync(direct, "health/live", needs);
        await DemoDistrict.LoadAsync(gatewaySettings, needsSettings);
        await WaitUntilReadyAsync(http, "api/needs/health/ready", needs);

        Assert.Contains("\"service\":\"needs\"", await http.GetStringAsync("api/needs/version"));
        using var console = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Equal("text/html", console.Content.Headers.ContentType?.MediaType);
        // A token of the gateway's identity module, for a demo login the loader added, accepted by the service in the
        // other container.
        using var staff = await PlatformLogin.LoginAsync(gatewayAddress, "xinghua-staff");
        using var needsList = await staff.GetAsync("api/needs/needs");
        Assert.Equal(HttpStatusCode.OK, needsList.StatusCode);
    }

    /// <summary>On the host's network, like the test servers' published ports: the settings a test gives a host work unchanged.</summary>
    private static IContainer StartFromImage(string name, int port, Dictionary<string, string> settings)
    {
        var environment = settings.AsEnvironment();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        return new ContainerBuilder(PlatformImages.Host(name))
            .WithLabel(TestServers.RunLabel, TestServers.RunId ?? "images")
            .WithEnvironment(environment)
            .WithCreateParameterModifier(parameters => parameters.HostConfig!.NetworkMode = "host")
            .Build();
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, string path, IContainer container)
    {
        var deadline = DateTime.UtcNow + StartLimit;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = exception.Message;
            }
            await Task.Delay(500);
        }
        var (stdout, stderr) = await container.GetLogsAsync();
        Assert.Fail($"{path} did not answer 200 within {StartLimit.TotalSeconds} s (last: {last}). The container's log ends:\n" +
            string.Join('\n', (stdout + stderr).Split('\n').TakeLast(30)));
    }
}
