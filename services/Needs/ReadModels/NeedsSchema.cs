using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Storage;

namespace Platform.Needs.ReadModels;

/// <summary>The Needs service's own tables beside its event store: read models, timers, notifications.
/// Created at start, idempotently, under an advisory lock so that several instances can start together.</summary>
public sealed class NeedsSchema(NpgsqlDataSource dataSource) : IHostedService
{
    public const string Name = "needs";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SchemaScript.ApplyAsync(dataSource, "needs", $"""
            CREATE SCHEMA IF NOT EXISTS {Name};

            CREATE TABLE IF NOT EXISTS {Name}.need_views (
                tenant_id text NOT NULL,
                need_id text NOT NULL,
                status text NOT NULL,
                category text NOT NULL,
                street_id text NOT NULL,
                community_id text NOT NULL,
                reporter_user_id text,
                external_id text,
                raised_at timestamptz NOT NULL,
                is_open boolean NOT NULL,
                overdue boolean NOT NULL,
                search text NOT NULL,
                view jsonb NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (tenant_id, need_id));
            ALTER TABLE {Name}.need_views ADD COLUMN IF NOT EXISTS funnel_stages text[] NOT NULL DEFAULT ARRAY[]::text[];
            CREATE INDEX IF NOT EXISTS need_views_by_place ON {Name}.need_views (tenant_id, street_id, community_id, raised_at DESC);
            CREATE INDEX IF NOT EXISTS need_views_by_time ON {Name}.need_views (tenant_id, raised_at DESC);
            CREATE INDEX IF NOT EXISTS need_views_by_reporter ON {Name}.need_views (tenant_id, reporter_user_id) WHERE reporter_user_id IS NOT NULL;
            CREATE UNIQUE INDEX IF NOT EXISTS need_views_by_external_id ON {Name}.need_views (tenant_id, external_id) WHERE external_id IS NOT NULL;

            CREATE TABLE IF NOT EXISTS {Name}.case_views (
                tenant_id text NOT NULL,
                case_id text NOT NULL,
                need_id text NOT NULL,
                status text NOT NULL,
                level text NOT NULL,
                street_id text NOT NULL,
                community_id text NOT NULL,
                department_ids text[] NOT NULL,
                blown_at timestamptz NOT NULL,
                next_deadline_at timestamptz,
                is_open boolean NOT NULL,
                overdue boolean NOT NULL,
                view jsonb NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (tenant_id, case_id));
            CREATE INDEX IF NOT EXISTS case_views_by_place ON {Name}.case_views (tenant_id, street_id, community_id, blown_at DESC);
            CREATE INDEX IF NOT EXISTS case_views_by_department ON {Name}.case_views USING gin (department_ids);
            CREATE INDEX IF NOT EXISTS case_views_open ON {Name}.case_views (tenant_id, next_deadline_at) WHERE is_open;

            -- The time limits are the kernel's durable timers now: a database kept from before moves its running
            -- limits over (with their failed attempts), so that no limit of a case still open is lost.
            {DurableTimers.Ddl(Name)}
            DO $migrate$ BEGIN
                IF to_regclass('{Name}.deadlines') IS NOT NULL THEN
                    INSERT INTO {Name}.{DurableTimers.Table} (tenant_id, stream_id, timer_key, kind, due_at, facts, attempts, retry_at, last_error)
                    SELECT tenant_id, stream_id, deadline_key, kind, due_at,
                           jsonb_build_object('departmentId', department_id, 'round', round::text), attempts, retry_at, last_error
                      FROM {Name}.deadlines
                    ON CONFLICT DO NOTHING;
                    DROP TABLE {Name}.deadlines;
                END IF;
            END $migrate$;

            CREATE TABLE IF NOT EXISTS {Name}.notifications (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                tenant_id text NOT NULL,
                audience_kind text NOT NULL,
                audience_id text NOT NULL,
                case_id text,
                need_id text,
                kind text NOT NULL,
                message text NOT NULL,
                at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS notifications_by_audience ON {Name}.notifications (tenant_id, audience_kind, audience_id, at DESC);

            {Integration.ProjectProgressCopies.Copies.Ddl}

            CREATE TABLE IF NOT EXISTS {Name}.dashboard_items (
                tenant_id text NOT NULL,
                kind text NOT NULL,
                item_id text NOT NULL,
                street_id text NOT NULL,
                community_id text NOT NULL,
                opened_at timestamptz NOT NULL,
                is_open boolean NOT NULL,
                overdue boolean NOT NULL,
                PRIMARY KEY (tenant_id, kind, item_id));

            CREATE TABLE IF NOT EXISTS {Name}.department_scores (
                tenant_id text NOT NULL,
                period text NOT NULL,
                street_id text NOT NULL,
                department_id text NOT NULL,
                dispatched integer NOT NULL DEFAULT 0,
                signed integer NOT NULL DEFAULT 0,
                signed_in_time integer NOT NULL DEFAULT 0,
                sign_minutes double precision NOT NULL DEFAULT 0,
                reported integer NOT NULL DEFAULT 0,
                reported_in_time integer NOT NULL DEFAULT 0,
                handle_hours double precision NOT NULL DEFAULT 0,
                callbacks integer NOT NULL DEFAULT 0,
                resolved integer NOT NULL DEFAULT 0,
                satisfied integer NOT NULL DEFAULT 0,
                PRIMARY KEY (tenant_id, period, street_id, department_id));

            """, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
