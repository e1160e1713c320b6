using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Storage;

namespace Platform.Messaging.Figures;

public static class FiguresRegistration
{
    /// <summary>
    /// Creates the figures table at start and sends what the service's statistics subscription recounts into it
    /// (<see cref="PlaceFigures.Recount"/>). The service also registers <see cref="AddFiguresRequests"/> with its bus,
    /// so that a rebuild of the insights view gets every figure again.
    /// </summary>
    public static IServiceCollection AddFiguresPublisher(this IServiceCollection services, FiguresSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        services.AddSingleton(source);
        services.AddSchemaScriptAtStart("figures", PlaceFigures.Ddl);
        services.AddSingleton<FiguresPublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<FiguresPublisher>());
        return services;
    }

    public static IBusRegistrationConfigurator AddFiguresRequests(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<FiguresRequestedConsumer>();
        return bus;
    }
}
