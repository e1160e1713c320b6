using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// One service on its own (no gateway, no other service) on real PostgreSQL and RabbitMQ, with a clock the test moves:
/// for timer tests, which start several instances of one service against one database. No tokens are sent: the tests
/// drive the service's command runner directly.
/// </summary>
/// <param name="timersSection">The configuration section of the service's timers, whose poll interval is shortened.</param>
public abstract class ServiceInstanceTests(string databasePrefix, DateTimeOffset start, string timersSection) : TestInfrastructure
{
    protected const string District = "990101";

    protected AdjustableClock Clock { get; } = new(start);

    protected string Database { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Database = await CreateDatabaseAsync(databasePrefix);
    }

    /// <param name="build">The service's Build(args, configureServices); the test's clock replaces the TimeProvider.</param>
    protected Task<InProcessHost> StartInstanceAsync(Func<string[], Action<IServiceCollection>, WebApplication> build) => InProcessHost.StartAsync(
        args => build(args, services => services.AddSingleton<TimeProvider>(Clock)),
        new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = Database,
            ["ConnectionStrings:RabbitMq"] = RabbitMqUri.ToString(),
            // Never contacted: no token is ever sent.
            ["Identity:Authority"] = "http://127.0.0.1:9",
            [$"{timersSection}:PollInterval"] = "00:00:00.100",
        });

    protected async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
