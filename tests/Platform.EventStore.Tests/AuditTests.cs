using Platform.EventStore.Tests.Support;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class AuditTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_an_untouched_stream_with_awkward_json_When_verifying_it_Then_the_chain_recomputed_from_jsonb_is_intact()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("引号\"、反斜杠\\、换行\n、表情😀", "310101"), new Measurement(1.50m, 1e21, -0.0, [3, 2, 1]));

        await using var session = store.OpenSession();
        var verification = await session.VerifyStreamAsync("case-1");

        Assert.Equal(new StreamVerification("case-1", true, null, 2), verification);
    }

    [Fact]
    public async Task Given_an_event_whose_data_was_changed_in_SQL_When_verifying_the_stream_Then_that_version_is_named()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"), new NoteAdded("金额 100 元"), new NoteAdded("d"));

        await store.ExecuteAsync("""UPDATE {schema}.events SET data = '{"text": "金额 1 元"}' WHERE stream_id = 'case-1' AND version = 3""");
        await using var session = store.OpenSession();
        var verification = await session.VerifyStreamAsync("case-1");

        Assert.Equal(new StreamVerification("case-1", false, 3, 3), verification);
    }

    [Fact]
    public async Task Given_a_rewrite_that_only_reformats_the_jsonb_When_verifying_Then_the_stream_is_still_intact()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));

        await store.ExecuteAsync("""UPDATE {schema}.events SET data = ('{ "district" : "310101",' || '"title":"a" }')::jsonb WHERE version = 1""");
        await using var session = store.OpenSession();

        Assert.True((await session.VerifyStreamAsync("case-1")).IsIntact);
    }

    [Fact]
    public async Task Given_tampered_metadata_timestamp_or_a_deleted_last_event_When_verifying_Then_each_is_caught()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        foreach (var stream in new[] { "actor", "time", "tail" })
            await store.AppendAsync(stream, new CaseOpened("a", "310101"), new NoteAdded("b"), new NoteAdded("c"));

        await store.ExecuteAsync("UPDATE {schema}.events SET actor = '李四' WHERE stream_id = 'actor' AND version = 2");
        await store.ExecuteAsync("""UPDATE {schema}.events SET "timestamp" = "timestamp" - interval '1 day' WHERE stream_id = 'time' AND version = 1""");
        await store.ExecuteAsync("DELETE FROM {schema}.events WHERE stream_id = 'tail' AND version = 3");
        await using var session = store.OpenSession();

        Assert.Equal(2, (await session.VerifyStreamAsync("actor")).FirstBrokenVersion);
        Assert.Equal(1, (await session.VerifyStreamAsync("time")).FirstBrokenVersion);
        Assert.Equal(3, (await session.VerifyStreamAsync("tail")).FirstBrokenVersion);
    }

    [Fact]
    public async Task Given_a_verified_store_When_new_events_arrive_and_one_is_tampered_Then_verification_continues_from_the_checkpoint_and_names_it()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));
        await store.AppendAsync("case-2", new CaseOpened("c", "310101"));
        await using var session = store.OpenSession();
        var first = await session.VerifyStoreAsync();
        var nothingNew = await session.VerifyStoreAsync();

        var added = await store.AppendAsync("case-1", new NoteAdded("d"), new NoteAdded("e"), new NoteAdded("f"));
        await store.ExecuteAsync($"""UPDATE {"{schema}"}.events SET data = '{"{"}"text": "forged"{"}"}' WHERE seq = {added[1].Sequence}""");
        var afterTamper = await session.VerifyStoreAsync();
        var again = await session.VerifyStoreAsync();

        Assert.Equal((true, 3L), (first.IsIntact, first.EventsChecked));
        Assert.Equal((true, 0L, first.VerifiedUpTo), (nothingNew.IsIntact, nothingNew.EventsChecked, nothingNew.VerifiedUpTo));
        Assert.False(afterTamper.IsIntact);
        Assert.Equal(2, afterTamper.EventsChecked);
        Assert.Equal((added[1].Sequence, "case-1", 4L), (afterTamper.FirstBroken!.Sequence, afterTamper.FirstBroken.StreamId, afterTamper.FirstBroken.Version));
        Assert.Equal(LogPosition.Of(added[0]), afterTamper.VerifiedUpTo);
        Assert.Equal((false, 1L, added[1].Sequence), (again.IsIntact, again.EventsChecked, again.FirstBroken!.Sequence));
    }

    [Fact]
    public async Task Given_two_tenants_When_verifying_across_tenants_Then_one_checkpoint_covers_both_and_tenant_checkpoints_stay_their_own()
    {
        await using var store = await TestStore.CreateAsync(infrastructure.PostgresConnectionString);
        foreach (var district in new[] { "310101", "310104" })
        {
            await using var writer = store.Store.OpenSession(district);
            writer.StartStream("case-1", new CaseOpened("a", district), new NoteAdded("b"));
            await writer.SaveChangesAsync();
        }

        var all = await store.Store.Admin.VerifyStoreAcrossTenantsAsync();
        var allAgain = await store.Store.Admin.VerifyStoreAcrossTenantsAsync();
        await using var tenantSession = store.Store.OpenSession("310104");
        var tenant = await tenantSession.VerifyStoreAsync();

        Assert.Equal((true, 4L), (all.IsIntact, all.EventsChecked));
        Assert.Equal(0, allAgain.EventsChecked);
        Assert.Equal((true, 2L), (tenant.IsIntact, tenant.EventsChecked));
    }

    [EventType("test.measurement.v1")]
    public sealed record Measurement(decimal Amount, double Large, double NegativeZero, int[] Values);
}
