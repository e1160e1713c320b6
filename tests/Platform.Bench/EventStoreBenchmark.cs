using System.Diagnostics;
using Npgsql;
using Platform.EventStore;

namespace Platform.Bench;

/// <summary>
/// `./platform bench eventstore`: the event store's costs, each against a baseline measured in the same run on the
/// same servers. The last line printed is the machine-readable RESULT line.
/// </summary>
internal static class EventStoreBenchmark
{
    private const int SmallStoreStreams = 100;
    private const int LargeStoreStreams = 10_000;
    private const int EventsPerStream = 100;
    private const int Reads = 6_000;
    private const string LargeStoreSchema = "large_store";

    public static async Task RunAsync()
    {
        var servers = await BenchServers.ResolveAsync();
        var database = await servers.CreateDatabaseAsync("bench_eventstore");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database);
            await DescribeServerAsync(dataSource);

            var (appendRatio, batchRatio) = await MeasureAppendsAsync(dataSource, database);
            var (catchUpRate, readGrowth) = await MeasureLargeStoreAsync(dataSource);
            var relayRate = await MeasureRelayAsync(database, servers.RabbitMq);

            Console.WriteLine(
                $"RESULT eventstore append_ratio={appendRatio:F2} batch_ratio={batchRatio:F2} catchup_eps={catchUpRate:F0} " +
                $"read_p99_growth={readGrowth:F2} relay_mps={relayRate:F0}");
        }
        finally
        {
            await servers.DropDatabaseAsync(database);
        }
    }

    internal static async Task DescribeServerAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Progress.Report($"PostgreSQL {reader.GetString(0)}, fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, " +
            $"shared_buffers={reader.GetString(3)}; {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB");
    }

    private static async Task<(double Single, double Batch)> MeasureAppendsAsync(NpgsqlDataSource dataSource, string database)
    {
        await AppendBenchmark.CreateSchemaAsync(dataSource);
        var appends = new AppendBenchmark(dataSource);

        Progress.Report($"append: {AppendBenchmark.Writers} writers, one event per transaction ...");
        var single = await appends.MeasureAsync(eventsPerTransaction: 1, transactionsPerWriter: 400, rounds: 6);
        Progress.Report($"append: store {single.Store:F0} events/s, raw INSERT {single.Raw:F0} events/s, ratio {single.Store / single.Raw:F2}");

        Progress.Report($"batch: {AppendBenchmark.Writers} writers, ten events per transaction ...");
        var batch = await appends.MeasureAsync(eventsPerTransaction: 10, transactionsPerWriter: 400, rounds: 6);
        Progress.Report($"batch: store {batch.Store:F0} events/s, raw INSERT {batch.Raw:F0} events/s, ratio {batch.Store / batch.Raw:F2}");

        await ProfileAppendAsync(appends, "durable commit");
        // The same appends without waiting for the WAL flush: what is left is the work of the statements themselves.
        var noFlush = new NpgsqlConnectionStringBuilder(database) { Options = "-c synchronous_commit=off" }.ConnectionString;
        await using (var noFlushSource = NpgsqlDataSource.Create(noFlush)) await ProfileAppendAsync(new AppendBenchmark(noFlushSource), "synchronous_commit=off");
        return (single.Store / single.Raw, batch.Store / batch.Raw);
    }

    private static async Task ProfileAppendAsync(AppendBenchmark appends, string commit)
    {
        foreach (var eventsPerTransaction in new[] { 1, 10 })
        {
            var (store, raw) = await appends.ProfileAsync(eventsPerTransaction, transactions: 300);
            Progress.Report($"profile ({commit}, one writer, {eventsPerTransaction} event(s)/transaction): " +
                $"store {store.Milliseconds:F2} ms, {store.Commands:F1} round trip(s), {store.WalBytes:F0} WAL bytes; " +
                $"raw {raw.Milliseconds:F2} ms, {raw.Commands:F1} round trip(s), {raw.WalBytes:F0} WAL bytes");
        }
    }

    /// <summary>Reads from a store of 10,000 events and one of 1,000,000; then the daemon's catch-up over the large one.</summary>
    private static async Task<(double CatchUpRate, double ReadGrowth)> MeasureLargeStoreAsync(NpgsqlDataSource dataSource)
    {
        var smallStore = await CreateStoreAsync(dataSource, "small_store");
        var smallStoreNeeds = EventLoader.NewNeeds(SmallStoreStreams);
        await EventLoader.LoadAsync(smallStore, smallStoreNeeds, EventsPerStream);

        var largeStore = await CreateStoreAsync(dataSource, LargeStoreSchema);
        var largeStoreNeeds = EventLoader.NewNeeds(LargeStoreStreams);
        var clock = Stopwatch.StartNew();
        foreach (var part in largeStoreNeeds.Chunk(LargeStoreStreams / 10))
        {
            await EventLoader.LoadAsync(largeStore, part, EventsPerStream);
            Progress.Report($"setup: loading, {await CountEventsAsync(dataSource):N0} events stored ({clock.Elapsed.TotalSeconds:F0} s)");
        }
        await VacuumAnalyzeAsync(dataSource, "small_store");
        await VacuumAnalyzeAsync(dataSource, LargeStoreSchema);

        Progress.Report($"read: 100-event streams from {SmallStoreStreams * EventsPerStream:N0} and {LargeStoreStreams * EventsPerStream:N0} events, alternating ...");
        var (small, large) = await ReadBenchmark.CompareAsync((smallStore, smallStoreNeeds), (largeStore, largeStoreNeeds), Reads, rounds: 12);
        Progress.Report($"read: {SmallStoreStreams * EventsPerStream:N0} events stored: p50 {small.P50Milliseconds:F2} ms, p99 {small.P99Milliseconds:F2} ms");
        Progress.Report($"read: {LargeStoreStreams * EventsPerStream:N0} events stored: p50 {large.P50Milliseconds:F2} ms, p99 {large.P99Milliseconds:F2} ms");

        await using (var create = dataSource.CreateCommand(EventTypeCounts.CreateTable)) await create.ExecuteNonQueryAsync();
        Progress.Report("catch-up: projecting every event into counts per event type ...");
        var catchUpRate = await CatchUpAsync(dataSource, largeStore, new SubscriptionOptions());
        // The same projection told that it needs only the envelope: what is left is reading the log and committing progress.
        Progress.Report("catch-up (information): the same, with DeserializeData = false ...");
        await CatchUpAsync(dataSource, largeStore, new SubscriptionOptions { DeserializeData = false });

        return (catchUpRate, large.P99Milliseconds / small.P99Milliseconds - 1);
    }

    private static async Task<double> CatchUpAsync(NpgsqlDataSource dataSource, EventStoreClient store, SubscriptionOptions options)
    {
        var projection = new EventTypeCounts($"bench-event-type-counts-{(options.DeserializeData ? "events" : "envelopes")}");
        await using var daemon = new ProjectionDaemon(store, [new SubscriptionRegistration(projection, options)]);
        var clock = Stopwatch.StartNew();
        var catchUp = (await daemon.CatchUpAsync()).Single();
        var elapsed = clock.Elapsed;
        var rate = catchUp.EventsProcessed / elapsed.TotalSeconds;
        var projected = await EventTypeCounts.TakeTotalAsync(dataSource);
        if (catchUp.Outcome != CatchUpOutcome.CaughtUp || projected != LargeStoreStreams * EventsPerStream)
            throw new InvalidOperationException($"The catch-up did not project every event: {catchUp}, {projected} counted.");
        Progress.Report($"catch-up: {catchUp.EventsProcessed:N0} events in {elapsed.TotalSeconds:F1} s, {rate:F0} events/s, " +
            $"{options.BatchSize} events per batch and transaction");
        return rate;
    }

    private static async Task<EventStoreClient> CreateStoreAsync(NpgsqlDataSource dataSource, string schema)
    {
        var options = new EventStoreOptions { Schema = schema };
        BenchEvents.Register(options);
        var store = new EventStoreClient(dataSource, options);
        await store.MigrateAsync();
        return store;
    }

    private static async Task<double> MeasureRelayAsync(string database, Uri rabbitMq)
    {
        await using var relay = await RelayBenchmark.StartAsync(database, rabbitMq);
        Progress.Report("relay: 40,000 events of 2,000 streams, one event per stream per transaction, publisher confirms ...");
        var interleaved = await relay.MeasureAsync(streams: 2_000, eventsPerStream: 20, eventsPerStreamPerTransaction: 1);
        Progress.Report($"relay: {interleaved:F0} messages/s");
        Progress.Report("relay (information): 20,000 events of 2,000 streams, ten events per stream per transaction (less to overlap) ...");
        var clustered = await relay.MeasureAsync(streams: 2_000, eventsPerStream: 10, eventsPerStreamPerTransaction: 10);
        Progress.Report($"relay: {clustered:F0} messages/s");
        return interleaved;
    }

    /// <summary>Setup, not measured: a freshly loaded table has no statistics and no visibility map until autovacuum comes by.</summary>
    private static async Task VacuumAnalyzeAsync(NpgsqlDataSource dataSource, string schema)
    {
        foreach (var table in new[] { "events", "streams" })
        {
            await using var command = dataSource.CreateCommand($"VACUUM ANALYZE {schema}.{table}");
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountEventsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {LargeStoreSchema}.events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
