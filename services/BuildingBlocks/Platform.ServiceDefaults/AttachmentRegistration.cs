using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Storage;
using Platform.Storage.Attachments;

namespace Platform.ServiceDefaults;

public static class AttachmentRegistration
{
    /// <summary>
    /// The service's attachments in its own database, in <paramref name="schema"/>: the table is created when the host
    /// starts, and <see cref="IAttachmentStore"/> is the PostgreSQL store unless a deployment registers another first.
    /// </summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, string schema)
    {
        services.AddHostedService(provider => new AttachmentSchema(provider.GetRequiredService<NpgsqlDataSource>(), schema));
        services.TryAddSingleton<IAttachmentStore>(provider => new PostgresAttachmentStore(provider.GetRequiredService<NpgsqlDataSource>(), schema));
        return services;
    }

    private sealed class AttachmentSchema(NpgsqlDataSource dataSource, string schema) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            SchemaScript.ApplyAsync(dataSource, $"{schema}.{PostgresAttachmentStore.Table}", PostgresAttachmentStore.Ddl(schema), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
