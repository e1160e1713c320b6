using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Storage;

namespace Platform.EventSourcing.Timers;

/// <summary>The schema whose <c>durable_timers</c> table a service's worker fires; created when the host starts.</summary>
public sealed class DurableTimerSchema(string name, NpgsqlDataSource dataSource) : IHostedService
{
    public string Name { get; } = name;

    public Task StartAsync(CancellationToken cancellationToken) =>
        SchemaScript.ApplyAsync(dataSource, $"{Name}.{DurableTimers.Table}", DurableTimers.Ddl(Name), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class DurableTimerRegistration
{
    /// <summary>
    /// Durable timers in <paramref name="schema"/>, fired by <typeparamref name="THandler"/>, with the options of
    /// <paramref name="settings"/> (PollInterval, BatchSize, FirstBackOff, LongestBackOff). The table is created before
    /// the worker starts, since hosted services start in the order they were added.
    /// </summary>
    public static IServiceCollection AddDurableTimers<THandler>(this IServiceCollection services, string schema, IConfigurationSection settings)
        where THandler : class, IDueTimerHandler
    {
        services.Configure<DurableTimerOptions>(settings);
        services.AddSingleton(provider => new DurableTimerSchema(schema, provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddHostedService(provider => provider.GetRequiredService<DurableTimerSchema>());
        services.AddSingleton<IDueTimerHandler, THandler>();
        services.AddSingleton<DurableTimerWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<DurableTimerWorker>());
        return services;
    }
}
