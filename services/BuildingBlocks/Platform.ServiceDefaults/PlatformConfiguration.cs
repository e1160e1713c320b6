using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults;

/// <summary>Raised at start when configuration a host cannot run without is absent or malformed.</summary>
public sealed class InvalidPlatformConfigurationException(string message) : Exception(message);

public static class PlatformConfiguration
{
    /// <summary>Reads a connection string, or stops the start with a message that names the setting and the
    /// environment variable that provides it.</summary>
    public static string RequireConnectionString(this IConfiguration configuration, string name)
    {
        var value = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidPlatformConfigurationException(
                $"Missing connection string 'ConnectionStrings:{name}'. Set it in appsettings.json or in the environment variable ConnectionStrings__{name}.");
        }
        return value;
    }

    public static Uri RequireAbsoluteUri(this IConfiguration configuration, string key, params string[] schemes)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidPlatformConfigurationException($"Missing setting '{key}'.");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (schemes.Length > 0 && !schemes.Contains(uri.Scheme)))
        {
            throw new InvalidPlatformConfigurationException(
                $"Setting '{key}' must be an absolute URI with scheme {string.Join(" or ", schemes)}; it is '{value}'.");
        }
        return uri;
    }
}
