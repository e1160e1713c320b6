using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>A consuming service as the platform builds one (its database, its bus, its inbox), run in the test process.</summary>
internal static class ConsumerHost
{
    public const string ServiceName = "messaging-tests";

    public static async Task<InProcessHost> StartAsync(
        string postgresConnectionString,
        Uri rabbitMqUri,
        Action<IBusRegistrationConfigurator> configureConsumers,
        Action<IServiceCollection>? configureServices = null)
    {
        var host = await InProcessHost.StartAsync(
            args =>
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.AddServiceDefaults(ServiceName);
                builder.AddPlatformPostgres();
                builder.AddPlatformBus(ServiceName, configureConsumers);
                builder.Services.AddInbox();
                configureServices?.Invoke(builder.Services);
                return builder.Build();
            },
            new Dictionary<string, string>
            {
                ["ConnectionStrings:Postgres"] = postgresConnectionString,
                ["ConnectionStrings:RabbitMq"] = rabbitMqUri.ToString(),
                ["Logging:LogLevel:Default"] = "Warning",
            });
        return host;
    }

    public static IBusControl Bus(this InProcessHost host) => host.Application.Services.GetRequiredService<IBusControl>();
}
