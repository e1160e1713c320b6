using Npgsql;
using Platform.Testing;

namespace Platform.Foundation.Tests;

public sealed class TestInfrastructureTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Each_test_class_gets_its_own_empty_database_on_a_real_server()
    {
        await using var connection = new NpgsqlConnection(infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_database(), (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'), version()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.StartsWith("test_", reader.GetString(0));
        Assert.Equal(0, reader.GetInt64(1));
        Assert.StartsWith("PostgreSQL", reader.GetString(2));
    }

    [Fact]
    public async Task Databases_and_virtual_hosts_are_distinct_per_fixture()
    {
        var other = new TestInfrastructure();
        await other.InitializeAsync();
        try
        {
            Assert.NotEqual(infrastructure.PostgresConnectionString, other.PostgresConnectionString);
            Assert.NotEqual(infrastructure.RabbitMqUri, other.RabbitMqUri);
            Assert.Equal(infrastructure.Servers, other.Servers);
        }
        finally
        {
            await other.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(infrastructure.Servers.PostgresAdmin);
        await connection.OpenAsync();
        var database = new NpgsqlConnectionStringBuilder(other.PostgresConnectionString).Database;
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_servers_run_in_containers_of_the_images_the_project_builds()
    {
        if (TestServers.RunId is null)
        {
            // The only other way: servers that run elsewhere, named by the environment.
            Assert.False(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES")));
            return;
        }
        var images = PlatformImages.Resolve();

        var running = await DockerEngine.RunningImagesAsync(TestServers.RunLabel, TestServers.RunId!);

        // The run's PostgreSQL and RabbitMQ, and nothing of the run from an image the project did not build (the
        // service-image test may have its gateway and Needs containers up under the same label meanwhile).
        Assert.Contains(images.Postgres, running);
        Assert.Contains(images.RabbitMq, running);
        Assert.All(running, image => Assert.StartsWith("platform/", image, StringComparison.Ordinal));
        Assert.Matches("^platform/postgres:[0-9a-f]{12}$", images.Postgres);
        await using var connection = new NpgsqlConnection(infrastructure.Servers.PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version(), current_setting('fsync')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Contains("Debian", reader.GetString(0));
        Assert.Equal("off", reader.GetString(1));
    }

    [Fact]
    public async Task The_virtual_host_exists_on_the_real_broker()
    {
        using var http = new HttpClient { BaseAddress = infrastructure.Servers.RabbitMqManagement };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        var virtualHost = infrastructure.RabbitMqUri.AbsolutePath.Trim('/');

        using var response = await http.GetAsync($"api/vhosts/{virtualHost}");

        Assert.True(response.IsSuccessStatusCode, $"vhost {virtualHost}: {response.StatusCode}");
    }
}
