using Platform.Testing;

namespace Platform.Foundation.Tests;

/// <summary>The four domain services by their gateway name, with where their build output is.</summary>
internal static class PlatformHosts
{
    public static readonly IReadOnlyList<(string Name, string Folder, string Assembly)> Services =
    [
        ("needs", "services/Needs", "Platform.Needs"),
        ("resources", "services/Resources", "Platform.Resources"),
        ("projects", "services/Projects", "Platform.Projects"),
        ("volunteers", "services/Volunteers", "Platform.Volunteers"),
    ];

    public static Dictionary<string, string> ServiceSettings(string postgres, Uri rabbitMq) => new()
    {
        ["ConnectionStrings:Postgres"] = postgres,
        ["ConnectionStrings:RabbitMq"] = rabbitMq.ToString(),
    };

    public static Dictionary<string, string> GatewaySettings(IEnumerable<(string Service, Uri Address)> destinations) =>
        destinations.ToDictionary(
            destination => $"ReverseProxy:Clusters:{destination.Service}:Destinations:primary:Address",
            destination => destination.Address.ToString());

    /// <summary>Settings as environment variables, the way ./platform up passes them.</summary>
    public static Dictionary<string, string> AsEnvironment(this Dictionary<string, string> settings) =>
        settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
}
