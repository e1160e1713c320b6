using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults;

namespace Platform.Needs;

public static class NeedsService
{
    public const string Name = "needs";

    public static WebApplication Build(string[] args)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(NeedsService).Assembly);
        var app = builder.Build();
        app.UsePlatformService();
        return app;
    }
}
