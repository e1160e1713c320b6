using System.Diagnostics;
using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Bench;

/// <summary>
/// Marten's append, as the platform configures it, against a plain INSERT of the same rows into a table of
/// identical shape (LIKE mt_events INCLUDING ALL: same columns, defaults, constraints and indexes), with the same
/// writers, the same events, the same JSON and the same transactions. What the ratio leaves is Marten's own work
/// (session, the append function, the stream row, the version check, the notification) and the hash chain.
/// </summary>
internal sealed class AppendBenchmark
{
    public const int Writers = 8;
    public const string StoreSchema = "append_bench";
    private const int StreamsPerWriter = 16;
    private const string RawTable = "raw_bench.mt_events";
    private const string RawSequence = "raw_bench.mt_events_sequence";

    private readonly NpgsqlDataSource dataSource;
    private readonly DocumentStore store;
    private readonly EventGraph events;
    private readonly ISerializer serializer;
    private readonly long[][] storeVersions = NewVersions();
    private readonly long[][] rawVersions = NewVersions();
    private readonly Guid[][] needs = Enumerable.Range(0, Writers).Select(_ => EventLoader.NewNeeds(StreamsPerWriter).ToArray()).ToArray();

    /// <summary>On a store (and raw table) that <see cref="CreateRawTableAsync"/> made; each instance writes streams of its own.</summary>
    public AppendBenchmark(NpgsqlDataSource dataSource, DocumentStore store)
    {
        this.dataSource = dataSource;
        this.store = store;
        serializer = store.Options.Serializer();
        events = (EventGraph)store.Options.Events;
    }

    /// <summary>The baseline's table, shaped like the store's mt_events, with a sequence of its own.</summary>
    public static async Task CreateRawTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA raw_bench;
            CREATE TABLE {RawTable} (LIKE {StoreSchema}.mt_events INCLUDING ALL);
            CREATE SEQUENCE {RawSequence};
            """);
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

    /// <summary>Events per second of the store alone (for the informational variants of the configuration).</summary>
    public async Task<double> MeasureStoreAsync(int eventsPerTransaction, int transactionsPerWriter, int rounds)
    {
        await RunAsync(AppendToStoreAsync, eventsPerTransaction, transactionsPerWriter / 10);
        var storeTime = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++) storeTime += await RunAsync(AppendToStoreAsync, eventsPerTransaction, transactionsPerWriter);
        return (double)Writers * transactionsPerWriter * eventsPerTransaction * rounds / storeTime.TotalSeconds;
    }

    public async Task<double> MeasureRawOnlyAsync(int eventsPerTransaction, int transactionsPerWriter) =>
        (double)Writers * transactionsPerWriter * eventsPerTransaction / (await RunAsync(InsertRawAsync, eventsPerTransaction, transactionsPerWriter)).TotalSeconds;

    /// <summary>
    /// What one append costs a single writer: wall time, the client's CPU time, round trips (commands and batches
    /// Npgsql traced, plus the COMMIT Npgsql does not trace), and WAL written.
    /// </summary>
    public sealed record AppendCost(double Milliseconds, double CpuMilliseconds, double RoundTrips, double WalBytes);

    public async Task<(AppendCost Store, AppendCost Raw)> ProfileAsync(int eventsPerTransaction, int transactions) =>
        (await CostOfAsync(AppendToStoreAsync, eventsPerTransaction, transactions, commitIsSeparate: true),
         await CostOfAsync(InsertRawAsync, eventsPerTransaction, transactions, commitIsSeparate: false));

    private async Task<AppendCost> CostOfAsync(AppendAsync append, int eventsPerTransaction, int transactions, bool commitIsSeparate)
    {
        for (var i = 0; i < 20; i++) await append(0, i % StreamsPerWriter, eventsPerTransaction);
        var walBefore = await WalPositionAsync();
        long commands = 0;
        TimeSpan elapsed, cpu;
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
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var transaction = 0; transaction < transactions; transaction++)
                await append(0, transaction % StreamsPerWriter, eventsPerTransaction);
            elapsed = clock.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        }
        var walBytes = await WalPositionAsync() - walBefore;
        var roundTrips = (double)commands / transactions + (commitIsSeparate ? 1 : 0);
        return new AppendCost(elapsed.TotalMilliseconds / transactions, cpu.TotalMilliseconds / transactions, roundTrips, (double)walBytes / transactions);
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

    public Task StoreOnceAsync(int stream, int eventsPerTransaction) => AppendToStoreAsync(0, stream, eventsPerTransaction);

    /// <summary>As a command handler appends: a session for the district, the expected version, SaveChangesAsync.</summary>
    private async Task AppendToStoreAsync(int writer, int stream, int eventsPerTransaction)
    {
        var need = needs[writer][stream];
        var version = storeVersions[writer][stream];
        await using var session = BenchEvents.Stamped(store.LightweightSession(BenchEvents.Tenant));
        // Marten's expected version is the stream's version after the append.
        session.Events.Append(EventLoader.StreamId(need), version + eventsPerTransaction, BenchEvents.Events(need, version, eventsPerTransaction));
        await session.SaveChangesAsync();
        storeVersions[writer][stream] = version + eventsPerTransaction;
    }

    /// <summary>
    /// What an application without an event store would write: the same rows, serialized by the store's serializer,
    /// in one autocommitted statement: INSERT ... VALUES for one event, INSERT ... SELECT FROM unnest(arrays) for
    /// several. No stream row, no version check, no hash.
    /// </summary>
    private async Task InsertRawAsync(int writer, int stream, int eventsPerTransaction)
    {
        var need = needs[writer][stream];
        var version = rawVersions[writer][stream];
        var data = BenchEvents.Events(need, version, eventsPerTransaction).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(eventsPerTransaction == 1 ? InsertOne : InsertMany, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BenchEvents.Tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EventLoader.StreamId(need) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BenchEvents.CorrelationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BenchEvents.CausationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BenchEvents.Actor });
        var ids = data.Select(_ => Guid.CreateVersion7()).ToArray();
        var versions = data.Select((_, i) => version + i + 1).ToArray();
        var mappings = data.Select(e => events.EventMappingFor(e.GetType())).ToArray();
        var types = mappings.Select(mapping => mapping.EventTypeName).ToArray();
        var dotNetTypes = mappings.Select(mapping => mapping.DotNetTypeName).ToArray();
        var json = data.Select(serializer.ToJson).ToArray();
        if (eventsPerTransaction == 1)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ids[0] });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = versions[0] });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = types[0] });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dotNetTypes[0] });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = json[0] });
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = versions });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = dotNetTypes });
            command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = json });
        }
        await command.PrepareAsync();
        await command.ExecuteNonQueryAsync();
        rawVersions[writer][stream] = version + eventsPerTransaction;
    }

    private const string InsertOne = $"""
        INSERT INTO {RawTable} (seq_id, tenant_id, stream_id, correlation_id, causation_id, user_name, "timestamp", is_archived,
                                id, version, type, mt_dotnet_type, data)
        VALUES (nextval('{RawSequence}'), $1, $2, $3, $4, $5, now(), false, $6, $7, $8, $9, $10)
        """;

    private const string InsertMany = $"""
        INSERT INTO {RawTable} (seq_id, tenant_id, stream_id, correlation_id, causation_id, user_name, "timestamp", is_archived,
                                id, version, type, mt_dotnet_type, data)
        SELECT nextval('{RawSequence}'), $1, $2, $3, $4, $5, now(), false, x.id, x.version, x.type, x.dotnet_type, x.data
          FROM unnest($6::uuid[], $7::bigint[], $8::text[], $9::text[], $10::jsonb[]) AS x(id, version, type, dotnet_type, data)
        """;

    private static long[][] NewVersions() => Enumerable.Range(0, Writers).Select(_ => new long[StreamsPerWriter]).ToArray();
}
