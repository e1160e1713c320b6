using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore;

namespace Platform.Bench;

/// <summary>
/// The store's append against a plain INSERT of the same row into a table of identical shape (LIKE ... INCLUDING
/// ALL: same columns, defaults, identity, unique constraint and indexes), with the same writers, the same events and
/// the same transactions. What the ratio leaves is the store's own work: the stream row, the version check, the hashes.
/// </summary>
internal sealed class AppendBenchmark
{
    public const int Writers = 8;
    private const int StreamsPerWriter = 16;
    private const string StoreSchema = "append_bench";
    private const string RawTable = "raw_bench.events";

    private readonly NpgsqlDataSource dataSource;
    private readonly EventStoreClient store;
    private readonly long[][] storeVersions = NewVersions();
    private readonly long[][] rawVersions = NewVersions();
    private readonly Guid[][] needs = Enumerable.Range(0, Writers).Select(_ => EventLoader.NewNeeds(StreamsPerWriter).ToArray()).ToArray();

    /// <summary>On a store (and raw table) that <see cref="CreateSchemaAsync"/> made; each instance writes streams of its own.</summary>
    public AppendBenchmark(NpgsqlDataSource dataSource)
    {
        var options = new EventStoreOptions { Schema = StoreSchema };
        BenchEvents.Register(options);
        this.dataSource = dataSource;
        store = new EventStoreClient(dataSource, options);
    }

    public static async Task CreateSchemaAsync(NpgsqlDataSource dataSource)
    {
        await new AppendBenchmark(dataSource).store.MigrateAsync();
        await using var command = dataSource.CreateCommand($"CREATE SCHEMA raw_bench; CREATE TABLE {RawTable} (LIKE {StoreSchema}.events INCLUDING ALL)");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Events per second of the store and of the raw INSERT, over alternating rounds so drift hits both alike.</summary>
    public async Task<(double Store, double Raw)> MeasureAsync(int eventsPerTransaction, int transactionsPerWriter, int rounds)
    {
        await RunAsync(AppendToStoreAsync, eventsPerTransaction, transactionsPerWriter / 10);
        await RunAsync(InsertRawAsync, eventsPerTransaction, transactionsPerWriter / 10);

        var (storeTime, rawTime) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0) rawTime += await RunAsync(InsertRawAsync, eventsPerTransaction, transactionsPerWriter);
            storeTime += await RunAsync(AppendToStoreAsync, eventsPerTransaction, transactionsPerWriter);
            if (round % 2 == 1) rawTime += await RunAsync(InsertRawAsync, eventsPerTransaction, transactionsPerWriter);
        }
        var events = (double)Writers * transactionsPerWriter * eventsPerTransaction * rounds;
        return (events / storeTime.TotalSeconds, events / rawTime.TotalSeconds);
    }

    /// <summary>What one append costs a single writer: time, round trips (commands and batches Npgsql traced), WAL written.</summary>
    public sealed record AppendCost(double Milliseconds, double Commands, double WalBytes);

    public async Task<(AppendCost Store, AppendCost Raw)> ProfileAsync(int eventsPerTransaction, int transactions) =>
        (await CostOfAsync(AppendToStoreAsync, eventsPerTransaction, transactions), await CostOfAsync(InsertRawAsync, eventsPerTransaction, transactions));

    private async Task<AppendCost> CostOfAsync(AppendAsync append, int eventsPerTransaction, int transactions)
    {
        await append(0, 0, eventsPerTransaction);
        var walBefore = await WalPositionAsync();
        long commands = 0;
        TimeSpan elapsed;
        using (var listener = new ActivityListener
               {
                   ShouldListenTo = source => source.Name == "Npgsql",
                   Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                   ActivityStopped = activity =>
                   {
                       if (activity.Kind == ActivityKind.Client) Interlocked.Increment(ref commands);
                   },
               })
        {
            ActivitySource.AddActivityListener(listener);
            var clock = Stopwatch.StartNew();
            for (var transaction = 0; transaction < transactions; transaction++)
                await append(0, transaction % StreamsPerWriter, eventsPerTransaction);
            elapsed = clock.Elapsed;
        }
        var walBytes = await WalPositionAsync() - walBefore;
        return new AppendCost(elapsed.TotalMilliseconds / transactions, (double)commands / transactions, (double)walBytes / transactions);
    }

    /// <summary>Where the WAL ends now (pg_stat_wal lags by up to a second; the insert position does not).</summary>
    private async Task<long> WalPositionAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private delegate Task AppendAsync(int writer, int stream, int eventsPerTransaction);

    private static async Task<TimeSpan> RunAsync(AppendAsync append, int eventsPerTransaction, int transactionsPerWriter)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var transaction = 0; transaction < transactionsPerWriter; transaction++)
                await append(writer, transaction % StreamsPerWriter, eventsPerTransaction);
        })));
        return clock.Elapsed;
    }

    private async Task AppendToStoreAsync(int writer, int stream, int eventsPerTransaction)
    {
        var need = needs[writer][stream];
        var version = storeVersions[writer][stream];
        await using var session = store.OpenSession(BenchEvents.Tenant, BenchEvents.Metadata);
        session.Append(EventLoader.StreamId(need), version, BenchEvents.Events(need, version, eventsPerTransaction));
        await session.SaveChangesAsync();
        storeVersions[writer][stream] = version + eventsPerTransaction;
    }

    /// <summary>
    /// What an application without an event store would write: the same rows, serialized the same way, in one
    /// statement: INSERT ... VALUES for one event, INSERT ... SELECT FROM unnest(arrays) for several.
    /// </summary>
    private async Task InsertRawAsync(int writer, int stream, int eventsPerTransaction)
    {
        var need = needs[writer][stream];
        var version = rawVersions[writer][stream];
        var events = BenchEvents.Events(need, version, eventsPerTransaction).ToArray();
        var json = events.Select(data => JsonSerializer.SerializeToUtf8Bytes(data, data.GetType(), store.Options.SerializerOptions)).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(eventsPerTransaction == 1 ? InsertOne : InsertMany, connection);
        var metadata = BenchEvents.Metadata;
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BenchEvents.Tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EventLoader.StreamId(need) });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = metadata.CorrelationId });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = metadata.CausationId });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = metadata.Actor });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UtcNow });
        var ids = events.Select(_ => Guid.CreateVersion7()).ToArray();
        var versions = events.Select((_, i) => version + i + 1).ToArray();
        var types = events.Select(data => store.Options.EventTypes.NameOf(data.GetType())).ToArray();
        var data = json.Select(System.Text.Encoding.UTF8.GetString).ToArray();
        var hashes = json.Select(SHA256.HashData).ToArray();
        if (eventsPerTransaction == 1)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ids[0] });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = versions[0] });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = types[0] });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = data[0] });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hashes[0] });
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = versions });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
            command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = data });
            command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = hashes });
        }
        await command.PrepareAsync();
        await command.ExecuteNonQueryAsync();
        rawVersions[writer][stream] = version + eventsPerTransaction;
    }

    private const string InsertOne = $"""
        INSERT INTO {RawTable} (tenant_id, stream_id, correlation_id, causation_id, actor, "timestamp", id, version, type, data, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    private const string InsertMany = $"""
        INSERT INTO {RawTable} (tenant_id, stream_id, correlation_id, causation_id, actor, "timestamp", id, version, type, data, hash)
        SELECT $1, $2, $3, $4, $5, $6, x.id, x.version, x.type, x.data, x.hash
          FROM unnest($7::uuid[], $8::bigint[], $9::text[], $10::jsonb[], $11::bytea[]) AS x(id, version, type, data, hash)
        """;

    private static long[][] NewVersions() => Enumerable.Range(0, Writers).Select(_ => new long[StreamsPerWriter]).ToArray();
}
