using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Npgsql;
using Platform.EventSourcing.Hosting;

namespace Platform.Bench;

/// <summary>The propagation benchmark's read model: one row per need, in mt_doc_needsummary.</summary>
public sealed class NeedSummary
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public int Events { get; set; }
}

/// <summary>
/// How long a command's events take to show in an async projection run by Marten's daemon, woken by LISTEN/NOTIFY
/// as the platform configures it. Commands raise needs (a new stream each) on a schedule; one connection polls the
/// projection's table; the delay runs from the command's commit (SaveChangesAsync returned) to the end of the poll
/// that found its row.
/// </summary>
internal sealed class ProjectionPropagation : IAsyncDisposable
{
    public const string Schema = "propagation_bench";

    private readonly DocumentStore store;
    private readonly IProjectionDaemon daemon;
    private readonly NpgsqlDataSource dataSource;

    private ProjectionPropagation(DocumentStore store, IProjectionDaemon daemon, NpgsqlDataSource dataSource)
    {
        this.store = store;
        this.daemon = daemon;
        this.dataSource = dataSource;
    }

    /// <summary>A store with <see cref="NeedSummaryProjection"/> as an async projection, and its daemon running.</summary>
    public static async Task<ProjectionPropagation> StartAsync(
        NpgsqlDataSource dataSource, Action<StoreOptions>? overridePlatform = null, AppendWakeup? wakeup = null)
    {
        var store = await MartenBenchStore.CreateAsync(dataSource, Schema,
            options => options.Projections.Add<NeedSummaryProjection>(ProjectionLifecycle.Async), overridePlatform, wakeup);
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(NeedSummary));
        var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        return new ProjectionPropagation(store, daemon, dataSource);
    }

    /// <summary>
    /// Raises <paramref name="count"/> needs at <paramref name="perSecond"/> (each on its schedule, whether or not the
    /// previous one has committed) while one connection polls the projection every <paramref name="pollInterval"/>
    /// for all needs not seen yet, in one query. Returns each need's delay in milliseconds.
    /// </summary>
    public Task<List<double>> MeasureAsync(int count, double perSecond, TimeSpan pollInterval) =>
        ScheduledPropagation.MeasureAsync(dataSource, $"SELECT id FROM {Schema}.mt_doc_needsummary WHERE tenant_id = $1 AND id = ANY($2)",
            BenchEvents.Tenant, _ => RaiseAsync(), count, perSecond, pollInterval);

    /// <summary>A command: a new need's stream, its first event, committed.</summary>
    private async Task<string> RaiseAsync()
    {
        var need = Guid.CreateVersion7();
        var streamId = EventLoader.StreamId(need);
        await using var session = BenchEvents.Stamped(store.LightweightSession(BenchEvents.Tenant));
        session.Events.StartStream(streamId, BenchEvents.Event(need, 1));
        await session.SaveChangesAsync();
        return streamId;
    }

    public async ValueTask DisposeAsync()
    {
        await daemon.StopAllAsync();
        daemon.Dispose();
        await store.DisposeAsync();
    }

    /// <summary>A need's summary, kept by Marten's daemon behind the log (async lifecycle).</summary>
    public sealed class NeedSummaryProjection : SingleStreamProjection<NeedSummary, string>
    {
        public static NeedSummary Create(IEvent<NeedRaised> raised) => new() { Id = raised.StreamKey!, Title = raised.Data.Title, Events = 1 };

        public static NeedSummary Apply(NeedAssigned _, NeedSummary summary)
        {
            summary.Events++;
            return summary;
        }

        public static NeedSummary Apply(NeedClosed _, NeedSummary summary)
        {
            summary.Events++;
            return summary;
        }
    }
}
