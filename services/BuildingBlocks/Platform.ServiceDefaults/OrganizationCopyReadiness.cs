using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Authorization;
using Platform.Contracts.Organization;

namespace Platform.ServiceDefaults;

/// <summary>
/// A service is not ready until it knows the district: before its copy of the org tree has arrived it would refuse
/// every community as unknown. At start it asks the organization's owner for a whole copy, and asks again until one
/// has arrived (the owner may start later, or the first answer may have left before this service's queue was bound).
/// </summary>
internal sealed class OrganizationCopyReadiness(
    OrganizationDirectory directory, IServiceScopeFactory scopes, ServiceIdentity service, TimeProvider clock,
    ILogger<OrganizationCopyReadiness> logger) : BackgroundService, IHealthCheck
{
    public const string HealthCheckName = "organization-copy";
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(15);
    private volatile bool current;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (current) return HealthCheckResult.Healthy();
        try
        {
            current = await directory.HoldsACopyAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The copy of the organization cannot be read.", exception);
        }
        return current ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No copy of the district's organization has arrived yet.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstWait;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (current = await directory.HoldsACopyAsync(stoppingToken)) return;
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>()
                    .Publish(new OrganizationCopyRequested(service.Service, clock.GetUtcNow()), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The schema, the database or the broker is not up yet: the next round asks again.
                logger.LogInformation(exception, "Asking for a copy of the organization failed; asking again in {Wait}.", wait);
            }
            await Task.Delay(wait, clock, stoppingToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestWait.Ticks));
        }
    }
}
