using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.EventStore;

/// <summary>Degraded while any subscription has dead letters or is stopped, on any instance (it asks the database).</summary>
public sealed class EventStoreHealthCheck(EventStoreClient store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand(store.Sql.HealthSummary);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var deadLetters = reader.GetInt64(0);
        var stopped = reader.GetFieldValue<string[]>(1);
        if (deadLetters == 0 && stopped.Length == 0) return HealthCheckResult.Healthy();

        var data = new Dictionary<string, object> { ["deadLetters"] = deadLetters, ["stoppedSubscriptions"] = stopped };
        var description = stopped.Length == 0
            ? $"{deadLetters} dead-lettered event(s)."
            : $"{deadLetters} dead-lettered event(s); stopped: {string.Join(", ", stopped)}.";
        return new HealthCheckResult(context.Registration.FailureStatus, description, data: data);
    }
}
