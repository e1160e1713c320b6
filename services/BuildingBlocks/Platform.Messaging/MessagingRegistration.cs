using JasperFx.Events.Subscriptions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// Adds the <see cref="OutboxRelaySubscription"/> to the service's Marten store (AddPlatformEventStore) and
    /// publishes through the bus (AddPlatformBus) the integration events <paramref name="mapEvents"/> names:
    /// <c>marten.AddOutboxRelay(map => map.Publish&lt;NeedRaised&gt;(e => new Contracts.NeedRaised(...)))</c>.
    /// </summary>
    /// <param name="configure">The subscription's daemon options, such as its batch size.</param>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddOutboxRelay(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten,
        Action<IntegrationEventMap> mapEvents,
        Action<ISubscriptionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(marten);
        marten.Services.AddSingleton(BuildMap(mapEvents));
        marten.Services.AddSingleton<IntegrationEventPublisher>();
        return marten.AddSubscriptionWithServices<OutboxRelaySubscription>(ServiceLifetime.Singleton, configure);
    }

    private static IntegrationEventMap BuildMap(Action<IntegrationEventMap> mapEvents)
    {
        ArgumentNullException.ThrowIfNull(mapEvents);
        var map = new IntegrationEventMap();
        mapEvents(map);
        if (map.IsEmpty) throw new ArgumentException("The outbox relay has no integration events to publish; map at least one domain event.", nameof(mapEvents));
        return map;
    }

    /// <summary>
    /// Creates the inbox table at start, before any consumer can receive a message. Consumers that derive from
    /// <see cref="IdempotentConsumer{TMessage}"/> are registered with the bus as usual (AddPlatformBus's callback).
    /// </summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddHostedService<InboxSchemaMigration>();
        return services;
    }

    /// <summary>Runs in the host's Starting phase, which completes before any hosted service (the bus) starts.</summary>
    private sealed class InboxSchemaMigration(NpgsqlDataSource dataSource) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => InboxSchema.ApplyAsync(dataSource, cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
