using Npgsql;
using Platform.EventStore.Tests.Support;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class AppendingTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_no_stream_When_starting_it_with_two_events_Then_they_are_stored_as_versions_1_and_2_with_their_envelope()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);

        await using var session = store.OpenSession();
        session.StartStream("case-1", new CaseOpened("井盖缺失", "310101"), new NoteAdded("已派单"));
        var stored = await session.SaveChangesAsync();

        Assert.Equal([1L, 2L], stored.Select(@event => @event.Version));
        Assert.True(stored[1].Sequence > stored[0].Sequence);
        Assert.All(stored, @event =>
        {
            Assert.Equal("case-1", @event.StreamId);
            Assert.Equal(TestStore.Tenant, @event.TenantId);
            Assert.Equal(new EventMetadata("correlation-1", "causation-1", "张三"), @event.Metadata);
            Assert.NotEqual(0UL, @event.TransactionId);
            Assert.Matches("^[0-9a-f]{64}$", @event.Hash);
        });
        var read = await session.FetchStreamAsync("case-1");
        Assert.Equal(stored, read);
        Assert.Equal(new CaseOpened("井盖缺失", "310101"), read[0].Data);
        Assert.Equal("test.case-opened.v2", read[0].EventType);
    }

    [Fact]
    public async Task Given_an_event_with_Chinese_text_When_it_is_stored_Then_the_jsonb_holds_the_characters_unescaped()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);

        await store.AppendAsync("case-1", new CaseOpened("路灯不亮", "310101"));

        var data = await store.ScalarAsync<string>("SELECT data::text FROM {schema}.events");
        Assert.Contains("路灯不亮", data);
    }

    [Fact]
    public async Task Given_an_existing_stream_When_starting_it_again_Then_a_typed_conflict_names_it_and_nothing_is_written()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));

        await using var session = store.OpenSession();
        session.StartStream("case-1", new CaseOpened("again", "310101"));
        var conflict = await Assert.ThrowsAsync<StreamAlreadyExistsException>(() => session.SaveChangesAsync());

        Assert.Equal("case-1", conflict.StreamId);
        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal(2L, await store.ScalarAsync<long>("SELECT count(*) FROM {schema}.events"));
    }

    [Fact]
    public async Task Given_a_stream_at_version_3_When_appending_expecting_version_2_Then_the_concurrency_error_carries_the_current_version()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"), new NoteAdded("c"));

        await using var session = store.OpenSession();
        session.Append("case-1", expectedVersion: 2, new NoteAdded("late"));
        var conflict = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => session.SaveChangesAsync());

        Assert.Equal(("case-1", 2L, 3L), (conflict.StreamId, conflict.ExpectedVersion, conflict.CurrentVersion));
    }

    [Fact]
    public async Task Given_a_stream_at_version_3_When_appending_expecting_version_3_Then_the_events_follow_on()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"), new NoteAdded("c"));

        await using var session = store.OpenSession();
        session.Append("case-1", expectedVersion: 3, new NoteAdded("d"), new CaseClosed("done"));
        var stored = await session.SaveChangesAsync();

        Assert.Equal([4L, 5L], stored.Select(@event => @event.Version));
        Assert.Equal(5, (await session.FetchStreamStateAsync("case-1"))!.Version);
    }

    [Fact]
    public async Task Given_appends_to_two_streams_in_one_session_When_the_second_conflicts_Then_neither_is_written()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-2", new CaseOpened("b", "310101"));

        await using var session = store.OpenSession();
        session.StartStream("case-1", new CaseOpened("a", "310101"));
        session.Append("case-2", expectedVersion: 0, new NoteAdded("stale"));
        var conflict = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => session.SaveChangesAsync());

        Assert.Equal("case-2", conflict.StreamId);
        Assert.Null(await session.FetchStreamStateAsync("case-1"));
        Assert.Equal(1L, await store.ScalarAsync<long>("SELECT count(*) FROM {schema}.events"));
    }

    [Fact]
    public async Task Given_appends_to_two_streams_in_one_session_When_saved_Then_both_commit_in_one_transaction()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);

        await using var session = store.OpenSession();
        session.StartStream("case-1", new CaseOpened("a", "310101"));
        session.StartStream("case-2", new CaseOpened("b", "310101"));
        session.Append("case-2", new NoteAdded("more"));
        var stored = await session.SaveChangesAsync();

        Assert.Equal(3, stored.Count);
        Assert.Single(stored.Select(@event => @event.TransactionId).Distinct());
        Assert.Equal(2, (await session.FetchStreamStateAsync("case-2"))!.Version);
    }

    [Fact]
    public async Task Given_a_locked_stream_When_another_session_appends_Then_it_waits_until_the_lock_holder_commits()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"));

        await using var holder = store.OpenSession();
        var locked = await holder.LockStreamAsync("case-1");
        var state = await holder.AggregateStreamAsync("case-1", CaseFile.Initial, CaseFile.Evolve);
        var contender = store.AppendAsync("case-1", new NoteAdded("contender"));
        // The contender cannot finish while the row is locked: it is still waiting when the holder appends.
        Assert.False(contender.IsCompleted);
        holder.Append("case-1", new NoteAdded($"decided on {state.Title} at version {locked.Version}"));
        var held = await holder.SaveChangesAsync();
        var contended = await contender;

        Assert.Equal(2, held.Single().Version);
        Assert.Equal(3, contended.Single().Version);
    }

    [Fact]
    public async Task Given_a_missing_stream_When_locking_it_Then_a_typed_not_found_error_names_it()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);

        await using var session = store.OpenSession();
        var missing = await Assert.ThrowsAsync<StreamNotFoundException>(() => session.LockStreamAsync("nowhere"));

        Assert.Equal("nowhere", missing.StreamId);
    }

    [Fact]
    public async Task Given_an_archived_stream_When_appending_Then_a_typed_error_refuses_it_and_the_stream_stays_readable_and_intact()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new CaseClosed("done"));
        await using var session = store.OpenSession();
        await session.ArchiveStreamAsync("case-1");

        session.Append("case-1", new NoteAdded("too late"));
        var archived = await Assert.ThrowsAsync<StreamArchivedException>(() => session.SaveChangesAsync());

        Assert.Equal("case-1", archived.StreamId);
        Assert.True((await session.FetchStreamStateAsync("case-1"))!.IsArchived);
        Assert.Equal(2, (await session.FetchStreamAsync("case-1")).Count);
        Assert.True((await session.VerifyStreamAsync("case-1")).IsIntact);
    }

    [Fact]
    public async Task Given_a_stream_of_tenant_A_When_tenant_B_reads_it_Then_B_sees_nothing_and_may_use_the_same_id()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await using var tenantA = store.Store.OpenSession("310101");
        tenantA.StartStream("case-1", new CaseOpened("A 的案件", "310101"));
        await tenantA.SaveChangesAsync();

        await using var tenantB = store.Store.OpenSession("310104");

        Assert.Empty(await tenantB.FetchStreamAsync("case-1"));
        Assert.Null(await tenantB.FetchStreamStateAsync("case-1"));
        Assert.Equal(CaseFile.Initial, await tenantB.AggregateStreamAsync("case-1", CaseFile.Initial, CaseFile.Evolve));
        await Assert.ThrowsAsync<StreamNotFoundException>(() => tenantB.VerifyStreamAsync("case-1"));
        await Assert.ThrowsAsync<StreamNotFoundException>(() => tenantB.ArchiveStreamAsync("case-1"));
        tenantB.StartStream("case-1", new CaseOpened("B 的案件", "310104"));
        await tenantB.SaveChangesAsync();
        Assert.Equal("A 的案件", ((CaseOpened)(await tenantA.FetchStreamAsync("case-1")).Single().Data).Title);
        Assert.Equal("B 的案件", ((CaseOpened)(await tenantB.FetchStreamAsync("case-1")).Single().Data).Title);
    }

    [Fact]
    public async Task Given_an_event_type_without_a_name_When_appending_it_Then_a_typed_error_names_the_CLR_type()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);

        await using var session = store.OpenSession();
        session.StartStream("case-1", new UnnamedEvent());
        var unnamed = await Assert.ThrowsAsync<UnregisteredEventTypeException>(() => session.SaveChangesAsync());

        Assert.Equal(typeof(UnnamedEvent), unnamed.ClrType);
    }

    [Fact]
    public async Task Given_an_inline_projection_When_events_are_appended_Then_it_writes_in_their_transaction_and_fails_with_them()
    {
        var projection = new StreamCounterProjection();
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString, options => options.InlineProjections.Add(projection));
        await store.ExecuteAsync("CREATE TABLE {schema}.stream_counts (stream_id text PRIMARY KEY, events int NOT NULL)");
        projection.Schema = store.Schema;
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));

        await using var session = store.OpenSession();
        session.Append("case-2", new CaseOpened("c", "310101"));
        session.Append("case-1", new NoteAdded(StreamCounterProjection.Rejected));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SaveChangesAsync());

        Assert.Equal(["case-1:2"], await store.ColumnAsync<string>("SELECT stream_id || ':' || events FROM {schema}.stream_counts"));
        Assert.Equal(2L, await store.ScalarAsync<long>("SELECT count(*) FROM {schema}.events"));
        Assert.Null(await session.FetchStreamStateAsync("case-2"));
    }

    [Fact]
    public async Task Given_the_callers_transaction_When_it_rolls_back_Then_the_appended_events_are_gone()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var session = store.Store.OpenSession(TestStore.Tenant, transaction);
            session.StartStream("case-1", new CaseOpened("a", "310101"));
            await session.SaveChangesAsync();
            Assert.Single(await session.FetchStreamAsync("case-1"));
        }

        Assert.Equal(0L, await store.ScalarAsync<long>("SELECT count(*) FROM {schema}.events"));
    }

    public sealed record UnnamedEvent;

    private sealed class StreamCounterProjection : IInlineProjection
    {
        public const string Rejected = "rejected by the projection";

        public string Schema { get; set; } = "";

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            if (events.Any(@event => @event.Data is NoteAdded { Text: Rejected })) throw new InvalidOperationException(Rejected);
            foreach (var stream in events.GroupBy(@event => @event.StreamId))
            {
                await using var command = new NpgsqlCommand(
                    $"INSERT INTO {Schema}.stream_counts VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET events = stream_counts.events + excluded.events",
                    transaction.Connection)
                {
                    Parameters = { new() { Value = stream.Key }, new() { Value = stream.Count() } },
                };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
