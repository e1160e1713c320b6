using Microsoft.AspNetCore.Builder;

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

    public static async Task<InProcessHost> StartAsync(Func<string[], WebApplication> build, IDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var args = settings.Select(setting => $"--{setting.Key}={setting.Value}")
            .Append($"--urls={address.ToString().TrimEnd('/')}")
            .ToArray();
        var application = build(args);
        await application.StartAsync();
        return new InProcessHost(application, address);
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await Application.StopAsync();
        await Application.DisposeAsync();
    }
}
