using MassTransit;
using Npgsql;
using Platform.Messaging.RelayHost.Contracts;

namespace Platform.Messaging.Tests;

/// <summary>A consumer whose effect is one row per message it acts on: a duplicated effect shows as a second row.</summary>
public sealed class ParcelLedger(NpgsqlDataSource dataSource) : IdempotentConsumer<ParcelDispatched>(dataSource)
{
    public const string CreateTable = "CREATE TABLE IF NOT EXISTS dispatched_parcels (message_id uuid NOT NULL, parcel_code text NOT NULL)";

    protected override Task ConsumeOnceAsync(ConsumeContext<ParcelDispatched> context, NpgsqlTransaction transaction) =>
        RecordAsync(context, transaction);

    public static async Task RecordAsync(ConsumeContext<ParcelDispatched> context, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO dispatched_parcels (message_id, parcel_code) VALUES ($1, $2)", transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.MessageId!.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.Message.ParcelCode });
        await command.ExecuteNonQueryAsync(context.CancellationToken);
    }

    public static async Task CreateTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(CreateTable);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> EffectsOfAsync(NpgsqlDataSource dataSource, Guid messageId)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM dispatched_parcels WHERE message_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = messageId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many times each message took effect.</summary>
    public static async Task<Dictionary<Guid, long>> EffectsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT message_id, count(*) FROM dispatched_parcels GROUP BY message_id");
        await using var reader = await command.ExecuteReaderAsync();
        var effects = new Dictionary<Guid, long>();
        while (await reader.ReadAsync()) effects.Add(reader.GetGuid(0), reader.GetInt64(1));
        return effects;
    }
}

/// <summary>Writes its effect, then fails the first time it sees a message: the retry must find neither effect nor inbox row.</summary>
public sealed class ParcelLedgerThatFailsOnce(NpgsqlDataSource dataSource) : IdempotentConsumer<ParcelDispatched>(dataSource)
{
    private static readonly HashSet<Guid> FailedOnce = [];

    protected override async Task ConsumeOnceAsync(ConsumeContext<ParcelDispatched> context, NpgsqlTransaction transaction)
    {
        await ParcelLedger.RecordAsync(context, transaction);
        bool firstAttempt;
        lock (FailedOnce) firstAttempt = FailedOnce.Add(context.MessageId!.Value);
        if (firstAttempt) throw new InvalidOperationException("Simulated failure after the effect was written.");
    }
}
