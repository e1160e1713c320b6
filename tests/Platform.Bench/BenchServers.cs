using Npgsql;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>Where the benchmark runs: the servers `./platform bench` started, or else the test servers.</summary>
internal sealed record BenchServers(string PostgresAdmin, Uri RabbitMq)
{
    public static async Task<BenchServers> ResolveAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("PLATFORM_BENCH_POSTGRES");
        var rabbitMq = Environment.GetEnvironmentVariable("PLATFORM_BENCH_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbitMq)) return new BenchServers(postgres, new Uri(rabbitMq));

        Progress.Report("PLATFORM_BENCH_POSTGRES/PLATFORM_BENCH_RABBITMQ are not set: starting the test servers, whose PostgreSQL " +
            "runs with fsync OFF. Report numbers from `./platform bench <name>` only.");
        var servers = await TestServers.AcquireAsync();
        return new BenchServers(servers.PostgresAdmin, servers.RabbitMq);
    }

    /// <summary>A new, empty database for this run.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{DateTime.UtcNow:yyyyMMdd_HHmmss}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = 64 }.ConnectionString;
    }

    public Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteAsync($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
