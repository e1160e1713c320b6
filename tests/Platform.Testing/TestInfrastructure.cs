using System.Net.Http.Json;
using Npgsql;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A class fixture: a fresh PostgreSQL database and a fresh RabbitMQ virtual host for one test class, on the run's
/// shared servers, dropped when the class is done. Marten's harness gives each test class its own schema; a whole
/// database gives our services exactly what they get in production, where each owns one.
/// </summary>
public class TestInfrastructure : IAsyncLifetime
{
    private readonly List<string> databases = [];
    private readonly List<string> virtualHosts = [];

    public ServerEndpoints Servers { get; private set; } = null!;

    /// <summary>Connection string of this class's own database.</summary>
    public string PostgresConnectionString { get; private set; } = "";

    /// <summary>AMQP address of this class's own virtual host, credentials included.</summary>
    public Uri RabbitMqUri { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Servers = await TestServers.AcquireAsync();
        PostgresConnectionString = await CreateDatabaseAsync();
        RabbitMqUri = await CreateVirtualHostAsync();
    }

    /// <summary>Another empty database on the shared cluster, dropped with this fixture (for tests that run several services).</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        // PostgreSQL keeps 63 bytes of an identifier: a short prefix and a GUID fit.
        var name = $"{(prefix ?? "test").ToLowerInvariant()}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(Servers.PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (databases) databases.Add(name);
        return new NpgsqlConnectionStringBuilder(Servers.PostgresAdmin) { Database = name }.ConnectionString;
    }

    /// <summary>Another empty virtual host on the shared node, deleted with this fixture.</summary>
    public async Task<Uri> CreateVirtualHostAsync()
    {
        var name = $"test-{Guid.NewGuid():N}";
        using var http = TestServers.ManagementClient(Servers.RabbitMqManagement, Servers.RabbitMq);
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var user = Servers.RabbitMq.UserInfo.Split(':')[0];
        (await http.PutAsJsonAsync($"api/permissions/{name}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        lock (virtualHosts) virtualHosts.Add(name);
        return new Uri(Servers.RabbitMq, name);
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(Servers.PostgresAdmin))
        {
            await connection.OpenAsync();
            foreach (var database in databases)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        using var http = TestServers.ManagementClient(Servers.RabbitMqManagement, Servers.RabbitMq);
        foreach (var virtualHost in virtualHosts) await http.DeleteAsync($"api/vhosts/{virtualHost}");
    }
}
