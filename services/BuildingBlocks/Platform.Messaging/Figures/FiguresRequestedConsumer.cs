using MassTransit;
using Npgsql;
using Platform.Contracts.Insights;

namespace Platform.Messaging.Figures;

/// <summary>Marks every figure of the district (or of all districts) unsent, so the publisher sends them all again.</summary>
public sealed class FiguresRequestedConsumer(NpgsqlDataSource dataSource) : IConsumer<FiguresRequested>
{
    public async Task Consume(ConsumeContext<FiguresRequested> context)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE {PlaceFigures.Table} SET published_revision = 0 WHERE $1::text IS NULL OR tenant_id = $1");
        command.Parameters.Add(new() { Value = (object?)context.Message.DistrictCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(context.CancellationToken);
    }
}
