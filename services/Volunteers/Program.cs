namespace Platform.Volunteers;

internal static class Program
{
    private static Task<int> Main(string[] args) => ServiceHost.RunAsync(() => VolunteersService.Build(args));
}
