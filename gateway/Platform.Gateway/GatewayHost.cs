using Platform.ServiceDefaults;

namespace Platform.Gateway;

public static class GatewayHost
{
    public const string Name = "gateway";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GatewayHost).Assembly.GetName().Name,
            ContentRootPath = Path.GetDirectoryName(typeof(GatewayHost).Assembly.Location),
        });
        builder.AddServiceDefaults(Name);

        var proxyConfiguration = builder.Configuration.GetSection(GatewayRoutes.SectionName);
        GatewayRoutes.Validate(proxyConfiguration);
        builder.Services.AddReverseProxy().LoadFromConfig(proxyConfiguration);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapDefaultEndpoints();
        app.MapReverseProxy();
        return app;
    }
}
