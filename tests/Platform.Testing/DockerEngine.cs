using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DotNet.Testcontainers.Configurations;

namespace Platform.Testing;

/// <summary>
/// The local Docker engine, spoken to over its Unix socket: what Testcontainers must be told about it, and the
/// clean-up of a run's containers by label.
/// </summary>
public static class DockerEngine
{
    private static readonly HttpClient Engine = new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath()), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri("http://docker/"),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>
    /// Settings this machine needs, each set here before Testcontainers first reads it, unless the environment
    /// already sets it.
    /// </summary>
    public static async Task ConfigureTestcontainersAsync()
    {
        // Docker.DotNet speaks API 1.44 unless told otherwise, and Debian 12's dockerd (20.10) answers only up to
        // 1.41: ask the engine. Testcontainers reads the variable once, when it first talks to the engine.
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")))
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", await ApiVersionAsync());

        // Ryuk, Testcontainers' reaper, runs from an image that cannot be pulled here; a run's containers are
        // removed by label instead (TestServers, ./platform test).
        TestcontainersSettings.ResourceReaperEnabled = false;

        // This VM has a /.dockerenv, so Testcontainers takes it for a container and looks for the published ports on
        // the bridge's gateway; they are on the loopback of this very machine.
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE")))
            TestcontainersSettings.DockerHostOverride = "127.0.0.1";
    }

    /// <summary>The highest API version the engine speaks, such as "1.41".</summary>
    public static async Task<string> ApiVersionAsync()
    {
        try
        {
            using var version = await Engine.GetFromJsonAsync<JsonDocument>("version");
            return version!.RootElement.GetProperty("ApiVersion").GetString()!;
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or IOException)
        {
            throw new InvalidOperationException(
                $"No Docker engine answers on {SocketPath()}. `./platform test` installs and starts one; to start one by hand: " +
                "`apt-get install -y docker.io && dockerd --storage-driver=overlay2 &`. Or point the tests at running servers with " +
                "PLATFORM_TEST_POSTGRES and PLATFORM_TEST_RABBITMQ.", exception);
        }
    }

    /// <summary>The values that <paramref name="label"/> has on any container, running or not.</summary>
    public static async Task<IReadOnlyList<string>> LabelValuesAsync(string label)
    {
        var containers = await ContainersAsync(label);
        return containers.Select(container => container.GetProperty("Labels").GetProperty(label).GetString()!).Distinct().ToList();
    }

    /// <summary>The images of the running containers where <paramref name="label"/> is <paramref name="value"/>.</summary>
    public static async Task<IReadOnlyList<string>> RunningImagesAsync(string label, string value)
    {
        var containers = await ContainersAsync($"{label}={value}");
        return containers.Where(container => container.GetProperty("State").GetString() == "running")
            .Select(container => container.GetProperty("Image").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Removes every container where <paramref name="label"/> is <paramref name="value"/>, with its anonymous volumes.</summary>
    public static async Task RemoveContainersAsync(string label, string value)
    {
        foreach (var container in await ContainersAsync($"{label}={value}"))
        {
            using var response = await Engine.DeleteAsync($"containers/{container.GetProperty("Id").GetString()}?force=true&v=true");
            if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
                throw new InvalidOperationException($"Docker refused to remove a container of {value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<List<JsonElement>> ContainersAsync(string labelFilter)
    {
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [labelFilter] }));
        using var list = await Engine.GetFromJsonAsync<JsonDocument>($"containers/json?all=true&filters={filters}");
        return list!.RootElement.EnumerateArray().Select(container => container.Clone()).ToList();
    }

    private static string SocketPath()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return host is { Length: > 0 } && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
    }
}
