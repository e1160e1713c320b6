using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Storage;

namespace Platform.Volunteers.ReadModels;

/// <summary>The Volunteers service's own tables beside its event store, created at start, idempotently.</summary>
public sealed class VolunteersSchema(NpgsqlDataSource dataSource) : IHostedService
{
    public const string Name = "volunteers";

    public Task StartAsync(CancellationToken cancellationToken) => SchemaScript.ApplyAsync(dataSource, Name, $"""
        CREATE SCHEMA IF NOT EXISTS {Name};

        CREATE TABLE IF NOT EXISTS {Name}.volunteer_views (
            tenant_id text NOT NULL,
            volunteer_id text NOT NULL,
            kind text NOT NULL,
            status text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            user_id text,
            employer_unit_id text,
            name text NOT NULL,
            registered_at timestamptz NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, volunteer_id));
        CREATE INDEX IF NOT EXISTS volunteer_views_by_place ON {Name}.volunteer_views (tenant_id, street_id, community_id);
        CREATE INDEX IF NOT EXISTS volunteer_views_by_employer ON {Name}.volunteer_views (tenant_id, employer_unit_id);
        CREATE UNIQUE INDEX IF NOT EXISTS volunteer_views_by_user ON {Name}.volunteer_views (tenant_id, user_id) WHERE user_id IS NOT NULL;

        CREATE TABLE IF NOT EXISTS {Name}.team_views (
            tenant_id text NOT NULL,
            team_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            name text NOT NULL,
            member_ids text[] NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, team_id));
        CREATE INDEX IF NOT EXISTS team_views_by_place ON {Name}.team_views (tenant_id, street_id, community_id);
        CREATE INDEX IF NOT EXISTS team_views_by_member ON {Name}.team_views USING gin (member_ids);

        CREATE TABLE IF NOT EXISTS {Name}.activity_views (
            tenant_id text NOT NULL,
            activity_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            team_id text,
            starts_at timestamptz NOT NULL,
            status text NOT NULL,
            volunteer_ids text[] NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, activity_id));
        CREATE INDEX IF NOT EXISTS activity_views_by_place ON {Name}.activity_views (tenant_id, street_id, community_id, starts_at);
        CREATE INDEX IF NOT EXISTS activity_views_by_volunteer ON {Name}.activity_views USING gin (volunteer_ids);

        CREATE TABLE IF NOT EXISTS {Name}.wish_views (
            tenant_id text NOT NULL,
            need_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            status text NOT NULL,
            claimer_id text,
            posted_at timestamptz NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, need_id));
        CREATE INDEX IF NOT EXISTS wish_views_by_place ON {Name}.wish_views (tenant_id, street_id, community_id, status, posted_at);

        CREATE TABLE IF NOT EXISTS {Name}.gift_views (
            tenant_id text NOT NULL,
            gift_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            name text NOT NULL,
            stock int NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, gift_id));
        CREATE INDEX IF NOT EXISTS gift_views_by_place ON {Name}.gift_views (tenant_id, street_id, community_id);

        CREATE TABLE IF NOT EXISTS {Name}.household_views (
            tenant_id text NOT NULL,
            household_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            grid_id text,
            colour text NOT NULL,
            member_id text NOT NULL,
            next_visit_due date NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, household_id));
        CREATE INDEX IF NOT EXISTS household_views_by_place ON {Name}.household_views (tenant_id, street_id, community_id, colour);
        CREATE INDEX IF NOT EXISTS household_views_by_member ON {Name}.household_views (tenant_id, member_id);

        CREATE TABLE IF NOT EXISTS {Name}.unit_report_views (
            tenant_id text NOT NULL,
            unit_id text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            status text NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, unit_id));
        CREATE INDEX IF NOT EXISTS unit_report_views_by_place ON {Name}.unit_report_views (tenant_id, street_id, community_id);

        -- The hours and points ledgers (an activity's or a wish's postings), one row per line of each double entry; a line is never updated or deleted.
        CREATE TABLE IF NOT EXISTS {Name}.ledger_lines (
            tenant_id text NOT NULL,
            entry_id text NOT NULL,
            line_no int NOT NULL,
            source_id text NOT NULL,
            source_title text NOT NULL,
            kind text NOT NULL,
            account text NOT NULL,
            street_id text NOT NULL,
            community_id text NOT NULL,
            amount numeric NOT NULL,
            occurred_on date NOT NULL,
            posted_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, entry_id, line_no));
        CREATE INDEX IF NOT EXISTS ledger_lines_by_account ON {Name}.ledger_lines (tenant_id, account, kind);
        CREATE INDEX IF NOT EXISTS ledger_lines_by_place ON {Name}.ledger_lines (tenant_id, street_id, community_id, occurred_on);

        {DurableTimers.Ddl(Name)}
        """, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
