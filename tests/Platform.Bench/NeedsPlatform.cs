using System.Diagnostics;
using Npgsql;
using Platform.Needs;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// The gateway and the Needs service started in this process, as the system tests start them
/// (<see cref="RunningPlatform"/>), but on the benchmark's servers and each with a database of its own. The demo
/// district is loaded, so the demo logins work and the Needs service knows the district's tree.
/// </summary>
internal sealed class NeedsPlatform : IAsyncDisposable
{
    /// <summary>A community's staff member, who raises needs of that community (兴华南里, in 林校路街道).</summary>
    public const string StaffLogin = "xinghua-staff";
    public const string StreetId = "linxiaolu";
    public const string CommunityId = "xinghuananli";

    /// <summary>High enough that the limits never answer 429 during the run (the defaults are 600/min per user, 1,200/min per IP).</summary>
    public const int RequestsPerMinute = 10_000_000;

    private readonly InProcessHost needs;
    private readonly InProcessHost gateway;

    private NeedsPlatform(InProcessHost needs, InProcessHost gateway, string needsDatabase, string districtCode)
    {
        this.needs = needs;
        this.gateway = gateway;
        NeedsDatabase = needsDatabase;
        DistrictCode = districtCode;
    }

    public Uri Gateway => gateway.Address;

    /// <summary>The Needs service's own address, which the gateway forwards /api/needs/... to (without the prefix).</summary>
    public Uri ServiceAddress => needs.Address;

    public string NeedsDatabase { get; }

    /// <summary>The tenant of everything the staff member writes: the district of the demo tree.</summary>
    public string DistrictCode { get; }

    public static async Task<NeedsPlatform> StartAsync(string needsDatabase, string gatewayDatabase, Uri rabbitMq)
    {
        var gatewayAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var needsSettings = PlatformSettings.Service(WithErrorDetail(needsDatabase), rabbitMq, gatewayAddress);
        Quiet(needsSettings);
        var clock = Stopwatch.StartNew();
        var needs = await InProcessHost.StartAsync(NeedsService.Build, needsSettings);
        Progress.Report($"setup: Needs service started, its demo needs written, in {clock.Elapsed.TotalSeconds:F1} s");
        try
        {
            var gatewaySettings = PlatformSettings.Gateway(WithErrorDetail(gatewayDatabase), rabbitMq, gatewayAddress, [(NeedsService.Name, needs.Address)]);
            gatewaySettings["Gateway:RequestsPerUserPerMinute"] = $"{RequestsPerMinute}";
            gatewaySettings["Gateway:RequestsPerIpPerMinute"] = $"{RequestsPerMinute}";
            Quiet(gatewaySettings);
            clock.Restart();
            var gateway = await InProcessHost.StartAsync(Platform.Gateway.GatewayHost.Build, gatewaySettings, gatewayAddress);
            Progress.Report($"setup: gateway started, the district's tree and accounts loaded, in {clock.Elapsed.TotalSeconds:F1} s");
            try
            {
                clock.Restart();
                await using var dataSource = NpgsqlDataSource.Create(needsDatabase);
                var districtCode = await WaitForTheTreeAsync(dataSource);
                Progress.Report($"setup: the Needs service has the district's tree (district {districtCode}) {clock.Elapsed.TotalSeconds:F1} s later");
                clock.Restart();
                var events = await WaitForTheDaemonAsync(dataSource);
                Progress.Report($"setup: the service's daemon has caught up with the {events:N0} events in its log {clock.Elapsed.TotalSeconds:F1} s later");
                return new NeedsPlatform(needs, gateway, needsDatabase, districtCode);
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await needs.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// As the test servers' connection strings have it: the event store reads a conflict's details (which stream, which
    /// version) from the PostgreSQL error's DETAIL, which Npgsql redacts unless told otherwise; without it a conflict
    /// (409) surfaces as an unhandled JsonException, answered 400. Changes nothing else.
    /// </summary>
    private static string WithErrorDetail(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = true }.ConnectionString;

    /// <summary>Only warnings and errors: the hosts log to this process's console, where the progress lines go.</summary>
    private static void Quiet(Dictionary<string, string> settings) => settings["Logging:LogLevel:Default"] = "Warning";

    /// <summary>A client of the gateway logged in as <see cref="StaffLogin"/>, and one with the same token for the service itself.</summary>
    public async Task<(HttpClient ThroughGateway, HttpClient Direct)> LoginAsync()
    {
        var token = await PlatformLogin.AccessTokenAsync(Gateway, StaffLogin);
        return (PlatformLogin.WithToken(Gateway, token), PlatformLogin.WithToken(ServiceAddress, token));
    }

    /// <summary>The gateway publishes the demo tree at start; the Needs service copies it from the bus shortly after
    /// (until then it answers 400, unknown community).</summary>
    private static async Task<string> WaitForTheTreeAsync(NpgsqlDataSource dataSource)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await using var command = dataSource.CreateCommand(
                    "SELECT district_code FROM authz.org_units WHERE unit_id = $1 AND street_id = $2 AND NOT closed");
                command.Parameters.Add(new() { Value = CommunityId });
                command.Parameters.Add(new() { Value = StreetId });
                if (await command.ExecuteScalarAsync() is string districtCode) return districtCode;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // The service creates its copy of the tree when the first organization event arrives.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The Needs service did not receive the demo district's tree (community {CommunityId}) within 90 s.");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Waits until every subscription of the service's event store (the dashboard's projection, the outbox relay) has
    /// handled every event in the log, so that the work on the demo data does not run into the measured rounds.
    /// Returns the number of events in the log.
    /// </summary>
    private static async Task<long> WaitForTheDaemonAsync(NpgsqlDataSource dataSource)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using (var command = dataSource.CreateCommand("""
                SELECT (SELECT count(*) FROM events.subscriptions),
                       (SELECT count(*) FROM events.subscriptions s
                         WHERE EXISTS (SELECT 1 FROM events.events e WHERE (e.transaction_id, e.seq) > (s.transaction_id, s.seq))),
                       (SELECT count(*) FROM events.events)
                """))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                var (subscriptions, behind, events) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                if (subscriptions > 0 && behind == 0) return events;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"The Needs service's daemon did not catch up with its log ({events:N0} events) within 120 s: " +
                        $"{behind} of {subscriptions} subscriptions behind.");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>How many events of the log each subscription of the service's daemon has still to handle.</summary>
    public static async Task<string> DaemonBacklogAsync(NpgsqlDataSource needsDatabase)
    {
        await using var command = needsDatabase.CreateCommand("""
            SELECT s.name, (SELECT count(*) FROM events.events e WHERE (e.transaction_id, e.seq) > (s.transaction_id, s.seq))
              FROM events.subscriptions s ORDER BY s.name
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var backlog = new List<string>();
        while (await reader.ReadAsync()) backlog.Add($"{reader.GetString(0)} {reader.GetInt64(1):N0}");
        return string.Join(", ", backlog);
    }

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        await needs.DisposeAsync();
    }
}
