using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

public static class ServiceHost
{
    /// <summary>Exit code of a host that refused to start because of its configuration.</summary>
    public const int ConfigurationErrorExitCode = 78; // EX_CONFIG from sysexits.h

    /// <summary>Builds and runs a host; a configuration problem ends it with one readable line instead of a stack trace.</summary>
    public static async Task<int> RunAsync(Func<WebApplication> build)
    {
        try
        {
            await using var app = build();
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (exception is InvalidPlatformConfigurationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {exception.Message}");
            return ConfigurationErrorExitCode;
        }
        catch (OperationCanceledException)
        {
            // Asked to stop (Ctrl-C, SIGTERM) while still starting: a normal end, not a crash.
            await Console.Error.WriteLineAsync("Stopped before start-up completed.");
            return 0;
        }
    }
}
