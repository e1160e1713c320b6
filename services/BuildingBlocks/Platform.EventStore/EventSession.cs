using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore;

/// <summary>
/// A unit of work for one tenant, like Marten's session: queue appends with <see cref="StartStream"/> and
/// <see cref="Append(string, long, IEnumerable{object})"/>, then <see cref="SaveChangesAsync"/> writes them all in
/// one transaction (one round trip when no inline projection runs). Reads only ever see this tenant's streams.
/// Not thread-safe; open one per command or request.
/// </summary>
public sealed class EventSession : IAsyncDisposable
{
    private const int StartMode = 0, ExpectedVersionMode = 1, AppendAtEndMode = 2;

    private readonly EventStoreClient store;
    private readonly NpgsqlTransaction? externalTransaction;
    private readonly List<PendingStream> pending = [];
    private NpgsqlConnection? lockConnection;
    private NpgsqlTransaction? lockTransaction;

    internal EventSession(EventStoreClient store, string tenantId, EventMetadata metadata, NpgsqlTransaction? externalTransaction)
    {
        this.store = store;
        this.externalTransaction = externalTransaction;
        TenantId = tenantId;
        Metadata = metadata;
    }

    public string TenantId { get; }

    /// <summary>Correlation, causation and actor stamped on (and hashed with) every event this session appends.</summary>
    public EventMetadata Metadata { get; }

    private NpgsqlTransaction? Transaction => externalTransaction ?? lockTransaction;

    /// <summary>Queues a new stream; <see cref="SaveChangesAsync"/> raises <see cref="StreamAlreadyExistsException"/> if it exists.</summary>
    public void StartStream(string streamId, params IEnumerable<object> events) => Queue(streamId, StartMode, 0, events);

    /// <summary>Queues events for a stream that must be at <paramref name="expectedVersion"/> (0: must not exist yet);
    /// otherwise <see cref="SaveChangesAsync"/> raises <see cref="WrongExpectedVersionException"/> with the current version.</summary>
    public void Append(string streamId, long expectedVersion, params IEnumerable<object> events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        Queue(streamId, ExpectedVersionMode, expectedVersion, events);
    }

    /// <summary>Queues events at the end of the stream, whatever its version (creating it if needed). After
    /// <see cref="LockStreamAsync"/> this is the pessimistic append: nobody else can write the stream meanwhile.</summary>
    public void Append(string streamId, params IEnumerable<object> events) => Queue(streamId, AppendAtEndMode, 0, events);

    /// <summary>
    /// Begins the session's transaction (unless it runs in the caller's) and locks the stream's row
    /// (<c>SELECT ... FOR UPDATE</c>) until <see cref="SaveChangesAsync"/> commits or the session is disposed:
    /// read, decide and append without any concurrency error.
    /// </summary>
    public async Task<StreamState> LockStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        if (Transaction is null)
        {
            lockConnection = await store.DataSource.OpenConnectionAsync(cancellationToken);
            lockTransaction = await lockConnection.BeginTransactionAsync(cancellationToken);
        }
        var state = await ReadStreamStateAsync(store.Sql.LockStream, Transaction!.Connection!, streamId, cancellationToken)
            ?? throw new StreamNotFoundException(streamId);
        return state.IsArchived ? throw new StreamArchivedException(streamId) : state;
    }

    /// <summary>Writes every queued append atomically, runs the inline projections in the same transaction and
    /// commits (unless the session runs in the caller's transaction). Returns the stored events, in order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        if (pending.Count == 0) return [];
        SerializedStream[] streams;
        try
        {
            // Before a connection is taken from the pool.
            streams = pending.Select(Serialize).ToArray();
        }
        finally
        {
            pending.Clear();
        }

        var inlineProjections = store.Options.InlineProjections;
        var ownConnection = Transaction is null ? await store.DataSource.OpenConnectionAsync(cancellationToken) : null;
        try
        {
            var connection = ownConnection ?? Transaction!.Connection!;
            // Without inline projections one statement (or one implicitly transactional batch) is all it takes.
            var ownTransaction = ownConnection is not null && inlineProjections.Count > 0
                ? await ownConnection.BeginTransactionAsync(cancellationToken)
                : null;
            await using (ownTransaction)
            {
                var stored = await WriteAsync(connection, streams, cancellationToken);
                var transaction = ownTransaction ?? Transaction;
                foreach (var projection in inlineProjections) await projection.ApplyAsync(stored, transaction!, cancellationToken);
                if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
                if (lockTransaction is not null) await lockTransaction.CommitAsync(cancellationToken);
                return stored;
            }
        }
        finally
        {
            if (ownConnection is not null) await ownConnection.DisposeAsync();
            await ReleaseLockAsync();
        }
    }

    public Task<StreamState?> FetchStreamStateAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        return WithConnectionAsync(connection => ReadStreamStateAsync(store.Sql.FetchStreamState, connection, streamId, cancellationToken), cancellationToken);
    }

    /// <summary>The stream's events in version order: all of them, or those up to a version and/or a point in time.
    /// Empty when the stream does not exist.</summary>
    public async Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(
        string streamId, long? toVersion = null, DateTimeOffset? toTimestamp = null, CancellationToken cancellationToken = default)
    {
        var events = new List<StoredEvent>();
        await ForEachEventAsync(streamId, toVersion, toTimestamp, @event => events.Add(@event), cancellationToken);
        return events;
    }

    /// <summary>
    /// Live aggregation: folds the stream's events, up to a version and/or a point in time, through the aggregate's
    /// pure <paramref name="evolve"/> function, starting from <paramref name="initial"/> (returned as is for an empty stream).
    /// </summary>
    public async Task<TState> AggregateStreamAsync<TState>(
        string streamId, TState initial, Func<TState, object, TState> evolve,
        long? toVersion = null, DateTimeOffset? toTimestamp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evolve);
        var state = initial;
        await ForEachEventAsync(streamId, toVersion, toTimestamp, @event => state = evolve(state, @event.Data), cancellationToken);
        return state;
    }

    /// <summary>Makes the stream read-only: appends raise <see cref="StreamArchivedException"/>, the daemon leaves its
    /// events out by default, and it stays readable and verifiable. Archiving twice is harmless.</summary>
    public Task ArchiveStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        return WithConnectionAsync(async connection =>
        {
            // Two statements, so the second sees events committed while the first waited for the stream's lock.
            await using var transaction = Transaction is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
            await using (var archive = new NpgsqlCommand(store.Sql.ArchiveStream, connection))
            {
                AddStreamKey(archive, streamId);
                if (await archive.ExecuteScalarAsync(cancellationToken) is null) throw new StreamNotFoundException(streamId);
            }
            await using (var archiveEvents = new NpgsqlCommand(store.Sql.ArchiveStreamEvents, connection))
            {
                AddStreamKey(archiveEvents, streamId);
                await archiveEvents.ExecuteNonQueryAsync(cancellationToken);
            }
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Recomputes the stream's hash chain: intact, or the first version whose stored hash does not match.</summary>
    public Task<StreamVerification> VerifyStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        return WithConnectionAsync(connection => EventAuditor.VerifyStreamAsync(store, connection, TenantId, streamId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Verifies this tenant's events written since the last run (or all of them with <paramref name="fromStart"/>),
    /// each against its predecessor's stored hash, and moves the tenant's checkpoint up to the last intact event.
    /// </summary>
    public Task<StoreVerification> VerifyStoreAsync(bool fromStart = false, int? maxEvents = null, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(connection => EventAuditor.VerifyLogAsync(store, connection, TenantId, fromStart, maxEvents, cancellationToken), cancellationToken);

    /// <summary>Rolls back a lock transaction that was never saved; a caller's transaction is left alone.</summary>
    public ValueTask DisposeAsync() => new(ReleaseLockAsync());

    private void Queue(string streamId, int mode, long expectedVersion, IEnumerable<object> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToList();
        if (list.Count == 0) throw new ArgumentException("Give at least one event.", nameof(events));
        if (list.Any(@event => @event is null)) throw new ArgumentException("Events cannot be null.", nameof(events));

        var existing = pending.Find(stream => stream.StreamId == streamId);
        if (existing is null)
        {
            pending.Add(new PendingStream(streamId, mode, expectedVersion, list));
            return;
        }
        // A second append to a queued stream continues it; an expected version must then be where the first one ends.
        if (mode == StartMode) throw new InvalidOperationException($"Stream '{streamId}' already has appends queued in this session.");
        if (mode == ExpectedVersionMode && existing.Mode != AppendAtEndMode && expectedVersion != existing.ExpectedVersion + existing.Events.Count)
            throw new WrongExpectedVersionException(streamId, expectedVersion, existing.ExpectedVersion + existing.Events.Count);
        existing.Events.AddRange(list);
    }

    private async Task<IReadOnlyList<StoredEvent>> WriteAsync(NpgsqlConnection connection, SerializedStream[] serialized, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var stream in serialized)
        {
            var command = new NpgsqlBatchCommand(AppendSql(stream));
            command.Parameters.AddRange(stream.Parameters(TenantId, Metadata));
            batch.BatchCommands.Add(command);
        }
        await batch.PrepareAsync(cancellationToken);

        var stored = new List<StoredEvent>(serialized.Sum(stream => stream.Events.Length));
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            foreach (var stream in serialized)
            {
                var rows = new List<(long Sequence, long Version, DateTimeOffset Timestamp, string Hash, ulong TransactionId)>(stream.Events.Length);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetFieldValue<ulong>(4)));
                }
                rows.Sort((left, right) => left.Version.CompareTo(right.Version));
                for (var i = 0; i < rows.Count; i++)
                {
                    var (@event, row) = (stream.Events[i], rows[i]);
                    stored.Add(new StoredEvent(@event.Id, row.Sequence, stream.StreamId, row.Version, @event.TypeName, @event.Data,
                        Metadata, TenantId, row.TransactionId, row.Timestamp, row.Hash));
                }
                await reader.NextResultAsync(cancellationToken);
            }
        }
        catch (PostgresException exception) when (exception.SqlState is "ES409" or "ES410" or "ES423")
        {
            var conflict = JsonSerializer.Deserialize<AppendConflict>(exception.Detail!, JsonSerializerOptions.Web)!;
            var failed = serialized.First(stream => stream.StreamId == conflict.StreamId);
            throw exception.SqlState switch
            {
                "ES409" => new WrongExpectedVersionException(failed.StreamId, failed.ExpectedVersion, conflict.CurrentVersion),
                "ES410" => new StreamAlreadyExistsException(failed.StreamId, conflict.CurrentVersion),
                _ => new StreamArchivedException(failed.StreamId),
            };
        }
        return stored;
    }

    private string AppendSql(SerializedStream stream) =>
        store.Sql.Append.For(expectingVersion: stream is { Mode: ExpectedVersionMode, ExpectedVersion: > 0 }, oneEvent: stream.Events.Length == 1);

    private SerializedStream Serialize(PendingStream stream)
    {
        var events = new SerializedEvent[stream.Events.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var data = stream.Events[i];
            var typeName = store.Options.EventTypes.NameOf(data.GetType());
            var json = JsonSerializer.SerializeToUtf8Bytes(data, data.GetType(), store.Options.SerializerOptions);
            var id = Guid.CreateVersion7();
            var digest = EventHash.ContentDigest(TenantId, stream.StreamId, id, typeName, json, Metadata);
            events[i] = new SerializedEvent(id, typeName, data, Encoding.UTF8.GetString(json), digest);
        }
        return new SerializedStream(stream.StreamId, stream.Mode, stream.ExpectedVersion, events);
    }

    private async Task ForEachEventAsync(
        string streamId, long? toVersion, DateTimeOffset? toTimestamp, Action<StoredEvent> onEvent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        await WithConnectionAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(store.Sql.FetchStream, connection);
            AddStreamKey(command, streamId);
            command.Parameters.Add(EventStoreClient.Parameter(toVersion ?? long.MaxValue, NpgsqlDbType.Bigint));
            command.Parameters.Add(EventStoreClient.Parameter(toTimestamp, NpgsqlDbType.TimestampTz));
            await command.PrepareAsync(cancellationToken);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (EventRow.Read(reader).ToStoredEvent(store.Options) is { } @event) onEvent(@event);
            }
            return true;
        }, cancellationToken);
    }

    private async Task<StreamState?> ReadStreamStateAsync(string sql, NpgsqlConnection connection, string streamId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        AddStreamKey(command, streamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StreamState(reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2),
            reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4));
    }

    private void AddStreamKey(NpgsqlCommand command, string streamId)
    {
        command.Parameters.Add(EventStoreClient.Parameter(TenantId, NpgsqlDbType.Text));
        command.Parameters.Add(EventStoreClient.Parameter(streamId, NpgsqlDbType.Text));
    }

    /// <summary>Runs on the session's transaction when it has one, else on a pooled connection of its own.</summary>
    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        if (Transaction is { Connection: { } connection }) return await work(connection);
        await using var pooled = await store.DataSource.OpenConnectionAsync(cancellationToken);
        return await work(pooled);
    }

    private async Task ReleaseLockAsync()
    {
        if (lockTransaction is not null) await lockTransaction.DisposeAsync();
        if (lockConnection is not null) await lockConnection.DisposeAsync();
        (lockTransaction, lockConnection) = (null, null);
    }

    private sealed record AppendConflict(string StreamId, long CurrentVersion);

    private sealed record PendingStream(string StreamId, int Mode, long ExpectedVersion, List<object> Events);

    private sealed record SerializedEvent(Guid Id, string TypeName, object Data, string Json, byte[] Digest);

    private sealed record SerializedStream(string StreamId, int Mode, long ExpectedVersion, SerializedEvent[] Events)
    {
        public NpgsqlParameter[] Parameters(string tenantId, EventMetadata metadata) => Events is [var single]
            ?
            [
                EventStoreClient.Parameter(tenantId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(StreamId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(Mode, NpgsqlDbType.Integer),
                EventStoreClient.Parameter(ExpectedVersion, NpgsqlDbType.Bigint),
                EventStoreClient.Parameter(single.Id, NpgsqlDbType.Uuid),
                EventStoreClient.Parameter(single.TypeName, NpgsqlDbType.Text),
                EventStoreClient.Parameter(single.Json, NpgsqlDbType.Jsonb),
                EventStoreClient.Parameter(single.Digest, NpgsqlDbType.Bytea),
                EventStoreClient.Parameter(metadata.CorrelationId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(metadata.CausationId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(metadata.Actor, NpgsqlDbType.Text),
            ]
            :
            [
                EventStoreClient.Parameter(tenantId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(StreamId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(Mode, NpgsqlDbType.Integer),
                EventStoreClient.Parameter(ExpectedVersion, NpgsqlDbType.Bigint),
                EventStoreClient.Parameter(Events.Select(@event => @event.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                EventStoreClient.Parameter(Events.Select(@event => @event.TypeName).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                EventStoreClient.Parameter(Events.Select(@event => @event.Json).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb),
                EventStoreClient.Parameter(Events.Select(@event => @event.Digest).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bytea),
                EventStoreClient.Parameter(metadata.CorrelationId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(metadata.CausationId, NpgsqlDbType.Text),
                EventStoreClient.Parameter(metadata.Actor, NpgsqlDbType.Text),
            ];
    }
}
