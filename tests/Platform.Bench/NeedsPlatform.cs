using System.Diagnostics;
using Npgsql;
using Platform.Needs;
using Platform.Needs.ReadModels;
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

    /// <summary>The Needs host's services: its event store, for benchmarks that write generated histories.</summary>
    public IServiceProvider NeedsServices => needs.Application.Services;

    /// <summary>The gateway host's services: its database, for benchmarks that look at what it keeps.</summary>
    public IServiceProvider GatewayServices => gateway.Application.Services;

    /// <summary>The tenant of everything the staff member writes: the district of the demo tree.</summary>
    public string DistrictCode { get; }

    public static async Task<NeedsPlatform> StartAsync(string needsDatabase, string gatewayDatabase, Uri rabbitMq)
    {
        var gatewayAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var needsSettings = PlatformSettings.Service(WithErrorDetail(needsDatabase), rabbitMq, gatewayAddress);
        Quiet(needsSettings);
        var clock = Stopwatch.StartNew();
        var needs = await InProcessHost.StartAsync(NeedsService.Build, needsSettings);
        Progress.Report($"setup: Needs service started in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        await DemoDistrict.LoadNeedsAsync(needs);
        Progress.Report($"setup: the demo needs written in {clock.Elapsed.TotalSeconds:F1} s");
        try
        {
            var gatewaySettings = PlatformSettings.Gateway(WithErrorDetail(gatewayDatabase), rabbitMq, gatewayAddress, [(NeedsService.Name, needs.Address)]);
            gatewaySettings["Gateway:RequestsPerUserPerMinute"] = $"{RequestsPerMinute}";
            gatewaySettings["Gateway:RequestsPerIpPerMinute"] = $"{RequestsPerMinute}";
            Quiet(gatewaySettings);
            clock.Restart();
            var gateway = await InProcessHost.StartAsync(Platform.Gateway.GatewayHost.Build, gatewaySettings, gatewayAddress);
            await DemoDistrict.LoadOrganizationAsync(gateway);
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
    internal static string WithErrorDetail(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = true }.ConnectionString;

    /// <summary>
    /// Only warnings and errors: the hosts log to this process's console, where the progress lines go. The gateway's
    /// probes of the three services the bench does not start, and the Needs service's readiness before its copy of the
    /// tree arrives, fail by design here, so their lines are left out.
    /// </summary>
    internal static void Quiet(Dictionary<string, string> settings)
    {
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Yarp.ReverseProxy.Health"] = "Error";
        settings["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical";
    }

    /// <summary>A client of the gateway logged in as <see cref="StaffLogin"/>, and one with the same token for the service itself.</summary>
    public async Task<(HttpClient ThroughGateway, HttpClient Direct)> LoginAsync()
    {
        var token = await PlatformLogin.AccessTokenAsync(Gateway, StaffLogin);
        return (PlatformLogin.WithToken(Gateway, token), PlatformLogin.WithToken(ServiceAddress, token));
    }

    /// <summary>The gateway publishes the demo tree at start; the Needs service copies it from the bus shortly after
    /// (until then it answers 400, unknown community).</summary>
    internal static async Task<string> WaitForTheTreeAsync(NpgsqlDataSource dataSource)
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
    /// Waits until every projection and subscription of the service's Marten daemon (the dashboard's statistics, the
    /// outbox relay) has handled every event in the log, so that the work on the demo data does not run into the
    /// measured rounds. Returns the number of events in the log.
    /// </summary>
    internal static async Task<long> WaitForTheDaemonAsync(NpgsqlDataSource dataSource, int limitSeconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(limitSeconds);
        while (true)
        {
            var (shards, behind, events) = await DaemonPositionAsync(dataSource);
            if (shards > 0 && behind == 0) return events;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The Needs service's daemon did not catch up with its log ({events:N0} events) within {limitSeconds} s: " +
                    $"{behind} of {shards} projections and subscriptions behind.");
            await Task.Delay(250);
        }
    }

    /// <summary>Marten keeps each daemon shard's position in <c>mt_event_progression</c>, beside the high-water mark and its bookkeeping (HighWater… rows).</summary>
    private const string DaemonShards = $"{NeedsSchema.Name}.mt_event_progression p WHERE p.name NOT LIKE 'HighWater%'";

    private static async Task<(long Shards, long Behind, long Events)> DaemonPositionAsync(NpgsqlDataSource dataSource)
    {
        try
        {
            await using var command = dataSource.CreateCommand($"""
                SELECT (SELECT count(*) FROM {DaemonShards}),
                       (SELECT count(*) FROM {DaemonShards}
                         AND p.last_seq_id < (SELECT coalesce(max(e.seq_id), 0) FROM {NeedsSchema.Name}.mt_events e)),
                       (SELECT count(*) FROM {NeedsSchema.Name}.mt_events)
                """);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return (0, 0, 0); // the daemon has not written its first position yet
        }
    }

    /// <summary>How many events of the log each projection and subscription of the service's daemon has still to handle.</summary>
    public static async Task<string> DaemonBacklogAsync(NpgsqlDataSource needsDatabase)
    {
        await using var command = needsDatabase.CreateCommand($"""
            SELECT p.name, (SELECT count(*) FROM {NeedsSchema.Name}.mt_events e WHERE e.seq_id > p.last_seq_id)
              FROM {DaemonShards} ORDER BY p.name
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
