using System.Net.Http.Json;

namespace Platform.Testing;

/// <summary>
/// Waits until the gateway routes to the named services: its own probe, not the service, must have seen each one
/// ready. A service answers 200 on /health/ready a probe interval before the gateway stops holding it out, and a probe
/// that started before the service was ready can land after a request through the gateway already got through; a
/// test that waited only for that request then meets 503s.
/// </summary>
public static class GatewayReadiness
{
    public static async Task WaitUntilRoutedAsync(HttpClient gateway, IEnumerable<string> services, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var names = services.ToArray();
        await Eventually.ReachesAsync(
            async () => await ReadAsync(gateway),
            routes => routes is not null && names.All(name => routes.GetValueOrDefault(name)?.ProbedReady == true),
            $"the gateway routes to {string.Join(", ", names)} (GET /health/routes)",
            limit ?? TimeSpan.FromSeconds(90));
    }

    private static async Task<Dictionary<string, RoutedServiceView>?> ReadAsync(HttpClient gateway)
    {
        try
        {
            return await gateway.GetFromJsonAsync<Dictionary<string, RoutedServiceView>>("health/routes");
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private sealed record RoutedServiceView(bool ProbedReady);
}
