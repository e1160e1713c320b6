using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.EventSourcing.Monitoring;

public static class DaemonMonitorRegistration
{
    /// <summary>The health-check tag the platform's readiness endpoint selects.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Watches the daemon of the event store in <paramref name="schema"/>; settings from <c>EventStore:Monitor</c>
    /// (StallLimit, PollInterval) override the defaults.
    /// </summary>
    public static IServiceCollection AddDaemonMonitor(this IServiceCollection services, string schema, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<DaemonMonitorOptions>().Configure(monitor => monitor.Schema = schema);
        if (configuration is not null) options.Bind(configuration.GetSection(DaemonMonitorOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<DaemonMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<DaemonMonitor>());
        services.AddHealthChecks().AddCheck<DaemonHealthCheck>("event-daemon", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }
}
