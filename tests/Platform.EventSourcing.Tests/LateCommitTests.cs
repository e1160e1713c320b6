using System.Collections.Concurrent;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Aggregation;
using Marten.Services;
using Marten.Subscriptions;
using Platform.EventSourcing.Tests.Support;
using Platform.Testing;

namespace Platform.EventSourcing.Tests;

/// <summary>
/// Marten's daemon, set up as the platform sets it up, never skips events whose transaction took its sequence
/// numbers early and committed late, and passes the hole a rolled-back append leaves.
/// </summary>
public sealed class LateCommitTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private const string Tenant = MartenTestStore.Tenant;
    private static readonly TimeSpan LateCommitHold = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Given_a_transaction_that_appends_first_and_commits_10_seconds_after_others_When_the_daemon_runs_Then_every_projection_and_subscription_gets_its_events()
    {
        var subscription = new RecordingSubscription();
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString, options => Register(options, subscription));
        using var daemon = await StartDaemonAsync(store);

        await using var lateConnection = await store.DataSource.OpenConnectionAsync();
        await using var lateTransaction = await lateConnection.BeginTransactionAsync();
        await using (var late = store.Store.LightweightSession(SessionWithin(lateTransaction)))
        {
            late.Events.StartStream("case-late", new CaseOpened("迟到的事务", "310101"), new NoteAdded("先取得序号"));
            await late.SaveChangesAsync();
        }
        for (var i = 0; i < 20; i++) await store.AppendAsync($"case-{i}", new CaseOpened($"案件 {i}", "310101"));
        await Task.Delay(LateCommitHold);

        Assert.DoesNotContain(subscription.Streams, stream => stream == "case-late");
        await lateTransaction.CommitAsync();
        await store.Store.WaitForNonStaleProjectionDataAsync(CatchUpLimit);

        Assert.Equal(2, subscription.Streams.Count(stream => stream == "case-late"));
        Assert.Equal(20, subscription.Streams.Count(stream => stream.StartsWith("case-", StringComparison.Ordinal) && stream != "case-late"));
        await using var query = store.Store.QuerySession(Tenant);
        var summary = await query.LoadAsync<CaseSummary>("case-late");
        Assert.Equal(("迟到的事务", 1), (summary?.Title, summary?.Notes));
        Assert.Equal(21, await query.Query<CaseSummary>().CountAsync());
        // Marten may record the mark's jump past the commit as a skip range; what must not exist is a range that
        // passed a sequence number no event holds, since every number here belongs to a committed event.
        Assert.Equal(0L, await store.ScalarAsync<long>("""
            SELECT coalesce(sum(skip.ending_sequence - skip.starting_sequence - (
                   SELECT count(*) FROM {schema}.mt_events AS event
                    WHERE event.seq_id > skip.starting_sequence AND event.seq_id <= skip.ending_sequence)), 0)::bigint
              FROM {schema}.mt_high_water_skips AS skip
            """));
    }

    [Fact]
    public async Task Given_appends_that_rolled_back_and_left_holes_When_the_daemon_catches_up_Then_it_passes_the_holes_and_projects_what_came_after()
    {
        var subscription = new RecordingSubscription();
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString, options => Register(options, subscription));
        using var daemon = await StartDaemonAsync(store);

        await store.AppendAsync("case-before", new CaseOpened("之前", "310101"));
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await store.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var session = store.Store.LightweightSession(SessionWithin(transaction)))
            {
                session.Events.StartStream($"case-rolled-back-{i}", new CaseOpened("回滚", "310101"));
                await session.SaveChangesAsync();
            }
            await transaction.RollbackAsync();
        }
        await store.AppendAsync("case-after", new CaseOpened("之后", "310101"));

        await store.Store.WaitForNonStaleProjectionDataAsync(CatchUpLimit);

        Assert.Equal(["case-before", "case-after"], subscription.Streams);
        await using var query = store.Store.QuerySession(Tenant);
        Assert.NotNull(await query.LoadAsync<CaseSummary>("case-after"));
    }

    private static async Task<IProjectionDaemon> StartDaemonAsync(MartenTestStore store)
    {
        var daemon = await store.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        return daemon;
    }

    private static void Register(StoreOptions options, RecordingSubscription subscription)
    {
        options.Projections.Add<CaseSummaryProjection>(ProjectionLifecycle.Async);
        options.Events.Subscribe(subscription, registration => registration.Name = "recording");
    }

    private static SessionOptions SessionWithin(Npgsql.NpgsqlTransaction transaction)
    {
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = Tenant;
        return options;
    }

    public sealed class CaseSummary
    {
        public string Id { get; set; } = "";
        public string Title { get; set; } = "";
        public int Notes { get; set; }
    }

    public sealed class CaseSummaryProjection : SingleStreamProjection<CaseSummary, string>
    {
        public static CaseSummary Create(IEvent<CaseOpened> opened) => new() { Id = opened.StreamKey!, Title = opened.Data.Title };

        public static CaseSummary Apply(NoteAdded _, CaseSummary summary)
        {
            summary.Notes++;
            return summary;
        }
    }

    /// <summary>Remembers the stream of every event it was fed, in the order it was fed them.</summary>
    public sealed class RecordingSubscription : SubscriptionBase
    {
        private readonly ConcurrentQueue<string> streams = new();

        public IReadOnlyList<string> Streams => [.. streams];

        public override Task<IChangeListener> ProcessEventsAsync(
            EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
        {
            foreach (var @event in page.Events) streams.Enqueue(@event.StreamKey!);
            return Task.FromResult(NullChangeListener.Instance);
        }
    }
}
