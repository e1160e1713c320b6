using JasperFx;
using Marten;
using Platform.EventSourcing.Audit;
using Platform.EventSourcing.Tests.Support;
using Platform.Testing;

namespace Platform.EventSourcing.Tests;

/// <summary>The hash chain lives beside Marten's tables, and Marten's schema migrations must leave it working.</summary>
public sealed class SchemaMigrationTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private const string Tenant = MartenTestStore.Tenant;

    [Fact]
    public async Task Given_a_column_of_our_own_on_mt_events_When_Marten_migrates_Then_it_is_dropped_which_is_why_the_chain_is_not_a_column()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.ExecuteAsync("ALTER TABLE {schema}.mt_events ADD COLUMN platform_hash bytea");

        await using var migrated = await RebuiltStoreAsync(store, options => options.Schema.For<CaseFile>());

        Assert.Equal(0L, await store.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'mt_events' AND column_name = 'platform_hash'"));
    }

    [Fact]
    public async Task Given_a_chained_stream_When_Marten_migrates_a_changed_configuration_Then_the_chain_survives_and_still_catches_tampering()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"), new NoteAdded("b"));

        // A new document type and every AutoCreate mode: what a service's next release does to the schema.
        await using var migrated = await RebuiltStoreAsync(store, options =>
        {
            options.Schema.For<CaseFile>();
            options.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await using (var session = migrated.LightweightSession(Tenant))
        {
            session.Events.Append("case-1", new NoteAdded("c"));
            session.Store(new CaseFile { Id = "file-1", Title = "卷宗" });
            await session.SaveChangesAsync();
        }
        var auditor = new StreamAuditor(migrated);

        Assert.Equal(new StreamVerification("case-1", true, null, 3), await auditor.VerifyStreamAsync(Tenant, "case-1"));
        await store.ExecuteAsync("""UPDATE {schema}.mt_events SET data = '{"text": "改"}' WHERE stream_id = 'case-1' AND version = 3""");
        Assert.Equal(3, (await auditor.VerifyStreamAsync(Tenant, "case-1"))!.FirstBrokenVersion);
    }

    [Fact]
    public async Task Given_an_applied_schema_When_Marten_compares_it_with_the_configuration_Then_the_chain_needs_no_change()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);

        // Throws, listing the differences, if a migration would touch anything: the chain must not churn on every start.
        await store.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }

    [Fact]
    public async Task Given_a_trigger_dropped_and_the_hash_function_replaced_by_hand_When_Marten_migrates_Then_both_are_back_and_new_events_are_chained()
    {
        await using var store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await store.ExecuteAsync("DROP TRIGGER platform_chain_events ON {schema}.mt_events");
        await store.ExecuteAsync("""
            CREATE OR REPLACE FUNCTION {schema}.platform_event_hash(
                previous bytea, tenant varchar, stream varchar, stream_version bigint, event_id uuid, event_type varchar,
                event_data jsonb, event_timestamp timestamptz, correlation varchar, causation varchar, actor varchar,
                event_headers jsonb)
            RETURNS bytea LANGUAGE sql STABLE AS $$ SELECT '\x00'::bytea $$
            """);

        await store.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await store.AppendAsync("case-1", new CaseOpened("a", "310101"));

        Assert.True((await new StreamAuditor(store.Store).VerifyStreamAsync(Tenant, "case-1"))!.IsIntact);
        Assert.Equal(1L, await store.ScalarAsync<long>("SELECT count(*) FROM {schema}.platform_event_hashes"));
    }

    [Fact]
    public void Given_a_store_configured_for_rich_append_When_checking_its_guarantees_Then_it_is_refused()
    {
        var options = new StoreOptions();
        options.Connection("Host=localhost");
        options.UsePlatformEventStore("es_guard");
        options.Events.AppendMode = JasperFx.Events.EventAppendMode.Rich;

        Assert.Throws<InvalidOperationException>(() => PlatformEventStore.EnsureGuarantees(options));
    }

    private static async Task<DocumentStore> RebuiltStoreAsync(MartenTestStore store, Action<StoreOptions> change)
    {
        var migrated = DocumentStore.For(options => MartenTestStore.Configure(options, store.DataSource, store.Schema, change));
        await migrated.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return migrated;
    }

    public sealed class CaseFile
    {
        public string Id { get; set; } = "";
        public string Title { get; set; } = "";
    }
}
