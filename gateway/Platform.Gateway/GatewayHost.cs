using Platform.Authorization;
using Platform.Gateway.Edge;
using Platform.Gateway.Identity;
using Platform.Gateway.Insights;
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
        builder.AddPlatformPostgres();
        builder.AddPlatformBus(Name, bus =>
        {
            bus.AddConsumer<Identity.Organization.OrganizationCopyRequestedConsumer>();
            bus.AddInsightsConsumers();
        });
        builder.AddIdentityModule();
        builder.AddInsightsModule();
        builder.AddEdgeProtection();

        var proxyConfiguration = builder.Configuration.GetSection(GatewayRoutes.SectionName);
        GatewayRoutes.Validate(proxyConfiguration);
        builder.Services.AddReverseProxy().LoadFromConfig(proxyConfiguration);

        var app = builder.Build();
        app.UseEdgeHeaders();
        app.UseServiceDefaults();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestTimeouts();
        app.UsePlatformAuthentication(afterAuthentication: pipeline => pipeline.UseRateLimiter());
        app.MapDefaultEndpoints();
        app.MapIdentityModule();
        app.MapInsightsModule();
        app.MapRoutedServices();
        app.MapReverseProxy();
        return app;
    }
}
