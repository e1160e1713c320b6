using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Edge;

/// <summary>
/// What the gateway itself believes about each service: whether its last probes found it ready, so whether a user's
/// request is routed there now. A service's own /health/ready can already answer 200 while the gateway still holds
/// it out of rotation until its next probe; an operator (and a test) waiting for the platform to serve must ask the
/// gateway, not the service.
/// </summary>
public static class RoutedServices
{
    public const string Path = "/health/routes";

    public static WebApplication MapRoutedServices(this WebApplication app)
    {
        app.MapGet(Path, (IProxyStateLookup proxy) => TypedResults.Ok(Read(proxy)))
            .WithName("GetRoutedServices")
            .WithSummary("网关眼中各服务的就绪状态：探测通过的服务才接收请求。")
            .AllowAnonymous();
        return app;
    }

    public static IReadOnlyDictionary<string, RoutedService> Read(IProxyStateLookup proxy) =>
        proxy.GetClusters().ToDictionary(
            cluster => cluster.ClusterId,
            cluster => new RoutedService(
                cluster.Destinations.Values.Count(destination => IsRouted(destination)),
                cluster.Destinations.Count,
                cluster.Destinations.Values.Select(destination => destination.Health.Active).DefaultIfEmpty(DestinationHealth.Unknown)
                    .All(health => health == DestinationHealth.Healthy)));

    private static bool IsRouted(DestinationState destination) =>
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;
}

/// <param name="Routed">Destinations the gateway sends requests to now (healthy, or not probed yet).</param>
/// <param name="Destinations">Destinations configured.</param>
/// <param name="ProbedReady">Every destination's latest probes found it ready.</param>
public sealed record RoutedService(int Routed, int Destinations, bool ProbedReady);
