namespace Platform.Projects;

internal static class Program
{
    private static Task<int> Main(string[] args) => ServiceHost.RunAsync(() => ProjectsService.Build(args));
}
