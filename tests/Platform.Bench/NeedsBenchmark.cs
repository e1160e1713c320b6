using Npgsql;

namespace Platform.Bench;

/// <summary>
/// `./platform bench needs`: the raise-need command through the gateway and straight to the Needs service, against
/// raw INSERTs on the same PostgreSQL in the same run; then how long a raised need takes to reach the district's
/// dashboard. The last line printed is the machine-readable RESULT line.
/// </summary>
internal static class NeedsBenchmark
{
    private const int Clients = 8;
    private const int Rounds = 4;
    private static readonly TimeSpan CommandRound = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan InsertRound = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CommandWarmUp = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan InsertWarmUp = TimeSpan.FromSeconds(3);

    private const int ProfiledCommands = 200;

    private const int PropagationNeeds = 300;
    private const double PropagationPerSecond = 20;
    private static readonly TimeSpan DashboardPoll = TimeSpan.FromMilliseconds(3);

    public static async Task RunAsync()
    {
        var servers = await BenchServers.ResolveAsync();
        var needsDatabase = await servers.CreateDatabaseAsync("bench_needs");
        var gatewayDatabase = await servers.CreateDatabaseAsync("bench_gateway");
        var clients = new List<HttpClient>();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(needsDatabase);
            await EventStoreBenchmark.DescribeServerAsync(dataSource);
            ReportLoad();
            Progress.Report($"runtime: .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; " +
                "client, gateway and Needs service share this process");

            Progress.Report("setup: starting the Needs service and the gateway in this process, with the demo data ...");
            await using var platform = await NeedsPlatform.StartAsync(needsDatabase, gatewayDatabase, servers.RabbitMq);

            var (throughGateway, direct) = (new List<HttpClient>(), new List<HttpClient>());
            for (var i = 0; i < Clients; i++)
            {
                var (gatewayClient, directClient) = await platform.LoginAsync();
                throughGateway.Add(gatewayClient);
                direct.Add(directClient);
                clients.AddRange([gatewayClient, directClient]);
            }
            Progress.Report($"setup: {Clients} clients logged in as {NeedsPlatform.StaffLogin} (a token each); gateway rate limits raised to " +
                $"{NeedsPlatform.RequestsPerMinute:N0}/min per user and per IP");

            var rawInserts = new RawInsertLoad(dataSource);
            await rawInserts.CreateTableAsync();
            var raised = new List<string>();

            Progress.Report($"warm-up: {CommandWarmUp.TotalSeconds:F0} s through the gateway, {CommandWarmUp.TotalSeconds:F0} s direct, {InsertWarmUp.TotalSeconds:F0} s raw INSERT ...");
            var gatewayWarmUp = await RaiseNeedLoad.RunAsync(throughGateway, RaiseNeedLoad.GatewayPath, CommandWarmUp);
            var directWarmUp = await RaiseNeedLoad.RunAsync(direct, RaiseNeedLoad.ServicePath, CommandWarmUp);
            var insertWarmUp = await rawInserts.RunAsync(Clients, InsertWarmUp);
            raised.AddRange([.. gatewayWarmUp.Ids, .. directWarmUp.Ids]);
            Progress.Report($"warm-up (not counted): gateway {gatewayWarmUp.PerSecond:F0}/s, direct {directWarmUp.PerSecond:F0}/s, " +
                $"raw INSERT {insertWarmUp:F0}/s; events the daemon has still to handle: {await NeedsPlatform.DaemonBacklogAsync(dataSource)}");

            Progress.Report($"commands: {Rounds} rounds of {CommandRound.TotalSeconds:F0} s through the gateway, {CommandRound.TotalSeconds:F0} s direct, " +
                $"{InsertRound.TotalSeconds:F0} s raw INSERT; {Clients} clients each ...");
            var (gatewayRounds, directRounds, insertRates) = (new List<RaiseNeedLoad.Round>(), new List<RaiseNeedLoad.Round>(), new List<double>());
            for (var round = 0; round < Rounds; round++)
            {
                // Gateway, direct, raw, then raw, direct, gateway: a steady drift (autovacuum, tiered compilation, other work
                // on the machine) hits all three alike over an even number of rounds.
                if (round % 2 == 1) insertRates.Add(await rawInserts.RunAsync(Clients, InsertRound));
                if (round % 2 == 0) gatewayRounds.Add(await RaiseNeedLoad.RunAsync(throughGateway, RaiseNeedLoad.GatewayPath, CommandRound));
                directRounds.Add(await RaiseNeedLoad.RunAsync(direct, RaiseNeedLoad.ServicePath, CommandRound));
                if (round % 2 == 1) gatewayRounds.Add(await RaiseNeedLoad.RunAsync(throughGateway, RaiseNeedLoad.GatewayPath, CommandRound));
                if (round % 2 == 0) insertRates.Add(await rawInserts.RunAsync(Clients, InsertRound));
                raised.AddRange(gatewayRounds[^1].Ids);
                raised.AddRange(directRounds[^1].Ids);
                Progress.Report($"round {round + 1}: gateway {gatewayRounds[^1].PerSecond:F0}/s, direct {directRounds[^1].PerSecond:F0}/s, " +
                    $"raw INSERT {insertRates[^1]:F0}/s; events the daemon has still to handle: {await NeedsPlatform.DaemonBacklogAsync(dataSource)}");
            }

            var throughGatewayResult = Summarize(gatewayRounds);
            var directResult = Summarize(directRounds);
            var insertRate = insertRates.Average();
            Progress.Report($"gateway: {throughGatewayResult.PerSecond:F0} commands/s, p50 {throughGatewayResult.P50:F1} ms, p99 {throughGatewayResult.P99:F1} ms " +
                $"({throughGatewayResult.Count:N0} commands)");
            Progress.Report($"direct:  {directResult.PerSecond:F0} commands/s, p50 {directResult.P50:F1} ms, p99 {directResult.P99:F1} ms ({directResult.Count:N0} commands)");
            Progress.Report($"raw INSERT: {insertRate:F0} rows/s");
            Progress.Report($"ratios: gateway/direct {throughGatewayResult.PerSecond / directResult.PerSecond:F2}, direct/raw INSERT {directResult.PerSecond / insertRate:F2}, " +
                $"gateway/raw INSERT {throughGatewayResult.PerSecond / insertRate:F2}");

            if (RaiseNeedLoad.IdCollisions > 0)
                Progress.Report($"note: {RaiseNeedLoad.IdCollisions} raise(s) answered 409 (a need id drawn twice) and were sent again; the last: {RaiseNeedLoad.LastConflict}");
            var directCost = await CommandProfile.MeasureAsync(direct[0], RaiseNeedLoad.ServicePath, ProfiledCommands);
            var gatewayCost = await CommandProfile.MeasureAsync(throughGateway[0], RaiseNeedLoad.GatewayPath, ProfiledCommands);
            Progress.Report($"profile (one client, {ProfiledCommands} commands): direct {directCost.Milliseconds:F2} ms, {directCost.RoundTrips:F1} round trip(s) " +
                $"to PostgreSQL; gateway {gatewayCost.Milliseconds:F2} ms, {gatewayCost.RoundTrips:F1} round trip(s)");
            raised.AddRange([.. directCost.Ids, .. gatewayCost.Ids]);

            var dashboard = new DashboardPropagation(dataSource, platform.DistrictCode);
            var caughtUp = await dashboard.WaitForAllAsync(raised, TimeSpan.FromSeconds(120));
            Progress.Report($"dashboard: all {raised.Count:N0} needs raised so far are on it ({caughtUp.TotalSeconds:F1} s after the last was raised)");

            Progress.Report($"propagation: {PropagationNeeds} needs through the gateway at {PropagationPerSecond:F0}/s, dashboard polled every " +
                $"{DashboardPoll.TotalMilliseconds:F0} ms ...");
            var delays = await dashboard.MeasureAsync(throughGateway, PropagationNeeds, PropagationPerSecond, DashboardPoll);
            delays.Sort();
            var propagationP50 = RaiseNeedLoad.Percentile(delays, 0.50);
            var propagationP99 = RaiseNeedLoad.Percentile(delays, 0.99);
            Progress.Report($"propagation: p50 {propagationP50:F0} ms, p99 {propagationP99:F0} ms, min {delays[0]:F0} ms, max {delays[^1]:F0} ms");

            ReportLoad();
            Console.WriteLine(
                $"RESULT needs gateway_cps={throughGatewayResult.PerSecond:F0} direct_cps={directResult.PerSecond:F0} " +
                $"p99_ms={throughGatewayResult.P99:F1} propagation_p99_ms={propagationP99:F0}");
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
            await servers.DropDatabaseAsync(needsDatabase);
            await servers.DropDatabaseAsync(gatewayDatabase);
        }
    }

    /// <summary>The machine's load average: numbers taken while other work runs on the same two cores mean little.</summary>
    private static void ReportLoad()
    {
        if (File.Exists("/proc/loadavg")) Progress.Report($"machine: load average {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} (1, 5, 15 min)");
    }

    private sealed record Summary(int Count, double PerSecond, double P50, double P99);

    /// <summary>Commands per second over all rounds together, and the latency percentiles of all their commands.</summary>
    private static Summary Summarize(List<RaiseNeedLoad.Round> rounds)
    {
        var latencies = rounds.SelectMany(round => round.Latencies).Order().ToList();
        var count = rounds.Sum(round => round.Count);
        return new Summary(count, count / rounds.Sum(round => round.Elapsed.TotalSeconds),
            RaiseNeedLoad.Percentile(latencies, 0.50), RaiseNeedLoad.Percentile(latencies, 0.99));
    }
}
