using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventSourcing.Audit;
using Platform.EventSourcing.Commands;
using Platform.EventSourcing.Monitoring;

namespace Platform.EventSourcing.Hosting;

public static class PlatformEventStoreRegistration
{
    /// <summary>
    /// A service's Marten store on the host's <see cref="NpgsqlDataSource"/>: <paramref name="configure"/> adds the
    /// service's event types and projections, then <see cref="PlatformEventStore.UsePlatformEventStore"/> applies the
    /// platform's settings. The schema (hash chain included) is applied at start under Marten's migration lock, the
    /// daemon runs on one instance at a time (hot/cold), and <see cref="DaemonMonitor"/> watches it on every instance.
    /// Commands run through <see cref="CommandRunner"/>.
    /// Chain subscriptions on the result (<c>.AddSubscriptionWithServices&lt;T&gt;(…)</c>).
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddPlatformEventStore(
        this IServiceCollection services, string schema, Action<StoreOptions> configure, IConfiguration? configuration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddDaemonMonitor(schema, configuration);
        services.AddSingleton<IHostedService, GuaranteesCheck>();
        services.AddSingleton<StreamAuditor>();
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<AppendWakeup>();
        services.AddHostedService(provider => provider.GetRequiredService<AppendWakeup>());
        return services
            .AddMarten(provider =>
            {
                var options = new StoreOptions();
                options.Connection(provider.GetRequiredService<NpgsqlDataSource>());
                configure(options);
                options.UsePlatformEventStore(schema);
                provider.GetRequiredService<AppendWakeup>().AttachTo(options);
                return options;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
    }

    /// <summary>Runs before any hosted service starts, so a store whose configuration was changed after
    /// UsePlatformEventStore (by a later ConfigureMarten) never appends an event. It also wraps Marten's logger, which
    /// can only be done once the store is built: Marten hands its daemon the host's logger factory only when it set
    /// the logger itself.</summary>
    private sealed class GuaranteesCheck(IDocumentStore store, ILoggerFactory loggerFactory) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            var options = (StoreOptions)store.Options;
            PlatformEventStore.EnsureGuarantees(options);
            if (options.Logger() is not PlatformMartenLogger)
                options.Logger(new PlatformMartenLogger(options.Logger(), loggerFactory.CreateLogger("Marten")));
            return Task.CompletedTask;
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
