using System.Diagnostics;
using Platform.Testing;

namespace Platform.SystemUnderTest;

/// <summary>
/// The demo district (deploy/demo) loaded into hosts that tests started, as ./platform up loads it: by the demo
/// loader, once the hosts have started, never by the hosts themselves.
/// </summary>
public static class DemoDistrict
{
    public static string Folder => Path.Combine(RepositoryRoot.Path, "deploy", "demo");

    /// <summary>The org tree and the demo logins, into a started gateway.</summary>
    public static Task LoadOrganizationAsync(InProcessHost gateway) =>
        DemoLoader.DemoLoader.LoadOrganizationAsync(gateway.Application.Services, Folder, CancellationToken.None);

    /// <summary>The year of needs and cases, into a started Needs service (with its clock, when a test replaced it); with
    /// Needs' half of the micro-wishes when the test loads Volunteers' half too.</summary>
    public static Task LoadNeedsAsync(InProcessHost needs, bool withMicroWishes = false) =>
        DemoLoader.DemoLoader.LoadNeedsAsync(needs.Application.Services, Folder, withMicroWishes, CancellationToken.None);

    /// <summary>A year of the 资源清单, into a started Resources service.</summary>
    public static Task LoadResourcesAsync(InProcessHost resources) =>
        DemoLoader.DemoLoader.LoadResourcesAsync(resources.Application.Services, Folder, CancellationToken.None);

    /// <summary>The joint meetings and projects, into a started Projects service.</summary>
    public static Task LoadProjectsAsync(InProcessHost projects) =>
        DemoLoader.DemoLoader.LoadProjectsAsync(projects.Application.Services, Folder, CancellationToken.None);

    /// <summary>The volunteers, teams, activities, households and gifts, into a started Volunteers service.</summary>
    public static Task LoadVolunteersAsync(InProcessHost volunteers) =>
        DemoLoader.DemoLoader.LoadVolunteersAsync(volunteers.Application.Services, Folder, CancellationToken.None);

    /// <summary>
    /// All of them, into hosts running elsewhere (processes, containers), by the loader's executable with each host's
    /// settings, exactly as ./platform up runs it; the Resources part only when its settings are given.
    /// </summary>
    public static async Task LoadAsync(
        IReadOnlyDictionary<string, string> gatewaySettings, IReadOnlyDictionary<string, string> needsSettings,
        IReadOnlyDictionary<string, string>? resourcesSettings = null)
    {
        var loader = RepositoryRoot.BuildOutput("deploy/demo/loader", "Platform.DemoLoader");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(loader)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { loader, $"--folder={Folder}" }
            .Concat(gatewaySettings.Select(setting => $"--gateway:{setting.Key}={setting.Value}"))
            .Concat(needsSettings.Select(setting => $"--needs:{setting.Key}={setting.Value}"))
            .Concat((resourcesSettings ?? new Dictionary<string, string>()).Select(setting => $"--resources:{setting.Key}={setting.Value}")))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The demo loader exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }
}
