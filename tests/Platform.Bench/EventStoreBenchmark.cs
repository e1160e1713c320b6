using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.EventSourcing.Hosting;

namespace Platform.Bench;

/// <summary>
/// `./platform bench eventstore`: the event store (Marten, set up by Platform.EventSourcing) and its costs, each
/// against a baseline measured in the same run on the same servers. The last line printed is the RESULT line.
/// </summary>
internal static class EventStoreBenchmark
{
    private const int SmallStoreStreams = 100;
    private const int LargeStoreStreams = 10_000;
    private const int EventsPerStream = 100;
    private const int Reads = 6_000;
    private const string SmallStoreSchema = "small_store";
    private const string LargeStoreSchema = "large_store";

    private const int PropagationCommands = 1_000;
    private const double PropagationPerSecond = 50;
    private static readonly TimeSpan ProjectionPoll = TimeSpan.FromMilliseconds(3);

    public static async Task RunAsync()
    {
        var servers = await BenchServers.ResolveAsync();
        var database = await servers.CreateDatabaseAsync("bench_eventstore");
        string result;
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database);
            await DescribeServerAsync(dataSource);
            ReportLoad();

            var (appendRatio, batchRatio) = await MeasureAppendsAsync(dataSource, database);
            var (catchUpRate, readGrowth) = await MeasureLargeStoreAsync(dataSource);
            var propagation = await MeasurePropagationAsync(dataSource);
            var relayRate = await MeasureRelayAsync(database, servers.RabbitMq);
            ReportLoad();

            result = $"RESULT eventstore append_ratio={appendRatio:F2} batch_ratio={batchRatio:F2} catchup_eps={catchUpRate:F0} " +
                $"read_p99_growth={readGrowth:F2} relay_mps={relayRate:F0} propagation_p99_ms={propagation:F0}";
        }
        finally
        {
            await servers.DropDatabaseAsync(database);
        }
        // Last, after the drop, which ends whatever connection a stopped daemon still held.
        Console.WriteLine(result);
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

    /// <summary>The wake-up a service host runs beside its store (AddPlatformEventStore).</summary>
    private static async Task<AppendWakeup> StartWakeupAsync(NpgsqlDataSource dataSource)
    {
        var wakeup = new AppendWakeup(dataSource, NullLogger<AppendWakeup>.Instance);
        await wakeup.StartAsync(CancellationToken.None);
        return wakeup;
    }

    internal static void ReportLoad()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : ["?", "?", "?"];
        Progress.Report($"machine: load average {load[0]} {load[1]} {load[2]} (1, 5, 15 min)");
    }

    private static async Task<(double Single, double Batch)> MeasureAppendsAsync(NpgsqlDataSource dataSource, string database)
    {
        using var wakeup = await StartWakeupAsync(dataSource);
        await using var store = await MartenBenchStore.CreateAsync(dataSource, AppendBenchmark.StoreSchema, wakeup: wakeup);
        await AppendBenchmark.CreateRawTableAsync(dataSource);
        var appends = new AppendBenchmark(dataSource, store);

        Progress.Report($"append: {AppendBenchmark.Writers} writers, one event per transaction ...");
        var single = await appends.MeasureAsync(eventsPerTransaction: 1, transactionsPerWriter: 400, rounds: 6);
        Progress.Report($"append: Marten {single.Store:F0} events/s, raw INSERT {single.Raw:F0} events/s, ratio {single.Store / single.Raw:F2}");

        Progress.Report($"batch: {AppendBenchmark.Writers} writers, ten events per transaction ...");
        var batch = await appends.MeasureAsync(eventsPerTransaction: 10, transactionsPerWriter: 400, rounds: 6);
        Progress.Report($"batch: Marten {batch.Store:F0} events/s, raw INSERT {batch.Raw:F0} events/s, ratio {batch.Store / batch.Raw:F2}");

        await ProfileAppendAsync(appends, "durable commit");
        // The same appends without waiting for the WAL flush: what is left is the work of the statements and the client.
        var noFlush = new NpgsqlConnectionStringBuilder(database) { Options = "-c synchronous_commit=off" }.ConnectionString;
        await using (var noFlushSource = NpgsqlDataSource.Create(noFlush))
        await using (var noFlushStore = await MartenBenchStore.CreateAsync(noFlushSource, AppendBenchmark.StoreSchema))
        {
            await ProfileAppendAsync(new AppendBenchmark(noFlushSource, noFlushStore), "synchronous_commit=off");
        }

        await MeasureAppendVariantsAsync(dataSource, database);
        return (single.Store / single.Raw, batch.Store / batch.Raw);
    }

    /// <summary>
    /// Information, not the RESULT: the same measurement with settings the platform does not have (yet), one added
    /// to the other, so each line shows what one more change recovers. Shorter rounds (4 × 200 transactions).
    /// </summary>
    private static async Task MeasureAppendVariantsAsync(NpgsqlDataSource dataSource, string database)
    {
        // Npgsql prepares Marten's statements itself, and then resets a pooled connection without DISCARD ALL,
        // which would otherwise throw away the cached plans of the append function and of the hash-chain trigger.
        var autoPrepare = new NpgsqlConnectionStringBuilder(database) { MaxAutoPrepare = 64 }.ConnectionString;
        await using var autoPrepareSource = NpgsqlDataSource.Create(autoPrepare);
        await MeasureVariantAsync(autoPrepareSource, "Max Auto Prepare=64 on the data source");
        await MeasureVariantAsync(dataSource, "Marten's own wake-up, a NOTIFY inside every append transaction",
            options => options.Events.UseListenNotifyForEventAppends = true);
        await SetHashChainTriggerAsync(dataSource, enabled: false);
        try
        {
            await MeasureVariantAsync(autoPrepareSource, "Max Auto Prepare=64 and the hash-chain trigger disabled");
        }
        finally
        {
            await SetHashChainTriggerAsync(dataSource, enabled: true);
        }
    }

    private static async Task MeasureVariantAsync(NpgsqlDataSource dataSource, string variant, Action<StoreOptions>? overridePlatform = null)
    {
        await using var store = await MartenBenchStore.CreateAsync(dataSource, AppendBenchmark.StoreSchema, overridePlatform: overridePlatform);
        var appends = new AppendBenchmark(dataSource, store);
        var single = await appends.MeasureAsync(eventsPerTransaction: 1, transactionsPerWriter: 200, rounds: 4);
        var batch = await appends.MeasureAsync(eventsPerTransaction: 10, transactionsPerWriter: 200, rounds: 4);
        Progress.Report($"append (information, {variant}): one event {single.Store:F0}/s against {single.Raw:F0}/s, ratio {single.Store / single.Raw:F2}; " +
            $"ten events {batch.Store:F0}/s against {batch.Raw:F0}/s, ratio {batch.Store / batch.Raw:F2}");
    }

    private static async Task SetHashChainTriggerAsync(NpgsqlDataSource dataSource, bool enabled)
    {
        await using var command = dataSource.CreateCommand(
            $"ALTER TABLE {AppendBenchmark.StoreSchema}.mt_events {(enabled ? "ENABLE" : "DISABLE")} TRIGGER platform_chain_events");
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ProfileAppendAsync(AppendBenchmark appends, string commit)
    {
        foreach (var eventsPerTransaction in new[] { 1, 10 })
        {
            var (store, raw) = await appends.ProfileAsync(eventsPerTransaction, transactions: 300);
            Progress.Report($"profile ({commit}, one writer, {eventsPerTransaction} event(s)/transaction): " +
                $"Marten {store.Milliseconds:F2} ms (client CPU {store.CpuMilliseconds:F2} ms), {store.RoundTrips:F1} round trip(s), {store.WalBytes:F0} WAL bytes; " +
                $"raw {raw.Milliseconds:F2} ms (client CPU {raw.CpuMilliseconds:F2} ms), {raw.RoundTrips:F1} round trip(s), {raw.WalBytes:F0} WAL bytes");
        }
    }

    /// <summary>Reads from a store of 10,000 events and one of 1,000,000; then the daemon's rebuild over the large one.</summary>
    private static async Task<(double CatchUpRate, double ReadGrowth)> MeasureLargeStoreAsync(NpgsqlDataSource dataSource)
    {
        await using var smallStore = await MartenBenchStore.CreateAsync(dataSource, SmallStoreSchema);
        var smallStoreNeeds = EventLoader.NewNeeds(SmallStoreStreams);
        await EventLoader.AppendAsync(smallStore, smallStoreNeeds, EventsPerStream);

        var counts = new EventTypeCounts(LargeStoreSchema);
        var countsWritingNothing = new EventTypeCounts(LargeStoreSchema, writes: false);
        var batchSize = 0;
        await using var largeStore = await MartenBenchStore.CreateAsync(dataSource, LargeStoreSchema, options =>
        {
            options.Projections.Add(counts, ProjectionLifecycle.Async, counts.Name, asyncOptions => batchSize = asyncOptions.BatchSize);
            options.Projections.Add(countsWritingNothing, ProjectionLifecycle.Async, countsWritingNothing.Name);
        });
        await using (var create = dataSource.CreateCommand(counts.CreateTable)) await create.ExecuteNonQueryAsync();
        var largeStoreNeeds = EventLoader.NewNeeds(LargeStoreStreams);
        var clock = Stopwatch.StartNew();
        foreach (var part in largeStoreNeeds.Chunk(LargeStoreStreams / 10))
        {
            await EventLoader.AppendAsync(largeStore, part, EventsPerStream);
            Progress.Report($"setup: loading through Marten's append, {await CountAsync(dataSource, "mt_events"):N0} events stored ({clock.Elapsed.TotalSeconds:F0} s)");
        }
        Progress.Report($"setup: {await CountAsync(dataSource, "platform_event_hashes"):N0} hash-chain rows written by the trigger");
        await VacuumAnalyzeAsync(dataSource, SmallStoreSchema);
        await VacuumAnalyzeAsync(dataSource, LargeStoreSchema);

        Progress.Report($"read: 100-event streams from {SmallStoreStreams * EventsPerStream:N0} and {LargeStoreStreams * EventsPerStream:N0} events, alternating ...");
        var (small, large) = await ReadBenchmark.CompareAsync((smallStore, smallStoreNeeds), (largeStore, largeStoreNeeds), Reads, rounds: 12);
        Progress.Report($"read: {SmallStoreStreams * EventsPerStream:N0} events stored: p50 {small.P50Milliseconds:F2} ms, p99 {small.P99Milliseconds:F2} ms");
        Progress.Report($"read: {LargeStoreStreams * EventsPerStream:N0} events stored: p50 {large.P50Milliseconds:F2} ms, p99 {large.P99Milliseconds:F2} ms");

        Progress.Report($"catch-up: Marten's daemon rebuilding a projection of counts per event type (default async options: batches of {batchSize:N0} events) ...");
        var catchUpRate = await RebuildAsync(dataSource, largeStore, counts);
        // The same rebuild of a projection that writes nothing: reading the log, deserializing, committing progress.
        Progress.Report("catch-up (information): the same, with a projection that writes nothing ...");
        await RebuildAsync(dataSource, largeStore, countsWritingNothing);
        return (catchUpRate, large.P99Milliseconds / small.P99Milliseconds - 1);
    }

    private static async Task<double> RebuildAsync(NpgsqlDataSource dataSource, DocumentStore store, EventTypeCounts counts)
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        var clock = Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync(counts.Name, TimeSpan.FromMinutes(10), CancellationToken.None);
        var elapsed = clock.Elapsed;
        var projected = await counts.TakeTotalAsync(dataSource);
        var events = LargeStoreStreams * EventsPerStream;
        if (projected != (counts.Writes ? events : 0))
            throw new InvalidOperationException($"The rebuild of {counts.Name} did not project every event: {projected:N0} counted.");
        var rate = events / elapsed.TotalSeconds;
        Progress.Report($"catch-up: {events:N0} events in {elapsed.TotalSeconds:F1} s, {rate:F0} events/s");
        return rate;
    }

    private static async Task<double> MeasurePropagationAsync(NpgsqlDataSource dataSource)
    {
        Progress.Report($"propagation: {PropagationCommands:N0} commands at {PropagationPerSecond:F0}/s, each a new need's stream; async projection polled every {ProjectionPoll.TotalMilliseconds:F0} ms ...");
        double p99;
        using (var wakeup = await StartWakeupAsync(dataSource))
        {
            p99 = await MeasurePropagationAsync(dataSource, PropagationCommands, "the daemon woken by a NOTIFY after each commit", wakeup: wakeup);
        }
        await MeasurePropagationAsync(dataSource, PropagationCommands / 2, "information: Marten's own NOTIFY inside the append transaction",
            options => options.Events.UseListenNotifyForEventAppends = true);
        await MeasurePropagationAsync(dataSource, PropagationCommands / 2, "information: no wake-up, the daemon polling every 50 ms", options =>
        {
            options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
            options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(50);
        });
        return p99;
    }

    private static async Task<double> MeasurePropagationAsync(
        NpgsqlDataSource dataSource, int commands, string how, Action<StoreOptions>? overridePlatform = null, AppendWakeup? wakeup = null)
    {
        await using var propagation = await ProjectionPropagation.StartAsync(dataSource, overridePlatform, wakeup);
        // Warm-up, not counted: the daemon, the projection and the code paths are running before the clock starts.
        await propagation.MeasureAsync(PropagationCommands / 5, PropagationPerSecond, ProjectionPoll);
        var delays = await propagation.MeasureAsync(commands, PropagationPerSecond, ProjectionPoll);
        delays.Sort();
        var p99 = delays[(int)Math.Ceiling(delays.Count * 0.99) - 1];
        Progress.Report($"propagation ({how}, {delays.Count:N0} commands): p50 {delays[delays.Count / 2]:F1} ms, p99 {p99:F1} ms, " +
            $"min {delays[0]:F1} ms, max {delays[^1]:F1} ms");
        return p99;
    }

    private static async Task<double> MeasureRelayAsync(string database, Uri rabbitMq)
    {
        await using var relay = await RelayBenchmark.StartAsync(database, rabbitMq);
        Progress.Report($"relay: 40,000 events of 2,000 streams, one event per stream per transaction, pages of {relay.BatchSize:N0}, publisher confirms ...");
        var interleaved = await relay.MeasureAsync(streams: 2_000, eventsPerStream: 20, eventsPerStreamPerTransaction: 1);
        ReportRelay(interleaved);
        Progress.Report("relay (information): 20,000 events of 2,000 streams, ten events per stream per transaction (less to overlap) ...");
        ReportRelay(await relay.MeasureAsync(streams: 2_000, eventsPerStream: 10, eventsPerStreamPerTransaction: 10));
        return interleaved.MessagesPerSecond;
    }

    private static void ReportRelay(RelayBenchmark.Measurement measurement) =>
        Progress.Report($"relay: {measurement.MessagesPerSecond:F0} messages/s (first page committed {measurement.FirstPage.TotalMilliseconds:F0} ms after the daemon resumed)");

    /// <summary>Setup, not measured: a freshly loaded table has no statistics and no visibility map until autovacuum comes by.</summary>
    private static async Task VacuumAnalyzeAsync(NpgsqlDataSource dataSource, string schema)
    {
        foreach (var table in new[] { "mt_events", "mt_streams", "platform_event_hashes" })
        {
            await using var command = dataSource.CreateCommand($"VACUUM ANALYZE {schema}.{table}");
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {LargeStoreSchema}.{table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
