using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Diagnostics;

namespace Platform.ServiceDefaults;

public static class MessagingDefaults
{
    /// <summary>
    /// The service's MassTransit bus on RabbitMQ. Queues are prefixed with the service name so that every
    /// service gets its own copy of a published event. Retries are in-process: Debian's RabbitMQ has no
    /// delayed-message exchange, so delayed redelivery is not available.
    /// </summary>
    public static WebApplicationBuilder AddPlatformBus(
        this WebApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var brokerUri = builder.Configuration.RequireAbsoluteUri("ConnectionStrings:RabbitMq", "amqp", "rabbitmq");
        builder.Services.AddSingleton<PingLedger>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            bus.AddConsumer<PingSentConsumer>();
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(HostAddress(brokerUri), host =>
                {
                    var (user, password) = Credentials(brokerUri);
                    host.Username(user);
                    host.Password(password);
                    host.PublisherConfirmation = true;
                });
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    private static Uri HostAddress(Uri brokerUri)
    {
        var port = brokerUri.IsDefaultPort ? 5672 : brokerUri.Port;
        var virtualHost = Uri.UnescapeDataString(brokerUri.AbsolutePath.TrimStart('/'));
        var path = virtualHost.Length == 0 ? "/" : "/" + Uri.EscapeDataString(virtualHost);
        return new Uri($"rabbitmq://{brokerUri.Host}:{port}{path}");
    }

    private static (string User, string Password) Credentials(Uri brokerUri)
    {
        if (string.IsNullOrEmpty(brokerUri.UserInfo)) return ("guest", "guest");
        var parts = brokerUri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
