using System.Text.Json.Nodes;
using Platform.EventStore.Tests.Support;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class ReadingTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_a_case_with_four_events_When_aggregating_it_at_version_2_and_at_the_end_Then_each_state_folds_only_those_events()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("占道经营", "310101"), new NoteAdded("a"), new NoteAdded("b"), new CaseClosed("resolved"));

        await using var session = store.OpenSession();

        Assert.Equal(new CaseFile("占道经营", "310101", 1, false),
            await session.AggregateStreamAsync("case-1", CaseFile.Initial, CaseFile.Evolve, toVersion: 2));
        Assert.Equal(new CaseFile("占道经营", "310101", 2, true),
            await session.AggregateStreamAsync("case-1", CaseFile.Initial, CaseFile.Evolve));
        Assert.Equal([1L, 2L], (await session.FetchStreamAsync("case-1", toVersion: 2)).Select(@event => @event.Version));
    }

    [Fact]
    public async Task Given_events_appended_at_three_moments_When_aggregating_as_of_a_time_Then_only_events_up_to_that_time_count()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        var opened = (await store.AppendAsync("case-1", new CaseOpened("噪音扰民", "310101"))).Single();
        var noted = (await store.AppendAsync("case-1", new NoteAdded("visited"))).Single();
        await store.AppendAsync("case-1", new CaseClosed("resolved"));

        await using var session = store.OpenSession();
        var atSecond = await session.AggregateStreamAsync("case-1", CaseFile.Initial, CaseFile.Evolve, toTimestamp: noted.Timestamp);
        var justBeforeSecond = await session.AggregateStreamAsync(
            "case-1", CaseFile.Initial, CaseFile.Evolve, toTimestamp: noted.Timestamp.AddTicks(-TimeSpan.TicksPerMicrosecond));

        Assert.True(opened.Timestamp < noted.Timestamp);
        Assert.Equal(new CaseFile("噪音扰民", "310101", 1, false), atSecond);
        Assert.Equal(new CaseFile("噪音扰民", "310101", 0, false), justBeforeSecond);
        Assert.Equal(2, (await session.FetchStreamAsync("case-1", toTimestamp: noted.Timestamp)).Count);
    }

    [Fact]
    public async Task Given_events_stored_in_the_old_shape_When_read_by_code_that_upcasts_them_Then_they_arrive_as_the_new_type()
    {
        var schema = "es_" + Guid.NewGuid().ToString("N")[..12];
        await using (var oldService = await TestStore.CreateAsync(infrastructure.PostgresConnectionString,
            options => options.EventTypes.Register<CaseOpenedV1>("test.case-opened.v1"), schema))
        {
            await oldService.AppendAsync("case-1", new CaseOpenedV1("违章搭建", "310101"), new NoteAdded("a"));
        }

        await using var newService = await TestStore.CreateAsync(infrastructure.PostgresConnectionString, options =>
            options.EventTypes.Upcast("test.case-opened.v1", "test.case-opened.v2", json => new JsonObject
            {
                ["title"] = json["name"]!.GetValue<string>(),
                ["district"] = json["area"]!.GetValue<string>(),
            }), schema);
        await using var session = newService.OpenSession();
        var events = await session.FetchStreamAsync("case-1");

        Assert.Equal(new CaseOpened("违章搭建", "310101"), events[0].Data);
        Assert.Equal("test.case-opened.v1", events[0].EventType);
        Assert.Equal(new CaseFile("违章搭建", "310101", 1, false), await session.AggregateStreamAsync("case-1", CaseFile.Initial, CaseFile.Evolve));
        Assert.True((await session.VerifyStreamAsync("case-1")).IsIntact);
    }

    [Fact]
    public async Task Given_a_renamed_type_When_reading_events_stored_under_the_old_name_Then_they_arrive_as_the_new_type()
    {
        var schema = "es_" + Guid.NewGuid().ToString("N")[..12];
        await using (var oldService = await TestStore.CreateAsync(infrastructure.PostgresConnectionString,
            options => options.EventTypes.Register<CaseClosedUnderOldName>("test.case-finished.v1"), schema))
        {
            await oldService.AppendAsync("case-1", new CaseOpened("a", "310101"), new CaseClosedUnderOldName("done"));
        }

        await using var newService = await TestStore.CreateAsync(infrastructure.PostgresConnectionString,
            options => options.EventTypes.Rename("test.case-finished.v1", "test.case-closed.v1"), schema);
        await using var session = newService.OpenSession();

        Assert.Equal(new CaseClosed("done"), (await session.FetchStreamAsync("case-1"))[1].Data);
    }

    [Fact]
    public async Task Given_an_event_of_an_unregistered_type_When_reading_Then_a_typed_error_names_the_type_and_sequence_unless_told_to_skip()
    {
        var schema = "es_" + Guid.NewGuid().ToString("N")[..12];
        long sequence;
        await using (var otherService = await TestStore.CreateAsync(infrastructure.PostgresConnectionString,
            options => options.EventTypes.Register<CaseOpenedV1>("test.case-escalated.v1"), schema))
        {
            sequence = (await otherService.AppendAsync("case-1", new CaseOpened("a", "310101"), new CaseOpenedV1("b", "c")))[1].Sequence;
        }
        await using var strict = await TestStore.CreateAsync(infrastructure.PostgresConnectionString, schema: schema);
        await using var lenient = await TestStore.CreateAsync(infrastructure.PostgresConnectionString, options => options.SkipUnknownEventTypes = true, schema);

        await using var strictSession = strict.OpenSession();
        var unknown = await Assert.ThrowsAsync<UnknownEventTypeException>(() => strictSession.FetchStreamAsync("case-1"));
        await using var lenientSession = lenient.OpenSession();

        Assert.Equal(("test.case-escalated.v1", sequence), (unknown.EventType, unknown.Sequence));
        Assert.Equal([1L], (await lenientSession.FetchStreamAsync("case-1")).Select(@event => @event.Version));
    }

    public sealed record CaseOpenedV1(string Name, string Area);

    public sealed record CaseClosedUnderOldName(string Reason);
}
