using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults;

namespace Platform.Resources;

public static class ResourcesService
{
    public const string Name = "resources";

    public static WebApplication Build(string[] args)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(ResourcesService).Assembly);
        var app = builder.Build();
        app.UsePlatformService();
        return app;
    }
}
