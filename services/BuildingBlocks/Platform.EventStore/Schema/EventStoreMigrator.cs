using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.EventStore;

/// <summary>
/// Creates and upgrades the store's schema with versioned migrations. Every instance of a service runs it at start;
/// a transaction-scoped advisory lock makes them take turns, and the ones that come second find nothing to do.
/// </summary>
public sealed class EventStoreMigrator(NpgsqlDataSource dataSource, EventStoreOptions options)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var schema = $"\"{options.Schema}\"";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", cancellationToken, AdvisoryLockKey(options.Schema, "migrations"));
        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);

        await using var current = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {schema}.schema_migrations", connection);
        var appliedVersion = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
        foreach (var migration in EventStoreMigrations.All.Where(migration => migration.Version > appliedVersion))
        {
            await ExecuteAsync(connection, migration.Sql(schema), cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO {schema}.schema_migrations (version, description) VALUES ($1, $2)",
                cancellationToken, migration.Version, migration.Description);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A stable 64-bit advisory lock key per store schema and purpose, so stores in other schemas never contend.</summary>
    internal static long AdvisoryLockKey(string schema, string purpose) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"platform.eventstore:{schema}:{purpose}")), 0);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Runs the migrations before the other hosted services (the daemon) start.</summary>
internal sealed class EventStoreMigrationService(EventStoreMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
