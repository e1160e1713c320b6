using Platform.Authorization;
using Platform.ServiceDefaults;

namespace Platform.Gateway;

/// <summary>
/// Checks the proxy configuration before the first request, so that a typo in a route or an address stops the
/// gateway at start with a message naming the setting, instead of surfacing as 404s or 502s later.
/// </summary>
public static class GatewayRoutes
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Every domain service must be reachable under /api/&lt;service&gt;/.</summary>
    public static readonly IReadOnlyList<string> RequiredServices = ["needs", "resources", "projects", "volunteers"];

    public static void Validate(IConfigurationSection proxy)
    {
        var routes = proxy.GetSection("Routes").GetChildren().ToList();
        var clusters = proxy.GetSection("Clusters").GetChildren().ToDictionary(cluster => cluster.Key, StringComparer.OrdinalIgnoreCase);
        if (routes.Count == 0)
            throw new InvalidPlatformConfigurationException($"No routes in '{SectionName}:Routes'.");

        foreach (var route in routes)
        {
            var at = $"{SectionName}:Routes:{route.Key}";
            var path = route["Match:Path"];
            if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/'))
                throw new InvalidPlatformConfigurationException($"'{at}:Match:Path' must be a path starting with '/'.");
            var policy = route["AuthorizationPolicy"];
            if (policy is not ("anonymous" or PlatformAuthentication.PolicyName))
                throw new InvalidPlatformConfigurationException(
                    $"'{at}:AuthorizationPolicy' must be 'anonymous' or '{PlatformAuthentication.PolicyName}'; every route states who may use it.");
            var clusterId = route["ClusterId"];
            if (string.IsNullOrWhiteSpace(clusterId) || !clusters.ContainsKey(clusterId))
                throw new InvalidPlatformConfigurationException($"'{at}:ClusterId' names cluster '{clusterId}', which '{SectionName}:Clusters' does not define.");
        }

        foreach (var (clusterId, cluster) in clusters)
        {
            var destinations = cluster.GetSection("Destinations").GetChildren().ToList();
            if (destinations.Count == 0)
                throw new InvalidPlatformConfigurationException($"'{SectionName}:Clusters:{clusterId}' has no destinations.");
            foreach (var destination in destinations)
            {
                var address = destination["Address"];
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new InvalidPlatformConfigurationException(
                        $"'{SectionName}:Clusters:{clusterId}:Destinations:{destination.Key}:Address' must be an absolute http(s) URI; it is '{address}'.");
            }
        }

        foreach (var service in RequiredServices)
        {
            var prefix = $"/api/{service}/";
            if (!routes.Any(route => route["Match:Path"]?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true))
                throw new InvalidPlatformConfigurationException($"No route in '{SectionName}:Routes' matches '{prefix}**'.");
        }
    }
}
