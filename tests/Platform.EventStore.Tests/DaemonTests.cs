using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Platform.EventStore.Tests.Support;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class DaemonTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_a_transaction_that_took_lower_sequences_but_commits_last_When_the_daemon_runs_before_and_after_its_commit_Then_its_events_are_projected_not_skipped()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var (projection, daemon) = await DaemonWithProjectionAsync(store);
        await using var _ = daemon;
        await using var connectionA = await store.DataSource.OpenConnectionAsync();
        await using var connectionB = await store.DataSource.OpenConnectionAsync();
        await using var transactionB = await connectionB.BeginTransactionAsync();
        await using (var takeXid = new NpgsqlCommand("SELECT pg_current_xact_id()", connectionB)) await takeXid.ExecuteScalarAsync();
        await using var transactionA = await connectionA.BeginTransactionAsync();

        // A appends first (lower sequence) and stays open; B (older transaction id) appends later and commits.
        var eventsOfA = await AppendInAsync(store, transactionA, "case-a", new CaseOpened("A", "310101"));
        var eventsOfB = await AppendInAsync(store, transactionB, "case-b", new CaseOpened("B", "310101"));
        await transactionB.CommitAsync();
        var whileAIsOpen = (await daemon.CatchUpAsync()).Single();
        var projectedWhileAIsOpen = await CaseSummaryProjection.HandledSequencesAsync(store);
        await transactionA.CommitAsync();
        var afterACommitted = (await daemon.CatchUpAsync()).Single();

        Assert.True(eventsOfA[0].Sequence < eventsOfB[0].Sequence);
        Assert.Equal([eventsOfB[0].Sequence], projectedWhileAIsOpen);
        Assert.Equal(LogPosition.Of(eventsOfB[0]), whileAIsOpen.Position);
        Assert.Equal(
            [(CatchUpOutcome.CaughtUp, 1L, 0L), (CatchUpOutcome.CaughtUp, 1L, 0L)],
            new[] { whileAIsOpen, afterACommitted }.Select(pass => (pass.Outcome, pass.EventsProcessed, pass.EventsSkipped)));
        Assert.Equal(LogPosition.Of(eventsOfA[0]), afterACommitted.Position);
        Assert.Equal(new[] { eventsOfA[0].Sequence, eventsOfB[0].Sequence }.Order(), await CaseSummaryProjection.HandledSequencesAsync(store));
        Assert.Equal(2, projection.Handled.Count);
    }

    [Fact]
    public async Task Given_an_open_transaction_with_the_oldest_id_When_later_transactions_commit_Then_the_daemon_does_not_advance_past_it()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var (_, daemon) = await DaemonWithProjectionAsync(store);
        await using var __ = daemon;
        var before = await store.AppendAsync("case-0", new CaseOpened("before", "310101"));
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var open = await connection.BeginTransactionAsync();
        var eventsOfOpen = await AppendInAsync(store, open, "case-open", new CaseOpened("open", "310101"));
        var later = await store.AppendAsync("case-later", new CaseOpened("later", "310101"));

        var whileOpen = (await daemon.CatchUpAsync()).Single();
        var projectedWhileOpen = await CaseSummaryProjection.HandledSequencesAsync(store);
        await open.CommitAsync();
        var afterCommit = (await daemon.CatchUpAsync()).Single();

        Assert.Equal([before[0].Sequence], projectedWhileOpen);
        Assert.Equal(LogPosition.Of(before[0]), whileOpen.Position);
        Assert.Equal((2L, 0L), (afterCommit.EventsProcessed, afterCommit.EventsSkipped));
        Assert.Equal(new[] { before[0].Sequence, eventsOfOpen[0].Sequence, later[0].Sequence }, await CaseSummaryProjection.HandledSequencesAsync(store));
    }

    [Fact]
    public async Task Given_a_long_write_transaction_in_another_database_of_the_cluster_When_the_daemon_catches_up_Then_it_is_not_held_back()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var (_, daemon) = await DaemonWithProjectionAsync(store);
        await using var __ = daemon;
        await using var neighbour = new NpgsqlConnection(await infrastructure.CreateDatabaseAsync("neighbour"));
        await neighbour.OpenAsync();
        await using var longTransaction = await neighbour.BeginTransactionAsync();
        await using (var takeXid = new NpgsqlCommand("SELECT pg_current_xact_id()", neighbour)) await takeXid.ExecuteScalarAsync();

        var appended = await store.AppendAsync("case-1", new CaseOpened("a", "310101"));
        var pass = (await daemon.CatchUpAsync()).Single();

        Assert.Equal((1L, LogPosition.Of(appended[0])), (pass.EventsProcessed, pass.Position));
    }

    [Fact]
    public async Task Given_rolled_back_appends_that_left_holes_in_the_sequence_When_the_daemon_catches_up_once_Then_it_passes_the_holes()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var (_, daemon) = await DaemonWithProjectionAsync(store, options => options.BatchSize = 2);
        await using var __ = daemon;
        var first = await store.AppendAsync("case-1", new CaseOpened("a", "310101"));
        await using (var connection = await store.DataSource.OpenConnectionAsync())
        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await AppendInAsync(store, rolledBack, "case-2", new CaseOpened("never", "310101"), new NoteAdded("never"), new NoteAdded("never"));
            await rolledBack.RollbackAsync();
        }
        var after = await store.AppendAsync("case-3", new CaseOpened("b", "310101"), new NoteAdded("c"));

        var pass = (await daemon.CatchUpAsync()).Single();

        Assert.Equal(first[0].Sequence + 4, after[0].Sequence);
        Assert.Equal((CatchUpOutcome.CaughtUp, 3L, LogPosition.Of(after[1])), (pass.Outcome, pass.EventsProcessed, pass.Position));
        Assert.Equal([first[0].Sequence, after[0].Sequence, after[1].Sequence], await CaseSummaryProjection.HandledSequencesAsync(store));
    }

    [Fact]
    public async Task Given_a_projection_built_live_When_it_is_rebuilt_from_zero_Then_it_equals_the_live_one()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var (_, daemon) = await DaemonWithProjectionAsync(store, options => options.BatchSize = 3);
        await using var __ = daemon;
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync($"case-{i}", new CaseOpened($"案件 {i}", "310101"));
            await daemon.CatchUpAsync();
            await store.AppendAsync($"case-{i}", Enumerable.Range(0, i).Select(note => (object)new NoteAdded($"{note}")).Append(new CaseClosed("ok")).ToArray());
            await daemon.CatchUpAsync();
        }
        var live = await CaseSummaryProjection.SummariesAsync(store);
        var liveHandled = await CaseSummaryProjection.HandledSequencesAsync(store);

        await daemon.RequestRebuildAsync("case-summaries");
        var rebuild = (await daemon.CatchUpAsync()).Single();

        Assert.Equal(5, live.Count);
        Assert.Equal(live, await CaseSummaryProjection.SummariesAsync(store));
        Assert.Equal(liveHandled, await CaseSummaryProjection.HandledSequencesAsync(store));
        Assert.Equal(liveHandled.Count, rebuild.EventsProcessed);
        Assert.False((await store.Store.Admin.GetSubscriptionsAsync()).Single().RebuildRequested);
    }

    [Fact]
    public async Task Given_a_poison_event_and_the_skip_policy_When_the_daemon_runs_Then_it_is_dead_lettered_skipped_and_health_is_degraded()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var poisoned = new PoisonedProjection($"poisoned-{Guid.NewGuid():N}");
        await using var daemon = new ProjectionDaemon(store.Store,
            [new SubscriptionRegistration(poisoned, new SubscriptionOptions { MaxRetries = 2, RetryDelay = TimeSpan.Zero, OnPoisonEvent = PoisonEventPolicy.SkipEvent })]);
        var events = await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded(PoisonedProjection.Poison), new NoteAdded("fine"));
        using var metrics = new MetricsRecorder(subscription: poisoned.Name);

        var pass = (await daemon.CatchUpAsync()).Single();
        var deadLetter = (await store.Store.Admin.GetDeadLettersAsync(poisoned.Name)).Single();
        var health = await new EventStoreHealthCheck(store.Store).CheckHealthAsync(HealthContext());

        Assert.Equal((CatchUpOutcome.CaughtUp, 2L, 1L, 1L, LogPosition.Of(events[2])),
            (pass.Outcome, pass.EventsProcessed, pass.EventsSkipped, pass.DeadLetters, pass.Position));
        Assert.Equal(["a", "fine"], poisoned.Committed);
        Assert.Equal((events[1].Sequence, "test.note-added.v1", 3, true), (deadLetter.Sequence, deadLetter.EventType, deadLetter.Attempts, deadLetter.Skipped));
        Assert.Contains(PoisonedProjection.Poison, deadLetter.Error);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(2, metrics.Sum("platform.eventstore.events_processed"));
        Assert.Equal(1, metrics.Sum("platform.eventstore.dead_letters"));

        await store.Store.Admin.ClearDeadLettersAsync(poisoned.Name);
        Assert.Equal(HealthStatus.Healthy, (await new EventStoreHealthCheck(store.Store).CheckHealthAsync(HealthContext())).Status);
    }

    [Fact]
    public async Task Given_a_poison_event_and_the_stop_policy_When_the_daemon_runs_Then_it_stops_before_it_until_resumed()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var poisoned = new PoisonedProjection("poisoned");
        await using var daemon = new ProjectionDaemon(store.Store,
            [new SubscriptionRegistration(poisoned, new SubscriptionOptions { MaxRetries = 1, RetryDelay = TimeSpan.Zero })]);
        var events = await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded(PoisonedProjection.Poison), new NoteAdded("fine"));

        var stopping = (await daemon.CatchUpAsync()).Single();
        var stillStopped = (await daemon.CatchUpAsync()).Single();
        var state = (await store.Store.Admin.GetSubscriptionsAsync()).Single();
        var health = await new EventStoreHealthCheck(store.Store).CheckHealthAsync(HealthContext());
        poisoned.Cured = true;
        await daemon.ResumeAsync("poisoned");
        var resumed = (await daemon.CatchUpAsync()).Single();

        Assert.Equal((CatchUpOutcome.Stopped, 1L, 0L, 1L, LogPosition.Of(events[0])),
            (stopping.Outcome, stopping.EventsProcessed, stopping.EventsSkipped, stopping.DeadLetters, stopping.Position));
        Assert.Equal((CatchUpOutcome.Stopped, 0L), (stillStopped.Outcome, stillStopped.EventsProcessed));
        Assert.True(state.IsStopped);
        Assert.Contains($"Event {events[1].Sequence}", state.StoppedReason);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("poisoned", health.Description);
        Assert.Equal((CatchUpOutcome.CaughtUp, 2L), (resumed.Outcome, resumed.EventsProcessed));
        Assert.Equal(["a", PoisonedProjection.Poison, "fine"], poisoned.Committed);
    }

    [Fact]
    public async Task Given_an_archived_stream_When_a_projection_runs_Then_its_events_are_left_out_unless_the_projection_asks_for_them()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-old", new CaseOpened("old", "310101"));
        await store.AppendAsync("case-new", new CaseOpened("new", "310101"));
        await using (var session = store.OpenSession()) await session.ArchiveStreamAsync("case-old");
        var byDefault = new RecordingSubscription("default");
        var withArchived = new RecordingSubscription("with-archived");
        await using var daemon = new ProjectionDaemon(store.Store,
        [
            new SubscriptionRegistration(byDefault),
            new SubscriptionRegistration(withArchived, new SubscriptionOptions { IncludeArchivedStreams = true }),
        ]);

        await daemon.CatchUpAsync();

        Assert.Equal(["case-new"], byDefault.Handled.Select(@event => @event.StreamId));
        Assert.Equal(["case-new", "case-old"], withArchived.Handled.Select(@event => @event.StreamId).Order());
    }

    [Fact]
    public async Task Given_a_subscription_that_opts_out_of_deserializing_When_it_runs_Then_it_gets_the_stored_json_text()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var raw = new RecordingSubscription("raw");
        await using var daemon = new ProjectionDaemon(store.Store, [new SubscriptionRegistration(raw, new SubscriptionOptions { DeserializeData = false })]);
        await store.AppendAsync("case-1", new CaseOpened("原文", "310101"));

        await daemon.CatchUpAsync();

        Assert.Equal("""{"title": "原文", "district": "310101"}""", Assert.IsType<string>(raw.Handled.Single().Data));
    }

    private static async Task<(CaseSummaryProjection, ProjectionDaemon)> DaemonWithProjectionAsync(TestStore store, Action<SubscriptionOptions>? configure = null)
    {
        await CaseSummaryProjection.CreateTablesAsync(store.DataSource, store.Schema);
        var projection = new CaseSummaryProjection(store.Schema);
        var options = new SubscriptionOptions();
        configure?.Invoke(options);
        return (projection, new ProjectionDaemon(store.Store, [new SubscriptionRegistration(projection, options)]));
    }

    private static async Task<IReadOnlyList<StoredEvent>> AppendInAsync(TestStore store, NpgsqlTransaction transaction, string streamId, params object[] events)
    {
        await using var session = store.Store.OpenSession(TestStore.Tenant, transaction);
        session.Append(streamId, events);
        return await session.SaveChangesAsync();
    }

    private static HealthCheckContext HealthContext() => new()
    {
        Registration = new HealthCheckRegistration("eventstore", _ => null!, HealthStatus.Degraded, []),
    };

    /// <summary>Fails on every note reading <see cref="Poison"/> until cured; remembers what it committed.</summary>
    private sealed class PoisonedProjection(string name) : IEventSubscription
    {
        public const string Poison = "毒";

        public string Name => name;
        public bool Cured { get; set; }
        public List<string> Committed { get; } = [];

        public Task HandleAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            if (!Cured && events.Any(@event => @event.Data is NoteAdded { Text: Poison })) throw new InvalidOperationException($"Cannot handle {Poison}.");
            // The daemon commits after this returns: record only what will be committed.
            Committed.AddRange(events.Select(@event => @event.Data switch { CaseOpened opened => opened.Title, NoteAdded note => note.Text, _ => "?" }));
            return Task.CompletedTask;
        }
    }

    /// <summary>Sums one subscription's counters as an exporter would see them (other test classes run daemons meanwhile).</summary>
    private sealed class MetricsRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly Dictionary<string, long> sums = [];

        public MetricsRecorder(string subscription)
        {
            listener.InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == ProjectionDaemon.MeterName) meterListener.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key != "subscription" || !Equals(tag.Value, subscription)) continue;
                    lock (sums) sums[instrument.Name] = sums.GetValueOrDefault(instrument.Name) + value;
                }
            });
            listener.Start();
        }

        public long Sum(string instrument)
        {
            lock (sums) return sums.GetValueOrDefault(instrument);
        }

        public void Dispose() => listener.Dispose();
    }
}
