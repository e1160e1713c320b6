using Platform.EventStore.Tests.Support;
using Platform.Testing;

namespace Platform.EventStore.Tests;

/// <summary>Two daemons stand for two instances of a service: each subscription runs on exactly one of them.</summary>
public sealed class LeaderElectionTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_two_daemons_When_both_catch_up_Then_only_the_lock_holder_runs_the_projection()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await CaseSummaryProjection.CreateTablesAsync(store.DataSource, store.Schema);
        await using var first = new ProjectionDaemon(store.Store, [new SubscriptionRegistration(new CaseSummaryProjection(store.Schema))]);
        await using var second = new ProjectionDaemon(store.Store, [new SubscriptionRegistration(new CaseSummaryProjection(store.Schema))]);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));

        var firstPasses = await Task.WhenAll(first.CatchUpAsync(), second.CatchUpAsync());
        await store.AppendAsync("case-1", new NoteAdded("c"));
        var secondPasses = await Task.WhenAll(second.CatchUpAsync(), first.CatchUpAsync());

        var outcomes = firstPasses.Concat(secondPasses).Select(passes => passes.Single()).ToList();
        Assert.Equal(2, outcomes.Count(pass => pass.Outcome == CatchUpOutcome.CaughtUp));
        Assert.Equal(2, outcomes.Count(pass => pass.Outcome == CatchUpOutcome.NotLeader));
        Assert.Equal(3, outcomes.Sum(pass => pass.EventsProcessed));
        Assert.Equal(3, (await CaseSummaryProjection.HandledSequencesAsync(store)).Count);
    }

    [Fact]
    public async Task Given_a_leading_daemon_When_its_lock_connection_is_killed_Then_the_other_daemon_takes_over_where_it_stopped()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await CaseSummaryProjection.CreateTablesAsync(store.DataSource, store.Schema);
        await using var leader = new ProjectionDaemon(store.Store, [new SubscriptionRegistration(new CaseSummaryProjection(store.Schema))]);
        await using var follower = new ProjectionDaemon(store.Store, [new SubscriptionRegistration(new CaseSummaryProjection(store.Schema))]);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"));
        Assert.Equal(CatchUpOutcome.CaughtUp, (await leader.CatchUpAsync()).Single().Outcome);
        Assert.Equal(CatchUpOutcome.NotLeader, (await follower.CatchUpAsync()).Single().Outcome);
        var appended = await store.AppendAsync("case-1", new NoteAdded("b"), new NoteAdded("c"));

        // With a timeout, pg_terminate_backend waits until the backend is gone, and its locks with it.
        var killed = await store.ScalarAsync<long>("""
            SELECT count(pg_terminate_backend(pid, timeout => 10000)) FROM pg_locks
             WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """);
        var takeOver = (await follower.CatchUpAsync()).Single();
        var formerLeader = (await leader.CatchUpAsync()).Single();
        var formerLeaderAgain = (await leader.CatchUpAsync()).Single();

        Assert.Equal(1, killed);
        Assert.Equal((CatchUpOutcome.CaughtUp, 2L, LogPosition.Of(appended[1])), (takeOver.Outcome, takeOver.EventsProcessed, takeOver.Position));
        Assert.Equal((CatchUpOutcome.LeadershipLost, 0L), (formerLeader.Outcome, formerLeader.EventsProcessed));
        Assert.Equal(CatchUpOutcome.NotLeader, formerLeaderAgain.Outcome);
        Assert.Equal(3, (await CaseSummaryProjection.HandledSequencesAsync(store)).Count);
    }

    [Fact]
    public async Task Given_a_leading_daemon_When_it_is_disposed_Then_the_other_daemon_takes_over()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var leader = new ProjectionDaemon(store.Store, [new SubscriptionRegistration(new RecordingSubscription("relay"))]);
        var successor = new RecordingSubscription("relay");
        await using var follower = new ProjectionDaemon(store.Store, [new SubscriptionRegistration(successor)]);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"));
        await leader.CatchUpAsync();
        Assert.Equal(CatchUpOutcome.NotLeader, (await follower.CatchUpAsync()).Single().Outcome);

        await leader.DisposeAsync();
        var appended = await store.AppendAsync("case-1", new NoteAdded("b"));
        var takeOver = (await follower.CatchUpAsync()).Single();

        Assert.Equal(CatchUpOutcome.CaughtUp, takeOver.Outcome);
        Assert.Equal([appended[0].Sequence], successor.Handled.Select(@event => @event.Sequence));
    }
}
