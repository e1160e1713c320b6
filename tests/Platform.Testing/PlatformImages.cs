namespace Platform.Testing;

/// <summary>
/// The images of PostgreSQL and RabbitMQ that deploy/images/build made (tagged with a hash of their inputs):
/// from PLATFORM_IMAGE_POSTGRES and PLATFORM_IMAGE_RABBITMQ, which ./platform test sets, or else from the
/// .platform/images.env the build wrote.
/// </summary>
public sealed record PlatformImages(string Postgres, string RabbitMq)
{
    public const string EnvironmentFile = ".platform/images.env";

    public static PlatformImages Resolve()
    {
        var written = ReadEnvironmentFile();
        string Image(string variable) =>
            Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value
            : written.TryGetValue(variable, out var fromFile) ? fromFile
            : throw new InvalidOperationException(
                $"{variable} is not set and {EnvironmentFile} names no image: build the images with `./platform images` " +
                "(or run the tests with `./platform test`, which builds them).");
        return new PlatformImages(Image("PLATFORM_IMAGE_POSTGRES"), Image("PLATFORM_IMAGE_RABBITMQ"));
    }

    /// <summary>The image of a service or the gateway (PLATFORM_IMAGE_NEEDS, …_GATEWAY), built by `./platform images`.</summary>
    public static string Host(string name)
    {
        var variable = $"PLATFORM_IMAGE_{name.ToUpperInvariant()}";
        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value
            : ReadEnvironmentFile().TryGetValue(variable, out var fromFile) ? fromFile
            : throw new InvalidOperationException(
                $"{variable} is not set and {EnvironmentFile} names no image of {name}: build it with `./platform images {name}` " +
                "(`./platform test` builds the images its tests use).");
    }

    private static Dictionary<string, string> ReadEnvironmentFile()
    {
        var path = System.IO.Path.Combine(RepositoryRoot.Path, EnvironmentFile);
        if (!File.Exists(path)) return [];
        return File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
    }
}
