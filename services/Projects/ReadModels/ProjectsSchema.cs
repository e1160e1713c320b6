using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Projects.Copies;
using Platform.Storage;

namespace Platform.Projects.ReadModels;

/// <summary>The Projects service's own tables beside its event store, created at start, idempotently.</summary>
public sealed class ProjectsSchema(NpgsqlDataSource dataSource) : IHostedService
{
    public const string Name = "projects";

    public Task StartAsync(CancellationToken cancellationToken) => SchemaScript.ApplyAsync(dataSource, Name, $"""
        CREATE SCHEMA IF NOT EXISTS {Name};

        CREATE TABLE IF NOT EXISTS {Name}.project_views (
            tenant_id text NOT NULL,
            project_id text NOT NULL,
            name text NOT NULL,
            status text NOT NULL,
            street_id text NOT NULL,
            community_id text,
            unit_ids text[] NOT NULL,
            need_ids text[] NOT NULL,
            due_on date NOT NULL,
            next_deadline date,
            decided_at timestamptz NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, project_id));
        CREATE INDEX IF NOT EXISTS project_views_by_place ON {Name}.project_views (tenant_id, street_id, community_id, decided_at);
        CREATE INDEX IF NOT EXISTS project_views_by_unit ON {Name}.project_views USING gin (unit_ids);
        CREATE INDEX IF NOT EXISTS project_views_by_need ON {Name}.project_views USING gin (need_ids);
        -- The district view's recounts read a place's own projects, tasks and meetings: a community's, else its street's.
        CREATE INDEX IF NOT EXISTS project_views_by_own_place ON {Name}.project_views (tenant_id, (coalesce(community_id, street_id)), decided_at);

        -- The 责任清单 a row per task, for the counts of tasks done, on time and late.
        CREATE TABLE IF NOT EXISTS {Name}.project_tasks (
            tenant_id text NOT NULL,
            project_id text NOT NULL,
            task_id text NOT NULL,
            street_id text NOT NULL,
            community_id text,
            unit_id text,
            deadline date NOT NULL,
            done_on date,
            PRIMARY KEY (tenant_id, project_id, task_id));
        CREATE INDEX IF NOT EXISTS project_tasks_by_place ON {Name}.project_tasks (tenant_id, street_id, community_id);
        CREATE INDEX IF NOT EXISTS project_tasks_by_own_place ON {Name}.project_tasks (tenant_id, (coalesce(community_id, street_id)));

        -- A row per claim, for a community's claims waiting to be confirmed and for what running projects pledged of a promise.
        CREATE TABLE IF NOT EXISTS {Name}.project_claims (
            tenant_id text NOT NULL,
            project_id text NOT NULL,
            claim_id text NOT NULL,
            project_name text NOT NULL,
            project_status text NOT NULL,
            street_id text NOT NULL,
            community_id text,
            unit_id text NOT NULL,
            status text NOT NULL,
            agreement_id text,
            commitment text,
            amount numeric,
            claimed_at timestamptz NOT NULL,
            view jsonb NOT NULL,
            PRIMARY KEY (tenant_id, project_id, claim_id));
        CREATE INDEX IF NOT EXISTS project_claims_by_place ON {Name}.project_claims (tenant_id, status, street_id, community_id);
        CREATE INDEX IF NOT EXISTS project_claims_by_unit ON {Name}.project_claims (tenant_id, unit_id);
        CREATE INDEX IF NOT EXISTS project_claims_by_commitment ON {Name}.project_claims (tenant_id, agreement_id, commitment);

        -- Overdue tasks' notices, to the owner's unit or the chair's (unit_id), and to the project's community and street.
        CREATE TABLE IF NOT EXISTS {Name}.project_notices (
            tenant_id text NOT NULL,
            project_id text NOT NULL,
            task_id text NOT NULL,
            stage text NOT NULL,
            street_id text NOT NULL,
            community_id text,
            unit_id text,
            noticed_at timestamptz NOT NULL,
            view jsonb NOT NULL,
            PRIMARY KEY (tenant_id, project_id, task_id, stage));
        CREATE INDEX IF NOT EXISTS project_notices_by_place ON {Name}.project_notices (tenant_id, street_id, community_id, noticed_at);
        CREATE INDEX IF NOT EXISTS project_notices_by_unit ON {Name}.project_notices (tenant_id, unit_id, noticed_at);

        CREATE TABLE IF NOT EXISTS {Name}.council_views (
            tenant_id text NOT NULL,
            party_id text NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, party_id));

        CREATE TABLE IF NOT EXISTS {Name}.meeting_views (
            tenant_id text NOT NULL,
            meeting_id text NOT NULL,
            party_id text NOT NULL,
            level text NOT NULL,
            street_id text,
            community_id text,
            number int NOT NULL,
            held_at timestamptz NOT NULL,
            status text NOT NULL,
            decisions int NOT NULL,
            reviews int NOT NULL,
            view jsonb NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (tenant_id, meeting_id));
        CREATE INDEX IF NOT EXISTS meeting_views_by_place ON {Name}.meeting_views (tenant_id, street_id, community_id, held_at);
        CREATE INDEX IF NOT EXISTS meeting_views_by_party ON {Name}.meeting_views (tenant_id, party_id, number);
        CREATE INDEX IF NOT EXISTS meeting_views_by_own_place ON {Name}.meeting_views (tenant_id, (coalesce(community_id, street_id, tenant_id)), held_at);

        {ProjectCopies.Needs.Ddl}

        {ProjectCopies.Units.Ddl}

        {ProjectCopies.Offers.Ddl}

        {ProjectCopies.Bookings.Ddl}

        {ProjectCopies.Agreements.Ddl}

        {ProjectCopies.Contributions.Ddl}

        {DurableTimers.Ddl(Name)}
        """, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
