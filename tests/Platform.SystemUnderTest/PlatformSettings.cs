using Platform.Testing;

namespace Platform.SystemUnderTest;

/// <summary>The settings ./platform up gives each host, for hosts started by tests.</summary>
public static class PlatformSettings
{
    public const string DemoPassword = "Demo#2026";

    public static readonly IReadOnlyList<(string Name, string Folder, string Assembly)> Services =
    [
        ("needs", "services/Needs", "Platform.Needs"),
        ("resources", "services/Resources", "Platform.Resources"),
        ("projects", "services/Projects", "Platform.Projects"),
        ("volunteers", "services/Volunteers", "Platform.Volunteers"),
    ];

    public static Dictionary<string, string> Service(string postgres, Uri rabbitMq, Uri gateway) => new()
    {
        ["ConnectionStrings:Postgres"] = postgres,
        ["ConnectionStrings:RabbitMq"] = rabbitMq.ToString(),
        ["Identity:Authority"] = Issuer(gateway),
        ["Identity:RequireHttpsMetadata"] = "false",
    };

    public static Dictionary<string, string> Gateway(string postgres, Uri rabbitMq, Uri gateway, IEnumerable<(string Service, Uri Address)> destinations)
    {
        var settings = destinations.ToDictionary(
            destination => $"ReverseProxy:Clusters:{destination.Service}:Destinations:primary:Address",
            destination => destination.Address.ToString());
        settings["ConnectionStrings:Postgres"] = postgres;
        settings["ConnectionStrings:RabbitMq"] = rabbitMq.ToString();
        settings["Identity:Issuer"] = Issuer(gateway);
        return settings;
    }

    /// <summary>The issuer is the gateway's address without the trailing slash, exactly as tokens carry it.</summary>
    public static string Issuer(Uri gateway) => gateway.ToString().TrimEnd('/');

    /// <summary>Settings as environment variables, the way ./platform up passes them.</summary>
    public static Dictionary<string, string> AsEnvironment(this Dictionary<string, string> settings) =>
        settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
}
