using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Storage;

namespace Platform.Gateway.Identity;

/// <summary>The identity module's own tables, in the schema its Marten event store shares (Marten keeps to its
/// <c>mt_</c> tables). Created at start, idempotently and one instance at a time (advisory lock), before anything
/// reads them and before Marten's inline projection writes <c>org_units</c>.</summary>
public sealed class IdentitySchema(NpgsqlDataSource dataSource) : IHostedLifecycleService
{
    public const string Name = "identity";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await SchemaScript.ApplyAsync(dataSource, "identity", $"""
            CREATE SCHEMA IF NOT EXISTS {Name};
            CREATE TABLE IF NOT EXISTS {Name}.accounts (
                username text PRIMARY KEY,
                display_name text NOT NULL,
                role text NOT NULL,
                district_code text NOT NULL,
                street_id text,
                community_id text,
                department_id text,
                unit_id text,
                password_hash text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            -- Failed logins are counted per username typed, whether or not an account has it, so that the lockout
            -- answers the same for both and tells nobody which usernames exist.
            ALTER TABLE {Name}.accounts DROP COLUMN IF EXISTS failed_attempts, DROP COLUMN IF EXISTS locked_until;
            CREATE TABLE IF NOT EXISTS {Name}.login_failures (
                username text PRIMARY KEY,
                failed_attempts int NOT NULL,
                locked_until timestamptz
            );
            CREATE TABLE IF NOT EXISTS {Name}.refresh_tokens (
                token_hash text PRIMARY KEY,
                username text NOT NULL REFERENCES {Name}.accounts(username),
                family uuid NOT NULL,
                expires_at timestamptz NOT NULL,
                used_at timestamptz,
                revoked_at timestamptz
            );
            CREATE INDEX IF NOT EXISTS refresh_tokens_family ON {Name}.refresh_tokens (family);
            CREATE TABLE IF NOT EXISTS {Name}.signing_keys (
                key_id text PRIMARY KEY,
                private_key_pem text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE IF NOT EXISTS {Name}.org_units (
                district_code text NOT NULL,
                unit_id text NOT NULL,
                kind text NOT NULL,
                name text NOT NULL,
                parent_id text,
                street_id text,
                community_id text,
                closed boolean NOT NULL DEFAULT false,
                facts jsonb,
                contact jsonb,
                revision bigint NOT NULL,
                PRIMARY KEY (district_code, unit_id)
            );
            CREATE INDEX IF NOT EXISTS org_units_parent ON {Name}.org_units (district_code, parent_id);
            """, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
