using System.Text.Json;
using MassTransit;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Insights;

namespace Platform.Gateway.Insights;

/// <summary>
/// Keeps the highest revision of each service's figures for a place and period. A summary replaces what it
/// revises, so a duplicate or a late, older one changes nothing and needs no inbox. A revision of what stands now
/// raises, moves or clears the place's alerts in the same transaction.
/// </summary>
public sealed class PlaceFiguresReportedConsumer(NpgsqlDataSource dataSource, TimeProvider clock) : IConsumer<PlaceFiguresReported>
{
    public async Task Consume(ConsumeContext<PlaceFiguresReported> context)
    {
        var figures = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {InsightsSchema.Name}.place_figures AS kept
                (tenant_id, source, place_id, period, street_id, figures, revision, changed_at, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (tenant_id, period, place_id, source) DO UPDATE
               SET street_id = excluded.street_id, figures = excluded.figures, revision = excluded.revision,
                   changed_at = excluded.changed_at, received_at = excluded.received_at
             WHERE excluded.revision > kept.revision
            """, connection, transaction);
        command.Parameters.Add(new() { Value = figures.DistrictCode });
        command.Parameters.Add(new() { Value = figures.Source });
        command.Parameters.Add(new() { Value = figures.PlaceId });
        command.Parameters.Add(new() { Value = figures.Period });
        command.Parameters.Add(new() { Value = figures.StreetId });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(figures.Figures), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = figures.Revision });
        command.Parameters.Add(new() { Value = figures.ChangedAt });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        var kept = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (kept && figures.Period == Platform.Messaging.Figures.PlaceFigures.CurrentPeriod)
            await Alerts.AlertsWriter.ApplyAsync(connection, transaction, figures, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>Keeps the newest word from each service on how current its figures are.</summary>
public sealed class FiguresCurrentConsumer(NpgsqlDataSource dataSource, TimeProvider clock) : IConsumer<FiguresCurrent>
{
    public async Task Consume(ConsumeContext<FiguresCurrent> context)
    {
        var current = context.Message;
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {InsightsSchema.Name}.sources AS kept (source, current_as_of, reported_at, received_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (source) DO UPDATE
               SET current_as_of = excluded.current_as_of, reported_at = excluded.reported_at, received_at = excluded.received_at
             WHERE excluded.reported_at > kept.reported_at
            """);
        command.Parameters.Add(new() { Value = current.Source });
        command.Parameters.Add(new() { Value = current.CurrentAsOf });
        command.Parameters.Add(new() { Value = current.ReportedAt });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(context.CancellationToken);
    }
}
