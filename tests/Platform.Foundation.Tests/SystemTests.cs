using System.Net;
using System.Text.Json;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Foundation.Tests;

/// <summary>The platform as a user runs it: the built binaries of four services and the gateway, on real PostgreSQL
/// and RabbitMQ, reached only through the gateway.</summary>
public sealed class SystemTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task All_five_processes_start_answer_through_the_gateway_and_leave_nothing_running_when_stopped()
    {
        var hosts = new List<HostedProcess>();
        var gatewayPort = FreePort.Next();
        var gatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}/");
        try
        {
            var services = new List<(string Service, Uri Address)>();
            var serviceSettings = new Dictionary<string, Dictionary<string, string>>();
            foreach (var (name, folder, assembly) in PlatformSettings.Services)
            {
                var database = await infrastructure.CreateDatabaseAsync(name);
                serviceSettings[name] = PlatformSettings.Service(database, infrastructure.RabbitMqUri, gatewayAddress);
                var host = HostedProcess.Start(name, RepositoryRoot.BuildOutput(folder, assembly), serviceSettings[name].AsEnvironment());
                hosts.Add(host);
                services.Add((name, host.Address));
            }
            var gatewaySettings = PlatformSettings.Gateway(
                await infrastructure.CreateDatabaseAsync("gateway"), infrastructure.RabbitMqUri, gatewayAddress, services);
            var gateway = HostedProcess.Start(
                "gateway", RepositoryRoot.BuildOutput("gateway/Platform.Gateway", "Platform.Gateway"), gatewaySettings.AsEnvironment(), gatewayPort);
            hosts.Add(gateway);

            // Started, their schemas applied; ready once the district the loader puts in has reached them, as after ./platform up.
            await Task.WhenAll(hosts.Select(host => host.WaitUntilHealthyAsync("health/live", TimeSpan.FromSeconds(90))));
            await DemoDistrict.LoadAsync(gatewaySettings, serviceSettings["needs"], serviceSettings["resources"]);
            await Task.WhenAll(hosts.Select(host => host.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90))));

            using var http = new HttpClient { BaseAddress = gateway.Address };
            await GatewayReadiness.WaitUntilRoutedAsync(http, PlatformSettings.Services.Select(service => service.Name));
            foreach (var (name, _, _) in PlatformSettings.Services)
            {
                var version = await http.GetStringAsync($"api/{name}/version");
                Assert.Contains($"\"service\":\"{name}\"", version);
            }

            // A token the gateway issued is accepted by a service in another process, which found the key by discovery.
            using var admin = await PlatformLogin.LoginAsync(gateway.Address, "district-admin");
            using var ping = await admin.PostAsync("api/volunteers/diagnostics/pings", null);
            Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
            // The loader put the 资源清单 in as well: every co-building unit of the tree, with its agreement.
            using var units = JsonDocument.Parse(await admin.GetStringAsync("api/resources/units?pageSize=1"));
            Assert.True(units.RootElement.GetProperty("total").GetInt64() > 250, units.RootElement.ToString());

            using var console = await http.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, console.StatusCode);
            Assert.Equal("text/html", console.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await Task.WhenAll(hosts.Select(host => host.StopAsync()));
        }

        foreach (var host in hosts)
        {
            Assert.True(host.HasExited, $"{host.Name} is still running");
            Assert.Equal(0, host.ExitCode);
            Assert.False(File.Exists($"/proc/{host.ProcessId}/cmdline") && File.ReadAllText($"/proc/{host.ProcessId}/cmdline").Contains("Platform."),
                $"{host.Name} (pid {host.ProcessId}) left a process behind");
            Assert.False(await Listens(host.Address), $"{host.Name} still listens on {host.Address}");
        }
    }

    [Fact]
    public async Task A_service_without_its_connection_string_refuses_to_start_and_names_the_setting()
    {
        await using var needs = HostedProcess.Start(
            "needs", RepositoryRoot.BuildOutput("services/Needs", "Platform.Needs"),
            new Dictionary<string, string>
            {
                ["ConnectionStrings__RabbitMq"] = infrastructure.RabbitMqUri.ToString(),
                ["Identity__Authority"] = "http://127.0.0.1:1",
            });

        var exited = await needs.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exited, "the service kept running without a database");
        Assert.Equal(78, needs.ExitCode);
        Assert.Contains("ConnectionStrings:Postgres", needs.Output);
        Assert.Contains("ConnectionStrings__Postgres", needs.Output);
    }

    private static async Task<bool> Listens(Uri address)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(address.Host, address.Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
