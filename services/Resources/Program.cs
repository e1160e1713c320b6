namespace Platform.Resources;

internal static class Program
{
    private static Task<int> Main(string[] args) => ServiceHost.RunAsync(() => ResourcesService.Build(args));
}
