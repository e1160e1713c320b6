using Microsoft.Extensions.Configuration;

namespace Platform.DemoLoader;

/// <summary>
/// <c>dotnet Platform.DemoLoader.dll --folder=deploy/demo --gateway:ConnectionStrings:Postgres=… --needs:ConnectionStrings:Postgres=… --resources:ConnectionStrings:Postgres=… --projects:ConnectionStrings:Postgres=… --volunteers:ConnectionStrings:Postgres=…</c>:
/// each host's settings under its name, as the host itself is given them.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        var folder = configuration["folder"];
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            await Console.Error.WriteLineAsync($"--folder must name the demo data folder (deploy/demo); '{folder}' is not one.");
            return 2;
        }
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, pressed) => { pressed.Cancel = true; stopping.Cancel(); };
        await DemoLoader.LoadAsync(
            SettingsOf(configuration, "gateway"), SettingsOf(configuration, "needs"), SettingsOf(configuration, "resources"),
            SettingsOf(configuration, "projects"), SettingsOf(configuration, "volunteers"), folder, stopping.Token);
        return 0;
    }

    private static Dictionary<string, string> SettingsOf(IConfiguration configuration, string host) =>
        configuration.GetSection(host).AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Value!);
}
