using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.ServiceDefaults;

public static class PostgresDefaults
{
    /// <summary>Registers the service's own database as one pooled data source, and makes readiness depend on it.</summary>
    public static WebApplicationBuilder AddPlatformPostgres(this WebApplicationBuilder builder, string connectionStringName = "Postgres")
    {
        var connectionString = builder.Configuration.RequireConnectionString(connectionStringName);
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
        // The event store reads a conflict's current version from the error detail, which Npgsql hides unless asked.
        dataSourceBuilder.ConnectionStringBuilder.IncludeErrorDetail = true;
        builder.Services.AddSingleton(_ => dataSourceBuilder.Build());
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(
            "postgres", HealthStatus.Unhealthy, [ServiceDefaults.ReadyTag], TimeSpan.FromSeconds(3));
        return builder;
    }

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", exception);
            }
        }
    }
}
