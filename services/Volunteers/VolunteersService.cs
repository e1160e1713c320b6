using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults;

namespace Platform.Volunteers;

public static class VolunteersService
{
    public const string Name = "volunteers";

    public static WebApplication Build(string[] args)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(VolunteersService).Assembly);
        var app = builder.Build();
        app.UsePlatformService();
        return app;
    }
}
