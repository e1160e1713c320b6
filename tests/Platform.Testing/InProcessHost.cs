using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Testing;

/// <summary>A platform host built by its own factory and run inside the test process on a free port, so the test can
/// observe its activities and services directly.</summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private InProcessHost(WebApplication application, Uri address)
    {
        Application = application;
        Address = address;
    }

    public WebApplication Application { get; }
    public Uri Address { get; }

    /// <param name="address">Where to listen, when the settings must name it before the host starts (a token issuer
    /// does); a free loopback port otherwise.</param>
    public static async Task<InProcessHost> StartAsync(Func<string[], WebApplication> build, IDictionary<string, string> settings, Uri? address = null)
    {
        address ??= new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var args = settings.Select(setting => $"--{setting.Key}={setting.Value}")
            .Append($"--urls={address.ToString().TrimEnd('/')}")
            .ToArray();
        var application = build(args);
        await application.StartAsync();
        if (application.Services.GetService<IBusControl>() is { } bus) await WaitUntilConnectedAsync(bus);
        return new InProcessHost(application, address);
    }

    /// <summary>A host starts its bus in the background; a message published before its queues are bound is lost,
    /// so a test starts with the host's bus connected.</summary>
    private static Task WaitUntilConnectedAsync(IBusControl bus) => Eventually.HoldsAsync(
        () => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy),
        TimeSpan.FromSeconds(60),
        () => $"The bus is not healthy: {bus.CheckHealth().Description}");

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await Application.StopAsync();
        await Application.DisposeAsync();
    }
}
