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

        {DurableTimers.Ddl(Name)}
        """, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
