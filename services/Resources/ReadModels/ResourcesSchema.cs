using Npgsql;
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
        """, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
