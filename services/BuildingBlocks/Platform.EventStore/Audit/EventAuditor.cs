using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore;

/// <summary>A stream's chain: intact, or the first version that does not match what was written.</summary>
public sealed record StreamVerification(string StreamId, bool IsIntact, long? FirstBrokenVersion, long EventsChecked);

/// <summary>Where a store verification found the chain broken, and why.</summary>
public sealed record BrokenEvent(long Sequence, string TenantId, string StreamId, long Version, string Reason);

/// <summary>What one incremental verification run checked; <see cref="VerifiedUpTo"/> is the checkpoint it left.</summary>
public sealed record StoreVerification(bool IsIntact, long EventsChecked, BrokenEvent? FirstBroken, LogPosition VerifiedUpTo);

/// <summary>Recomputes hash chains from what PostgreSQL holds (see <see cref="EventHash"/>).</summary>
internal static class EventAuditor
{
    private const int BatchSize = 1000;

    public static async Task<StreamVerification> VerifyStreamAsync(
        EventStoreClient store, NpgsqlConnection connection, string tenantId, string streamId, CancellationToken cancellationToken)
    {
        long headVersion;
        string? headHash;
        await using (var head = new NpgsqlCommand(store.Sql.StreamHead, connection))
        {
            AddTenantAndStream(head, tenantId, streamId);
            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) throw new StreamNotFoundException(streamId);
            headVersion = reader.GetInt64(0);
            headHash = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        await using var command = new NpgsqlCommand(store.Sql.VerifyStream, connection);
        AddTenantAndStream(command, tenantId, streamId);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            byte[] previousHash = [];
            long checkedCount = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = EventRow.Read(reader);
                var expectedVersion = checkedCount + 1;
                checkedCount++;
                // A version that is missing (deleted) breaks the chain where it should have been.
                if (row.Version != expectedVersion) return new StreamVerification(streamId, false, expectedVersion, checkedCount);
                previousHash = Recompute(row, previousHash);
                if (!Matches(previousHash, row.Hash)) return new StreamVerification(streamId, false, row.Version, checkedCount);
            }

            // The stream row keeps the head: trailing events deleted, or a forged head, show here.
            if (headVersion != checkedCount) return new StreamVerification(streamId, false, checkedCount + 1, checkedCount);
            if (checkedCount > 0 && (headHash is null || !Matches(previousHash, headHash)))
                return new StreamVerification(streamId, false, headVersion, checkedCount);
            return new StreamVerification(streamId, true, null, checkedCount);
        }
    }

    /// <summary>
    /// Checks events in log order from the scope's checkpoint, each against its predecessor's stored hash, below the
    /// same fence as the daemon so that a transaction committing late is verified later instead of passed over.
    /// </summary>
    public static async Task<StoreVerification> VerifyLogAsync(
        EventStoreClient store, NpgsqlConnection connection, string? tenantId, bool fromStart, int? maxEvents, CancellationToken cancellationToken)
    {
        if (maxEvents is <= 0) throw new ArgumentOutOfRangeException(nameof(maxEvents), "Verify at least one event.");
        var scope = tenantId is null ? "all" : "tenant:" + tenantId;
        var position = fromStart ? LogPosition.Start : await ReadCheckpointAsync(store, connection, scope, cancellationToken);
        long checkedCount = 0, intactCount = 0;
        BrokenEvent? broken = null;

        while (broken is null && (maxEvents is null || checkedCount < maxEvents))
        {
            var limit = (int)Math.Min(BatchSize, (maxEvents ?? long.MaxValue) - checkedCount);
            await using var command = new NpgsqlCommand(store.Sql.VerifyLog, connection);
            command.Parameters.Add(EventStoreClient.Parameter(tenantId, NpgsqlDbType.Text));
            command.Parameters.Add(EventStoreClient.Parameter(position.TransactionId, NpgsqlDbType.Xid8));
            command.Parameters.Add(EventStoreClient.Parameter(position.Sequence, NpgsqlDbType.Bigint));
            command.Parameters.Add(EventStoreClient.Parameter(limit, NpgsqlDbType.Integer));
            var read = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    read++;
                    checkedCount++;
                    var row = EventRow.Read(reader);
                    var previousHash = reader.IsDBNull(13) ? null : reader.GetString(13);
                    broken = Check(row, previousHash);
                    if (broken is not null) break;
                    intactCount++;
                    position = row.Position;
                }
            }
            if (read < limit) break;
        }

        if (intactCount > 0)
        {
            await using var save = new NpgsqlCommand(store.Sql.SaveVerificationCheckpoint, connection);
            save.Parameters.Add(EventStoreClient.Parameter(scope, NpgsqlDbType.Text));
            save.Parameters.Add(EventStoreClient.Parameter(position.TransactionId, NpgsqlDbType.Xid8));
            save.Parameters.Add(EventStoreClient.Parameter(position.Sequence, NpgsqlDbType.Bigint));
            save.Parameters.Add(EventStoreClient.Parameter(intactCount, NpgsqlDbType.Bigint));
            await save.ExecuteNonQueryAsync(cancellationToken);
        }
        return new StoreVerification(broken is null, checkedCount, broken, position);
    }

    private static BrokenEvent? Check(EventRow row, string? previousHashHex)
    {
        if (row.Version > 1 && previousHashHex is null)
            return Broken(row, $"version {row.Version - 1} of the stream is missing");
        var previousHash = row.Version == 1 ? [] : Convert.FromHexString(previousHashHex!);
        return Matches(Recompute(row, previousHash), row.Hash) ? null : Broken(row, "stored hash does not match the recomputed one");
    }

    private static BrokenEvent Broken(EventRow row, string reason) => new(row.Sequence, row.TenantId, row.StreamId, row.Version, reason);

    private static byte[] Recompute(EventRow row, byte[] previousHash)
    {
        var digest = EventHash.ContentDigest(row.TenantId, row.StreamId, row.Id, row.EventType, Encoding.UTF8.GetBytes(row.Data), row.Metadata);
        return EventHash.Chain(previousHash, row.Version, row.Timestamp, digest);
    }

    private static bool Matches(byte[] hash, string storedHex) => Convert.ToHexStringLower(hash) == storedHex;

    private static async Task<LogPosition> ReadCheckpointAsync(EventStoreClient store, NpgsqlConnection connection, string scope, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(store.Sql.ReadVerificationCheckpoint, connection);
        command.Parameters.Add(EventStoreClient.Parameter(scope, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : LogPosition.Start;
    }

    private static void AddTenantAndStream(NpgsqlCommand command, string tenantId, string streamId)
    {
        command.Parameters.Add(EventStoreClient.Parameter(tenantId, NpgsqlDbType.Text));
        command.Parameters.Add(EventStoreClient.Parameter(streamId, NpgsqlDbType.Text));
    }
}
