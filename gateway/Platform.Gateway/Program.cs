using Platform.ServiceDefaults;

namespace Platform.Gateway;

internal static class Program
{
    private static Task<int> Main(string[] args) => ServiceHost.RunAsync(() => GatewayHost.Build(args));
}
