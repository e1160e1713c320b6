using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore;

/// <summary>A subscription's progress row.</summary>
public sealed record SubscriptionState(
    string Name, LogPosition Position, bool IsStopped, string? StoppedReason, bool RebuildRequested, DateTimeOffset UpdatedAt, long DeadLetters);

/// <summary>An event a subscription gave up on.</summary>
public sealed record DeadLetter(
    string Subscription, long Sequence, Guid EventId, string TenantId, string StreamId, long Version, string EventType,
    string Error, int Attempts, bool Skipped, DateTimeOffset FailedAt);

/// <summary>Operations over the whole store, across tenants: for the daemon, operators and auditors, never for a tenant's request.</summary>
public sealed class EventStoreAdmin
{
    private readonly EventStoreClient store;

    internal EventStoreAdmin(EventStoreClient store) => this.store = store;

    /// <summary>
    /// The log after <paramref name="after"/>, across tenants, in (transaction id, sequence) order and only below the
    /// oldest running transaction: a page never holds an event that a later page could precede.
    /// </summary>
    public async Task<LogPage> ReadLogAcrossTenantsAsync(
        LogPosition after, int maxEvents = 1000, bool includeArchivedStreams = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await ReadLogAsync(store, connection, after, maxEvents, includeArchivedStreams, cancellationToken);
        var events = rows.Select(row => row.ToStoredEvent(store.Options)).OfType<StoredEvent>().ToList();
        return new LogPage(events, rows.Count == 0 ? after : rows[^1].Position);
    }

    /// <summary>Incremental verification of every tenant's events from the store-wide checkpoint.</summary>
    public async Task<StoreVerification> VerifyStoreAcrossTenantsAsync(bool fromStart = false, int? maxEvents = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        return await EventAuditor.VerifyLogAsync(store, connection, tenantId: null, fromStart, maxEvents, cancellationToken);
    }

    public async Task<IReadOnlyList<SubscriptionState>> GetSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand(store.Sql.ListSubscriptions);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<SubscriptionState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new SubscriptionState(
                reader.GetString(0),
                new LogPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)),
                reader.GetString(3) == "stopped",
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetBoolean(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetInt64(7)));
        }
        return states;
    }

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(string? subscription = null, CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand(store.Sql.ListDeadLetters);
        command.Parameters.Add(EventStoreClient.Parameter(subscription, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deadLetters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deadLetters.Add(new DeadLetter(
                reader.GetString(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5),
                reader.GetString(6), reader.GetString(7), reader.GetInt32(8), reader.GetBoolean(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }
        return deadLetters;
    }

    /// <summary>Forgets a subscription's dead letters once an operator has dealt with them; health turns back to healthy.</summary>
    public async Task<int> ClearDeadLettersAsync(string subscription, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscription);
        await using var command = store.DataSource.CreateCommand(store.Sql.ClearDeadLetters);
        command.Parameters.Add(EventStoreClient.Parameter(subscription, NpgsqlDbType.Text));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<List<EventRow>> ReadLogAsync(
        EventStoreClient store, NpgsqlConnection connection, LogPosition after, int maxEvents, bool includeArchivedStreams, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(includeArchivedStreams ? store.Sql.ReadLog : store.Sql.ReadLogWithoutArchived, connection);
        command.Parameters.Add(EventStoreClient.Parameter(after.TransactionId, NpgsqlDbType.Xid8));
        command.Parameters.Add(EventStoreClient.Parameter(after.Sequence, NpgsqlDbType.Bigint));
        command.Parameters.Add(EventStoreClient.Parameter(maxEvents, NpgsqlDbType.Integer));
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<EventRow>(Math.Min(maxEvents, 10_000));
        while (await reader.ReadAsync(cancellationToken)) rows.Add(EventRow.Read(reader));
        return rows;
    }
}
