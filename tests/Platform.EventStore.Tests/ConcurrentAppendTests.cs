using System.Collections.Concurrent;
using Platform.EventStore.Tests.Support;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class ConcurrentAppendTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private const int Appenders = 16;
    private const int EventsPerAppender = 10;

    [Fact]
    public async Task Given_16_appenders_racing_on_one_stream_with_expected_versions_When_each_retries_on_conflict_Then_every_version_exists_once_and_no_event_is_lost()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("并发", "310101"));
        var conflicts = new ConcurrentBag<WrongExpectedVersionException>();

        await Task.WhenAll(Enumerable.Range(0, Appenders).Select(appender => Task.Run(async () =>
        {
            for (var appended = 0; appended < EventsPerAppender;)
            {
                await using var session = store.OpenSession();
                var version = (await session.FetchStreamStateAsync("case-1"))!.Version;
                session.Append("case-1", version, new NoteAdded($"{appender}:{appended}"));
                try
                {
                    await session.SaveChangesAsync();
                    appended++;
                }
                catch (WrongExpectedVersionException conflict)
                {
                    conflicts.Add(conflict);
                }
            }
        })));

        const int total = 1 + Appenders * EventsPerAppender;
        Assert.Equal(Enumerable.Range(1, total).Select(version => (long)version),
            await store.ColumnAsync<long>("SELECT version FROM {schema}.events WHERE stream_id = 'case-1' ORDER BY version"));
        await using var reader = store.OpenSession();
        var notes = (await reader.FetchStreamAsync("case-1")).Select(@event => @event.Data).OfType<NoteAdded>().Select(note => note.Text).ToList();
        Assert.Equal(Appenders * EventsPerAppender, notes.Distinct().Count());
        Assert.All(Enumerable.Range(0, Appenders), appender =>
            Assert.Equal(EventsPerAppender, notes.Count(text => text.StartsWith($"{appender}:", StringComparison.Ordinal))));
        Assert.NotEmpty(conflicts);
        Assert.All(conflicts, conflict => Assert.True(conflict.CurrentVersion > conflict.ExpectedVersion));
        Assert.True((await reader.VerifyStreamAsync("case-1")).IsIntact);
    }

    [Fact]
    public async Task Given_8_sessions_starting_the_same_stream_at_once_When_they_save_Then_one_wins_and_the_others_get_the_typed_conflict()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(starter => Task.Run(async () =>
        {
            await using var session = store.OpenSession();
            session.StartStream("case-1", new CaseOpened($"starter {starter}", "310101"));
            try
            {
                await session.SaveChangesAsync();
                return "started";
            }
            catch (StreamAlreadyExistsException conflict) when (conflict is { StreamId: "case-1", CurrentVersion: 1 })
            {
                return "conflict";
            }
        })));

        Assert.Equal(1, outcomes.Count(outcome => outcome == "started"));
        Assert.Equal(7, outcomes.Count(outcome => outcome == "conflict"));
        Assert.Equal(1L, await store.ScalarAsync<long>("SELECT count(*) FROM {schema}.events"));
    }

    [Fact]
    public async Task Given_8_sessions_appending_to_a_new_stream_at_once_without_expected_versions_When_they_save_Then_all_events_line_up_in_one_chain()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(appender => Task.Run(() => store.AppendAsync("case-1", new NoteAdded($"{appender}")))));

        await using var session = store.OpenSession();
        Assert.Equal(Enumerable.Range(1, 8).Select(version => (long)version), (await session.FetchStreamAsync("case-1")).Select(@event => @event.Version));
        Assert.True((await session.VerifyStreamAsync("case-1")).IsIntact);
    }
}
