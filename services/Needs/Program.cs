using Platform.ServiceDefaults;

namespace Platform.Needs;

internal static class Program
{
    private static Task<int> Main(string[] args) => ServiceHost.RunAsync(() => NeedsService.Build(args));
}
