using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.EventStore;

public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="EventStore"/> on the service's <see cref="NpgsqlDataSource"/>, the migrator that runs
    /// at start (before the daemon), the <see cref="ProjectionDaemon"/> with every <see cref="SubscriptionRegistration"/>
    /// and a health check (tagged "ready") that turns Degraded on dead letters or a stopped subscription.
    /// </summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, Action<EventStoreOptions>? configure = null)
    {
        var options = new EventStoreOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(provider => new EventStoreClient(provider.GetRequiredService<NpgsqlDataSource>(), options));
        services.AddSingleton(provider => new EventStoreMigrator(provider.GetRequiredService<NpgsqlDataSource>(), options));
        if (options.MigrateAtStartup) services.AddHostedService<EventStoreMigrationService>();
        services.AddSingleton(provider => new ProjectionDaemon(
            provider.GetRequiredService<EventStoreClient>(),
            provider.GetServices<SubscriptionRegistration>(),
            provider.GetService<ILogger<ProjectionDaemon>>()));
        if (options.RunDaemon) services.AddHostedService(provider => provider.GetRequiredService<ProjectionDaemon>());
        services.AddHealthChecks().AddCheck<EventStoreHealthCheck>("eventstore", HealthStatus.Degraded, ["ready"]);
        return services;
    }

    /// <summary>Adds a subscription (an async projection, the outbox relay) for the daemon to run; it is resolved as a singleton.</summary>
    public static IServiceCollection AddEventSubscription<TSubscription>(this IServiceCollection services, Action<SubscriptionOptions>? configure = null)
        where TSubscription : class, IEventSubscription
    {
        var options = new SubscriptionOptions();
        configure?.Invoke(options);
        services.TryAddSingleton<TSubscription>();
        services.AddSingleton(provider => new SubscriptionRegistration(provider.GetRequiredService<TSubscription>(), options));
        return services;
    }
}
