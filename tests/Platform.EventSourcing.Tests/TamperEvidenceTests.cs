using Platform.EventSourcing.Audit;
using Platform.EventSourcing.Tests.Support;
using Platform.Testing;

namespace Platform.EventSourcing.Tests;

/// <summary>What an auditor's verify finds after someone with write access to the database changed history.</summary>
public sealed class TamperEvidenceTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private const string Tenant = MartenTestStore.Tenant;

    [Fact]
    public async Task Given_an_untouched_stream_with_awkward_json_When_verifying_it_Then_the_chain_is_intact()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("引号\"、反斜杠\\、换行\n、表情😀", "310101"), new Measurement(1.50m, 1e21, -0.0, [3, 2, 1]));

        var verification = await new StreamAuditor(store.Store).VerifyStreamAsync(Tenant, "case-1");

        Assert.Equal(new StreamVerification("case-1", true, null, 2), verification);
    }

    [Fact]
    public async Task Given_every_event_When_it_is_appended_Then_a_hash_is_kept_for_it_in_the_platforms_own_table()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));
        await store.AppendAsync("case-2", new CaseOpened("c", "310101"));

        Assert.Equal(3L, await store.ScalarAsync<long>("SELECT count(*) FROM {schema}.platform_event_hashes"));
        Assert.Equal(3L, await store.ScalarAsync<long>(
            "SELECT count(*) FROM {schema}.platform_event_hashes h JOIN {schema}.mt_events e USING (seq_id) WHERE length(h.hash) = 32"));
    }

    [Fact]
    public async Task Given_an_event_whose_data_was_changed_in_SQL_When_verifying_the_stream_Then_that_version_is_named()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"), new NoteAdded("金额 100 元"), new NoteAdded("d"));

        await store.ExecuteAsync("""UPDATE {schema}.mt_events SET data = '{"text": "金额 1 元"}' WHERE stream_id = 'case-1' AND version = 3""");
        var verification = await new StreamAuditor(store.Store).VerifyStreamAsync(Tenant, "case-1");

        Assert.False(verification!.IsIntact);
        Assert.Equal(3, verification.FirstBrokenVersion);
    }

    [Fact]
    public async Task Given_a_rewrite_that_only_reformats_the_jsonb_When_verifying_Then_the_stream_is_still_intact()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));

        await store.ExecuteAsync("""UPDATE {schema}.mt_events SET data = ('{ "district" : "310101",' || '"title":"a" }')::jsonb WHERE version = 1""");

        Assert.True((await new StreamAuditor(store.Store).VerifyStreamAsync(Tenant, "case-1"))!.IsIntact);
    }

    [Theory]
    [InlineData("actor", "UPDATE {schema}.mt_events SET user_name = '李四' WHERE stream_id = 'actor' AND version = 2", 2)]
    [InlineData("time", """UPDATE {schema}.mt_events SET "timestamp" = "timestamp" - interval '1 day' WHERE stream_id = 'time' AND version = 1""", 1)]
    [InlineData("type", "UPDATE {schema}.mt_events SET type = 'case_closed' WHERE stream_id = 'type' AND version = 2", 2)]
    [InlineData("correlation", "UPDATE {schema}.mt_events SET correlation_id = 'other' WHERE stream_id = 'correlation' AND version = 3", 3)]
    [InlineData("headers", """UPDATE {schema}.mt_events SET headers = '{"ip": "10.0.0.1"}' WHERE stream_id = 'headers' AND version = 1""", 1)]
    [InlineData("tail", "DELETE FROM {schema}.mt_events WHERE stream_id = 'tail' AND version = 3", 3)]
    [InlineData("middle", "DELETE FROM {schema}.mt_events WHERE stream_id = 'middle' AND version = 2", 2)]
    [InlineData("tail-and-hash", """
        DELETE FROM {schema}.mt_events WHERE stream_id = 'tail-and-hash' AND version = 3;
        DELETE FROM {schema}.platform_event_hashes WHERE stream_id = 'tail-and-hash' AND version = 3;
        """, 3)]
    [InlineData("middle-and-hash", """
        DELETE FROM {schema}.mt_events WHERE stream_id = 'middle-and-hash' AND version = 2;
        DELETE FROM {schema}.platform_event_hashes WHERE stream_id = 'middle-and-hash' AND version = 2;
        """, 2)]
    [InlineData("forged-hash", "UPDATE {schema}.platform_event_hashes SET hash = sha256('x') WHERE stream_id = 'forged-hash' AND version = 2", 2)]
    public async Task Given_one_kind_of_tampering_When_verifying_the_stream_Then_the_first_altered_version_is_named(
        string streamId, string tampering, long expectedVersion)
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync(streamId, new CaseOpened("a", "310101"), new NoteAdded("b"), new NoteAdded("c"));
        await store.AppendAsync("bystander", new CaseOpened("untouched", "310101"));

        await store.ExecuteAsync(tampering);
        var auditor = new StreamAuditor(store.Store);
        var verification = await auditor.VerifyStreamAsync(Tenant, streamId);

        Assert.False(verification!.IsIntact);
        Assert.Equal(expectedVersion, verification.FirstBrokenVersion);
        Assert.False(string.IsNullOrEmpty(verification.Finding));
        Assert.True((await auditor.VerifyStreamAsync(Tenant, "bystander"))!.IsIntact);
    }

    [Fact]
    public async Task Given_streams_of_two_districts_When_verifying_Then_each_district_sees_only_its_own()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"));
        await using (var other = store.OpenSession("310102"))
        {
            other.Events.Append("case-1", new CaseOpened("b", "310102"), new NoteAdded("c"));
            await other.SaveChangesAsync();
        }

        var auditor = new StreamAuditor(store.Store);

        Assert.Equal(1, (await auditor.VerifyStreamAsync(Tenant, "case-1"))!.EventsChecked);
        Assert.Equal(2, (await auditor.VerifyStreamAsync("310102", "case-1"))!.EventsChecked);
        Assert.Null(await auditor.VerifyStreamAsync("310103", "case-1"));
    }

    [Fact]
    public async Task Given_an_archived_stream_When_an_auditor_reads_and_verifies_it_Then_the_whole_history_is_there_and_intact()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"), new CaseClosed("办结"));
        await using (var session = store.OpenSession())
        {
            session.Events.ArchiveStream("case-1");
            await session.SaveChangesAsync();
        }

        await using (var session = store.OpenSession())
        {
            // Marten's own read leaves archived streams out: the reason the auditor reads for itself.
            Assert.Empty(await session.Events.FetchStreamAsync("case-1"));
        }
        var auditor = new StreamAuditor(store.Store);
        var history = await auditor.ReadHistoryAsync(Tenant, "case-1");

        Assert.Equal([typeof(CaseOpened), typeof(NoteAdded), typeof(CaseClosed)], history.Select(e => e.Data.GetType()));
        Assert.All(history, e => Assert.Equal("张三", e.UserName));
        Assert.True((await auditor.VerifyStreamAsync(Tenant, "case-1"))!.IsIntact);
    }

    [Fact]
    public async Task Given_a_history_When_reading_it_up_to_a_version_or_an_instant_Then_only_what_was_there_then_comes_back()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));
        var auditor = new StreamAuditor(store.Store);
        var instant = (await auditor.ReadHistoryAsync(Tenant, "case-1"))[^1].Timestamp;
        await store.AppendAsync("case-1", new NoteAdded("c"));

        Assert.Equal(2, (await auditor.ReadHistoryAsync(Tenant, "case-1", toTimestamp: instant)).Count);
        Assert.Single(await auditor.ReadHistoryAsync(Tenant, "case-1", toVersion: 1));
        Assert.Equal(3, (await auditor.ReadHistoryAsync(Tenant, "case-1")).Count);
    }
}
