using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.DemoLoader.Projects;
using Platform.DemoLoader.Resources;
using Platform.Needs;
using Platform.Projects;
using Platform.Projects.Copies;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// `./platform bench loop`: the loop of the five lists on a district of 300 communities with a year of generated joint
/// meetings and projects in the Projects service. It measures drafting a meeting's agenda, the five lists' counts of
/// the district and of a street, and the time from a project's completion until the need it answered shows resolved in
/// the Needs service. The last line printed is the machine-readable RESULT line.
/// </summary>
internal static class LoopBenchmark
{
    private const int Communities = 300;
    private const int UnitsPerCommunity = 5;
    private const int AcceptedNeedsPerCommunity = 8;
    private const int AgendaDrafts = 300;
    private const int FunnelQueries = 200;
    private const int LoopProjects = 100;
    private const double LoopPerSecond = 10;
    private static readonly TimeSpan NeedsPoll = TimeSpan.FromMilliseconds(3);

    public static async Task RunAsync()
    {
        var servers = await BenchServers.ResolveAsync();
        var needsDatabase = await servers.CreateDatabaseAsync("bench_loop_needs");
        var projectsDatabase = await servers.CreateDatabaseAsync("bench_loop_projects");
        var gatewayDatabase = await servers.CreateDatabaseAsync("bench_loop_gateway");
        var hosts = new List<InProcessHost>();
        try
        {
            await using var needsData = NpgsqlDataSource.Create(needsDatabase);
            await using var projectsData = NpgsqlDataSource.Create(projectsDatabase);
            await EventStoreBenchmark.DescribeServerAsync(projectsData);
            Progress.Report($"runtime: .NET {Environment.Version}; client, gateway, Needs and Projects services share this process");

            var gatewayAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            var clock = Stopwatch.StartNew();
            var needs = await StartAsync(hosts, NeedsService.Build, needsDatabase, servers.RabbitMq, gatewayAddress);
            var projects = await StartAsync(hosts, ProjectsService.Build, projectsDatabase, servers.RabbitMq, gatewayAddress);
            var gatewaySettings = PlatformSettings.Gateway(NeedsPlatform.WithErrorDetail(gatewayDatabase), servers.RabbitMq, gatewayAddress,
                [(NeedsService.Name, needs.Address), (ProjectsService.Name, projects.Address)]);
            gatewaySettings["Gateway:RequestsPerUserPerMinute"] = $"{NeedsPlatform.RequestsPerMinute}";
            gatewaySettings["Gateway:RequestsPerIpPerMinute"] = $"{NeedsPlatform.RequestsPerMinute}";
            NeedsPlatform.Quiet(gatewaySettings);
            var gateway = await InProcessHost.StartAsync(Platform.Gateway.GatewayHost.Build, gatewaySettings, gatewayAddress);
            hosts.Add(gateway);
            await DemoDistrict.LoadOrganizationAsync(gateway);
            var districtCode = await NeedsPlatform.WaitForTheTreeAsync(needsData);
            await NeedsPlatform.WaitForTheTreeAsync(projectsData);
            Progress.Report($"setup: gateway, Needs and Projects started, the demo tree copied by both, in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            var history = ProjectsDemoData.Generate(new ProjectsDemoSources(GeneratedDistrict(districtCode), null, [], new Dictionary<string, SeedNeed>()),
                DateTimeOffset.UtcNow);
            var written = await Platform.DemoLoader.DemoLoader.WriteProjectsAsync(projects.Application.Services, history, CancellationToken.None);
            Progress.Report($"history: {history.Councils} councils, {history.Meetings:N0} meetings held, {history.Projects:N0} projects with {history.Tasks:N0} tasks " +
                $"({history.ProjectsCompleted:N0} completed, {history.TasksOverdue:N0} tasks overdue): {written.Events:N0} events in {written.Streams:N0} streams, " +
                $"written in {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
            var needCopies = await CopyAcceptedNeedsAsync(projectsData, districtCode);
            Progress.Report($"history: {needCopies:N0} accepted needs copied into Projects (as its consumers write them) in {clock.Elapsed.TotalSeconds:F1} s");

            using var district = await PlatformLogin.LoginAsync(gateway.Address, "district-admin");
            using var staff = await PlatformLogin.LoginAsync(gateway.Address, "xinghua-staff");

            // Drafting: the next meeting of each council, its agenda drafted live (the council's open decisions with their
            // projects, the place's accepted needs, the offers), through the gateway.
            var scheduled = await ScheduledMeetingsAsync(projectsData, districtCode);
            await TimeAsync(district, scheduled.Take(20).Select(id => $"api/projects/meetings/{id}/agenda").ToList());
            var agenda = await TimeAsync(district, [.. Enumerable.Range(0, AgendaDrafts).Select(i => $"api/projects/meetings/{scheduled[i % scheduled.Count]}/agenda")]);
            Progress.Report($"agenda: {agenda.Count} drafts of {scheduled.Count} councils' next meetings: p50 {Percentile(agenda, 0.5):F1} ms, p99 {Percentile(agenda, 0.99):F1} ms");

            // The five lists' counts, for the district and for each generated street.
            await TimeAsync(district, [.. Enumerable.Repeat("api/projects/lists", 10)]);
            var districtFunnel = await TimeAsync(district, [.. Enumerable.Repeat("api/projects/lists", FunnelQueries / 2)]);
            Progress.Report($"funnel (district): p50 {Percentile(districtFunnel, 0.5):F1} ms, p99 {Percentile(districtFunnel, 0.99):F1} ms");
            var streetFunnel = await TimeAsync(district, [.. Enumerable.Range(0, FunnelQueries / 2).Select(i => $"api/projects/lists?streetId={StreetOf(i)}")]);
            Progress.Report($"funnel (one street): p50 {Percentile(streetFunnel, 0.5):F1} ms, p99 {Percentile(streetFunnel, 0.99):F1} ms");
            var funnel = districtFunnel.Concat(streetFunnel).Order().ToList();

            // The loop: needs raised and accepted in Needs, taken into projects whose one task is done; each project is
            // completed on a schedule, and the Needs service's view polled until its need shows resolved.
            clock.Restart();
            var prepared = await PrepareLoopAsync(staff);
            Progress.Report($"loop: {prepared.Count} needs raised and accepted, each taken into a project whose task is done, in {clock.Elapsed.TotalSeconds:F1} s");
            var delays = await ScheduledPropagation.MeasureAsync(needsData,
                "SELECT need_id FROM needs.need_views WHERE tenant_id = $1 AND need_id = ANY($2) AND status = 'resolved'", districtCode,
                async i =>
                {
                    using var response = await staff.PostAsJsonAsync($"api/projects/projects/{prepared[i].ProjectId}/complete", new { summary = "完成" });
                    response.EnsureSuccessStatusCode();
                    return prepared[i].NeedId;
                }, prepared.Count, LoopPerSecond, NeedsPoll);
            delays.Sort();
            Progress.Report($"loop: ProjectCompleted → need resolved in Needs: p50 {Percentile(delays, 0.5):F0} ms, p99 {Percentile(delays, 0.99):F0} ms, " +
                $"max {delays[^1]:F0} ms ({delays.Count} projects at {LoopPerSecond:F0}/s)");

            Console.WriteLine($"RESULT loop agenda_p99_ms={Percentile(agenda, 0.99):F1} funnel_p99_ms={Percentile(funnel, 0.99):F1} " +
                $"loop_propagation_p99_ms={Percentile(delays, 0.99):F0}");
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts)) await host.DisposeAsync();
            await servers.DropDatabaseAsync(needsDatabase);
            await servers.DropDatabaseAsync(projectsDatabase);
            await servers.DropDatabaseAsync(gatewayDatabase);
        }
    }

    private static async Task<InProcessHost> StartAsync(
        List<InProcessHost> hosts, Func<string[], Microsoft.AspNetCore.Builder.WebApplication> build, string database, Uri rabbitMq, Uri gateway)
    {
        var settings = PlatformSettings.Service(NeedsPlatform.WithErrorDetail(database), rabbitMq, gateway);
        NeedsPlatform.Quiet(settings);
        var host = await InProcessHost.StartAsync(build, settings);
        hosts.Add(host);
        return host;
    }

    /// <summary>The demo district's streets, which the generated communities are spread over (a street must be in the
    /// org tree for its counts to be asked for).</summary>
    private static readonly string[] DemoStreets = [.. ResourcesDemoSources.Load(DemoDistrict.Folder).StreetOfCommunity.Values.Distinct().Order()];

    private static string StreetOf(int index) => DemoStreets[index % DemoStreets.Length];

    /// <summary>300 communities over the demo district's streets, five co-building units each, as the Projects demo's generator takes them.</summary>
    private static ResourcesDemoSources GeneratedDistrict(string districtCode)
    {
        var streetOf = Enumerable.Range(0, Communities).ToDictionary(i => $"bench-community-{i:000}", i => StreetOf(i));
        var units = streetOf.Keys.SelectMany(community => Enumerable.Range(1, UnitsPerCommunity).Select(unit =>
            new DemoTreeUnit($"u-{community}-{unit}", $"{community} 共建单位 {unit}", "企业", [community], "驻区单位", unit <= 3, 2020, null, null))).ToList();
        var names = streetOf.Keys.ToDictionary(id => id, id => $"{id[^3..]} 社区");
        return new ResourcesDemoSources(districtCode, units, [], streetOf, names, []);
    }

    /// <summary>The accepted needs of every generated community, written as the service's own consumers write them.</summary>
    private static async Task<int> CopyAcceptedNeedsAsync(NpgsqlDataSource projects, string districtCode)
    {
        var copied = 0;
        var categories = new[] { "elderly", "env", "repair", "parking", "safety" };
        await using var connection = await projects.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < Communities; i++)
        {
            var community = $"bench-community-{i:000}";
            for (var n = 0; n < AcceptedNeedsPerCommunity; n++)
            {
                var needId = $"N-bench-{i:000}-{n}";
                var raisedAt = DateTimeOffset.UtcNow.AddDays(-40 + n * 4);
                await ProjectCopies.Needs.RecordFactsAsync(transaction, new(districtCode, needId,
                    new NeedFacts($"{community} 的需求 {n}", categories[(i + n) % categories.Length], n % 4 == 0 ? "urgent" : "normal"), StreetOf(i),
                    community, raisedAt), default);
                await ProjectCopies.Needs.RecordStatusAsync(transaction, districtCode, needId, ProjectCopies.Accepted, raisedAt.AddHours(2), default);
                copied++;
            }
        }
        await transaction.CommitAsync();
        return copied;
    }

    private static async Task<List<string>> ScheduledMeetingsAsync(NpgsqlDataSource projects, string districtCode)
    {
        await using var command = projects.CreateCommand("SELECT meeting_id FROM projects.meeting_views WHERE tenant_id = $1 AND status = 'scheduled' ORDER BY meeting_id");
        command.Parameters.Add(new() { Value = districtCode });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Each GET in turn, timed from send to the whole answer read.</summary>
    private static async Task<List<double>> TimeAsync(HttpClient client, IReadOnlyList<string> paths)
    {
        var times = new List<double>(paths.Count);
        foreach (var path in paths)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private sealed record PreparedProject(string NeedId, string ProjectId);

    private static async Task<List<PreparedProject>> PrepareLoopAsync(HttpClient staff)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var prepared = new List<PreparedProject>();
        for (var i = 0; i < LoopProjects; i++)
        {
            var raised = await ReadAsync(await staff.PostAsJsonAsync("api/needs/needs", new
            {
                title = $"楼道灯不亮（基准 {i}）", description = "基准测量", category = "env", urgency = "normal", channel = "staff",
                place = new { streetId = "linxiaolu", communityId = "xinghuananli" }, reporter = new { name = "基准", phone = "13800000000" },
            }));
            var needId = raised.GetProperty("id").GetString()!;
            (await staff.PostAsJsonAsync($"api/needs/needs/{needId}/accept", new { })).EnsureSuccessStatusCode();
            string? projectId = null;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (projectId is null)
            {
                using var decided = await staff.PostAsJsonAsync("api/projects/projects", new
                {
                    name = $"楼道照明（基准 {i}）", summary = "基准测量", communityId = "xinghuananli", dueOn = today.AddDays(30), needIds = new[] { needId },
                    tasks = new[] { new { what = "更换灯具", ownerName = "物业", deadline = today.AddDays(10) } },
                });
                if (decided.IsSuccessStatusCode) projectId = (await ReadAsync(decided)).GetProperty("id").GetString();
                else if (DateTime.UtcNow > deadline) throw new TimeoutException($"Projects did not hear of need {needId} within 60 s.");
                else await Task.Delay(20);
            }
            await staff.PostFileAsync($"api/projects/projects/{projectId}/tasks/T1/evidence", "验收.png", TestPhotos.Png(16, 16));
            (await staff.PostAsJsonAsync($"api/projects/projects/{projectId}/milestones",
                new { taskId = "T1", title = "完成", reachedOn = today, completesTask = true })).EnsureSuccessStatusCode();
            prepared.Add(new PreparedProject(needId, projectId!));
        }
        return prepared;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double fraction) => RaiseNeedLoad.Percentile(sorted, fraction);
}
