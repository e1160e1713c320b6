using System.Reflection;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.Authorization;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Diagnostics;

namespace Platform.ServiceDefaults;

/// <summary>The common shape of a domain service: its own PostgreSQL database, its bus, the default endpoints.</summary>
public static class PlatformService
{
    public static WebApplicationBuilder CreateBuilder(
        string serviceName, string[] args, Assembly serviceAssembly, Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = serviceAssembly.GetName().Name,
            ContentRootPath = Path.GetDirectoryName(serviceAssembly.Location),
        });
        builder.AddServiceDefaults(serviceName);
        builder.AddPlatformPostgres();
        builder.AddPlatformBus(serviceName, bus =>
        {
            bus.AddConsumer<OrganizationEventConsumers>();
            configureConsumers?.Invoke(bus);
        });
        builder.Configuration.RequireAbsoluteUri($"{PlatformAuthentication.SectionName}:Authority", "http", "https");
        builder.Services.AddPlatformAuthentication(builder.Configuration);
        builder.Services.AddIdempotentRequests();
        builder.Services.AddSingleton<OrganizationCopyReadiness>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OrganizationCopyReadiness>());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            OrganizationCopyReadiness.HealthCheckName, provider => provider.GetRequiredService<OrganizationCopyReadiness>(),
            HealthStatus.Unhealthy, [ServiceDefaults.ReadyTag]));
        return builder;
    }

    public static WebApplication UsePlatformService(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.UsePlatformAuthentication();
        app.UseIdempotentRequests();
        app.MapDefaultEndpoints();
        app.MapDiagnosticsEndpoints();
        return app;
    }
}
