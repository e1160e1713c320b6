using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Storage;

namespace Platform.Resources.ReadModels;

/// <summary>The Resources service's own tables beside its event store, created at start, idempotently.</summary>
public sealed class ResourcesSchema(NpgsqlDataSource dataSource) : IHostedService
{
    public const string Name = "resources";

    public Task StartAsync(CancellationToken cancellationToken) => SchemaScript.ApplyAsync(dataSource, Name, $"""
        CREATE SCHEMA IF NOT EXISTS {Name};

        CREATE TABLE IF NOT EXISTS {Name}.unit_views (
            tenant_id text NOT NULL,
            unit_id text NOT NULL,
            name text NOT NULL,
            kind text NOT NULL,
            status text NOT NULL,
            street_ids text[] NOT NULL,
            community_ids text[] NOT NULL,
            joined_at timestamptz NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, unit_id));
        CREATE INDEX IF NOT EXISTS unit_views_by_community ON {Name}.unit_views USING gin (community_ids);
        CREATE INDEX IF NOT EXISTS unit_views_by_street ON {Name}.unit_views USING gin (street_ids);

        CREATE TABLE IF NOT EXISTS {Name}.agreement_views (
            tenant_id text NOT NULL,
            agreement_id text NOT NULL,
            unit_id text NOT NULL,
            party_id text NOT NULL,
            street_id text NOT NULL,
            community_id text,
            status text NOT NULL,
            ends_on date NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, agreement_id));
        CREATE INDEX IF NOT EXISTS agreement_views_by_place ON {Name}.agreement_views (tenant_id, street_id, community_id);
        CREATE INDEX IF NOT EXISTS agreement_views_by_unit ON {Name}.agreement_views (tenant_id, unit_id);

        CREATE TABLE IF NOT EXISTS {Name}.offer_views (
            tenant_id text NOT NULL,
            offer_id text NOT NULL,
            unit_id text NOT NULL,
            kind text NOT NULL,
            category text NOT NULL,
            status text NOT NULL,
            title text NOT NULL,
            street_ids text[] NOT NULL,
            community_ids text[] NOT NULL,
            available_until date NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, offer_id));
        CREATE INDEX IF NOT EXISTS offer_views_by_community ON {Name}.offer_views USING gin (community_ids);
        CREATE INDEX IF NOT EXISTS offer_views_by_street ON {Name}.offer_views USING gin (street_ids);
        CREATE INDEX IF NOT EXISTS offer_views_by_unit ON {Name}.offer_views (tenant_id, unit_id);

        CREATE TABLE IF NOT EXISTS {Name}.booking_views (
            tenant_id text NOT NULL,
            booking_id text NOT NULL,
            offer_id text NOT NULL,
            unit_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            project_id text,
            booked_on date NOT NULL,
            status text NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, booking_id));
        CREATE INDEX IF NOT EXISTS booking_views_by_place ON {Name}.booking_views (tenant_id, street_id, community_id, booked_on);
        CREATE INDEX IF NOT EXISTS booking_views_by_offer ON {Name}.booking_views (tenant_id, offer_id, booked_on);
        CREATE INDEX IF NOT EXISTS booking_views_by_unit ON {Name}.booking_views (tenant_id, unit_id, booked_on);

        CREATE TABLE IF NOT EXISTS {Name}.contribution_views (
            tenant_id text NOT NULL,
            contribution_id text NOT NULL,
            unit_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            agreement_id text,
            status text NOT NULL,
            occurred_on date NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, contribution_id));
        CREATE INDEX IF NOT EXISTS contribution_views_by_place ON {Name}.contribution_views (tenant_id, street_id, community_id, occurred_on);
        CREATE INDEX IF NOT EXISTS contribution_views_by_unit ON {Name}.contribution_views (tenant_id, unit_id, occurred_on);

        -- The contributions ledger, one row per line of each double entry; a line is never updated or deleted.
        CREATE TABLE IF NOT EXISTS {Name}.ledger_lines (
            tenant_id text NOT NULL,
            entry_id text NOT NULL,
            line_no int NOT NULL,
            contribution_id text NOT NULL,
            kind text NOT NULL,
            account text NOT NULL,
            unit_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            agreement_id text,
            commitment text,
            amount numeric NOT NULL,
            occurred_on date NOT NULL,
            posted_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, entry_id, line_no));
        CREATE INDEX IF NOT EXISTS ledger_lines_by_place ON {Name}.ledger_lines (tenant_id, street_id, community_id, occurred_on);
        CREATE INDEX IF NOT EXISTS ledger_lines_by_agreement ON {Name}.ledger_lines (tenant_id, agreement_id);

        {Matching.NeedCopies.Copies.Ddl}

        {DurableTimers.Ddl(Name)}
        """, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
