using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Storage;

public static class SchemaAtStart
{
    /// <summary>
    /// Applies a module's table script (<see cref="SchemaScript"/>) in the host's Starting phase, which completes before
    /// any hosted service starts: before a consumer, a subscription or a worker can touch the tables.
    /// </summary>
    public static IServiceCollection AddSchemaScriptAtStart(this IServiceCollection services, string name, string ddl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(ddl);
        // Not AddHostedService: it keeps one registration per type, and a host may have several scripts.
        services.AddSingleton<IHostedService>(provider => new Migration(provider.GetRequiredService<NpgsqlDataSource>(), name, ddl));
        return services;
    }

    private sealed class Migration(NpgsqlDataSource dataSource, string name, string ddl) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => SchemaScript.ApplyAsync(dataSource, name, ddl, cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
