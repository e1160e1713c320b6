using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults;

namespace Platform.Projects;

public static class ProjectsService
{
    public const string Name = "projects";

    public static WebApplication Build(string[] args)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(ProjectsService).Assembly);
        var app = builder.Build();
        app.UsePlatformService();
        return app;
    }
}
