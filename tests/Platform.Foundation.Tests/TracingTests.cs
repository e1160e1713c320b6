using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Platform.Gateway;
using Platform.Needs;
using Platform.Resources;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Diagnostics;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Foundation.Tests;

/// <summary>One request through the gateway to a service that publishes, consumed by another service, is one trace.
/// The hosts run in this process so that an in-process listener sees every span they create.</summary>
public sealed class TracingTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IDisposable
{
    private const string TestSourceName = "Platform.Tests";
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private readonly ConcurrentBag<Activity> finished = [];
    private readonly ActivityListener listener = new();

    [Fact]
    public async Task A_request_through_the_gateway_that_publishes_and_is_consumed_elsewhere_is_one_trace()
    {
        listener.ShouldListenTo = source => source.Name == TestSourceName || PlatformTelemetry.TracedSources.Contains(source.Name);
        listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        listener.ActivityStopped = finished.Add;
        ActivitySource.AddActivityListener(listener);

        var gatewayAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var needs = await InProcessHost.StartAsync(NeedsService.Build,
            PlatformSettings.Service(await infrastructure.CreateDatabaseAsync("needs"), infrastructure.RabbitMqUri, gatewayAddress));
        await using var resources = await InProcessHost.StartAsync(ResourcesService.Build,
            PlatformSettings.Service(await infrastructure.CreateDatabaseAsync("resources"), infrastructure.RabbitMqUri, gatewayAddress));
        await using var gateway = await InProcessHost.StartAsync(GatewayHost.Build, PlatformSettings.Gateway(
            await infrastructure.CreateDatabaseAsync("gateway"), infrastructure.RabbitMqUri, gatewayAddress,
            [
                ("needs", needs.Address), ("resources", resources.Address),
                ("projects", new Uri("http://127.0.0.1:1/")), ("volunteers", new Uri("http://127.0.0.1:1/")),
            ]), gatewayAddress);
        await DemoDistrict.LoadOrganizationAsync(gateway);
        using var http = await PlatformLogin.LoginAsync(gateway.Address, "district-admin");
        await GatewayReadiness.WaitUntilRoutedAsync(http, ["needs", "resources"]);

        ActivityTraceId traceId;
        PingSent ping;
        using (var request = TestSource.StartActivity("user clicks send ping", ActivityKind.Client)!)
        {
            traceId = request.TraceId;
            using var response = await http.PostAsync("api/needs/diagnostics/pings", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ping = (await response.Content.ReadFromJsonAsync<PingSent>())!;
        }
        await WaitUntilReceived(http, "resources", ping.PingId);
        // The consumer's span ends after its work is done and acknowledged, a moment after the ping is on record.
        await Eventually.HoldsAsync(() => Task.FromResult(finished.Any(activity => activity.TraceId == traceId && IsResourcesConsumer(activity))),
            "the resources consumer's span to end");

        var trace = finished.Where(activity => activity.TraceId == traceId).ToList();
        var describe = string.Join("\n", trace.Select(activity => $"{activity.Source.Name} {activity.Kind} {activity.DisplayName}"));
        Assert.Contains(trace, activity => activity.Source.Name == "Yarp.ReverseProxy");
        Assert.True(trace.Count(activity => activity.Source.Name == "Microsoft.AspNetCore") >= 2, $"gateway and service server spans expected:\n{describe}");
        Assert.Contains(trace, activity => activity.Source.Name == "System.Net.Http" && activity.Kind == ActivityKind.Client);
        Assert.Contains(trace, activity => activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Producer);
        Assert.Contains(trace, IsResourcesConsumer);
    }

    private static bool IsResourcesConsumer(Activity activity) =>
        activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Consumer
        && activity.TagObjects.Any(tag => tag.Value?.ToString()?.Contains("resources", StringComparison.Ordinal) == true);

    private static async Task WaitUntilReceived(HttpClient http, string service, Guid pingId)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            using var response = await http.GetAsync($"api/{service}/diagnostics/pings/{pingId}");
            if (response.IsSuccessStatusCode) return;
            await Task.Delay(200);
        }
        Assert.Fail($"{service} never received ping {pingId}");
    }

    public void Dispose() => listener.Dispose();
}
