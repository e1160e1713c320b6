using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using Platform.DemoLoader;
using Platform.Needs.NeedList;
using Platform.SystemUnderTest;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// `./platform bench district`: the district view of a district of 300 communities with three years of history. The
/// Needs service holds three years of generated needs for every community, written through its own event store and
/// counted by its own statistics subscription, and the gateway holds what the other three services would have
/// reported for the same three years (their summaries, generated, since only their figures reach the view). It
/// measures the funnel query (the district view for the district and for one street, through the gateway) and how long
/// a need raised through the gateway takes to show in the district view. The last line is the RESULT line.
/// </summary>
internal static class DistrictBenchmark
{
    private const int Communities = 300;
    private const int Months = 36;
    private const int NeedsPerCommunityMonth = 3;
    private const int FunnelReads = 500;
    private const int FreshnessSamples = 200;
    private const string Street = "linxiaolu";

    public static async Task RunAsync()
    {
        var servers = await BenchServers.ResolveAsync();
        var needsDatabase = await servers.CreateDatabaseAsync("bench_district_needs");
        var gatewayDatabase = await servers.CreateDatabaseAsync("bench_district_gateway");
        try
        {
            await using var needsData = NpgsqlDataSource.Create(needsDatabase);
            await using var gatewayData = NpgsqlDataSource.Create(gatewayDatabase);
            await EventStoreBenchmark.DescribeServerAsync(needsData);
            await using var platform = await NeedsPlatform.StartAsync(needsDatabase, gatewayDatabase, servers.RabbitMq);
            using var district = await PlatformLogin.LoginAsync(platform.Gateway, "district-admin");

            var clock = Stopwatch.StartNew();
            var communities = await GrowToAsync(district, gatewayData);
            Progress.Report($"setup: the district has {communities.Count} communities in {communities.Select(c => c.StreetId).Distinct().Count()} streets " +
                $"({clock.Elapsed.TotalSeconds:F1} s)");

            clock.Restart();
            var groups = GenerateNeeds(communities);
            var written = await Platform.DemoLoader.DemoLoader.WriteNeedsAsync(platform.NeedsServices, platform.DistrictCode, groups, CancellationToken.None);
            Progress.Report($"history: {groups.Count:N0} needs over {Months} months ({written.Events:N0} events) written through the Needs store in {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
            var events = await NeedsPlatform.WaitForTheDaemonAsync(needsData, limitSeconds: 1800);
            Progress.Report($"history: the Needs daemon counted the {events:N0} events of its log in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            var others = await ReportOthersAsync(gatewayData, platform.DistrictCode, communities);
            var expected = await NeedsRowsAsync(needsData);
            await WaitAsync(async () => await CountAsync(gatewayData, "SELECT count(*) FROM insights.place_figures WHERE source = 'needs'") >= expected,
                TimeSpan.FromMinutes(10), "the gateway to receive every row of the Needs service's figures");
            Progress.Report($"history: the gateway holds {expected:N0} rows from Needs and {others:N0} generated rows of Resources, Projects and Volunteers " +
                $"({clock.Elapsed.TotalSeconds:F1} s)");

            var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            var districtReads = await TimeReadsAsync(district, $"api/insights/overview?period={month}");
            var streetReads = await TimeReadsAsync(district, $"api/insights/overview?period={month}&place={Street}");
            Progress.Report($"funnel: {FunnelReads} reads of the district's view ({communities.Count} communities, 12 months of trend): " +
                $"p50 {Percentile(districtReads, 0.5):F1} ms, p99 {Percentile(districtReads, 0.99):F1} ms");
            Progress.Report($"funnel: {FunnelReads} reads of a street's view ({communities.Count(c => c.StreetId == Street)} communities): " +
                $"p50 {Percentile(streetReads, 0.5):F1} ms, p99 {Percentile(streetReads, 0.99):F1} ms");

            var freshness = await MeasureFreshnessAsync(platform, district);
            Progress.Report($"freshness: {FreshnessSamples} needs raised through the gateway, from the 201 until the district view counts them: " +
                $"p50 {Percentile(freshness, 0.5):F0} ms, p99 {Percentile(freshness, 0.99):F0} ms, max {freshness[^1]:F0} ms");

            var funnelP99 = Math.Max(Percentile(districtReads, 0.99), Percentile(streetReads, 0.99));
            Console.WriteLine($"RESULT district funnel_p99_ms={funnelP99:F1} freshness_p99_ms={Percentile(freshness, 0.99):F0}");
        }
        finally
        {
            await servers.DropDatabaseAsync(needsDatabase);
            await servers.DropDatabaseAsync(gatewayDatabase);
        }
    }

    private sealed record Community(string Id, string StreetId);

    /// <summary>The demo district's communities, and new ones under its streets until there are <see cref="Communities"/>,
    /// registered as the district's office registers them (through the gateway's organization commands).</summary>
    private static async Task<IReadOnlyList<Community>> GrowToAsync(HttpClient district, NpgsqlDataSource gateway)
    {
        var existing = await CommunitiesAsync(gateway);
        var streets = existing.Select(community => community.StreetId).Distinct().Order(StringComparer.Ordinal).ToList();
        for (var number = existing.Count; number < Communities; number++)
        {
            var street = streets[number % streets.Count];
            using var response = await district.PostAsJsonAsync("api/identity/organization/units",
                new { unitId = $"bench-{number:000}", kind = "community", name = $"测试{number:000}社区", parentId = street });
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"registering community {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return await CommunitiesAsync(gateway);
    }

    private static async Task<IReadOnlyList<Community>> CommunitiesAsync(NpgsqlDataSource gateway)
    {
        await using var command = gateway.CreateCommand(
            "SELECT unit_id, street_id FROM identity.org_units WHERE kind = 'community' AND NOT closed AND street_id IS NOT NULL ORDER BY unit_id");
        var communities = new List<Community>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) communities.Add(new Community(reader.GetString(0), reader.GetString(1)));
        return communities;
    }

    /// <summary>Three needs a month in every community for three years: most accepted and resolved within days, some still open.</summary>
    private static List<IReadOnlyList<DemoAppend>> GenerateNeeds(IReadOnlyList<Community> communities)
    {
        var random = new Random(20261208);
        var start = DateTimeOffset.UtcNow.AddMonths(-Months);
        var groups = new List<IReadOnlyList<DemoAppend>>(communities.Count * Months * NeedsPerCommunityMonth);
        string[] categories = ["env", "elderly", "parking"];
        foreach (var community in communities)
        {
            for (var month = 0; month < Months; month++)
            {
                for (var n = 0; n < NeedsPerCommunityMonth; n++)
                {
                    var id = $"N-bench-{community.Id}-{month:00}-{n}";
                    var raisedAt = start.AddMonths(month).AddDays(random.Next(0, 27)).AddHours(random.Next(8, 20));
                    var appends = new List<DemoAppend>
                    {
                        new(Need.StreamId(id), [new Platform.Needs.NeedList.NeedRaised(id, $"测试需求 {community.Id} {month}-{n}", "生成的需求，用于基准测试。", categories[n % 3], "normal",
                            new Place(community.StreetId, community.Id, null, null, "测试小区"), new ReporterContact("居民", "13800000000"), null, "staff", null,
                            "bench", raisedAt)], "bench", raisedAt),
                    };
                    if (random.NextDouble() < 0.9)
                    {
                        var acceptedAt = raisedAt.AddHours(random.Next(1, 24));
                        appends.Add(new(Need.StreamId(id), [new NeedAccepted(id, "general", acceptedAt.AddDays(7), "bench", acceptedAt)], "bench", acceptedAt));
                        if (random.NextDouble() < 0.8)
                        {
                            var resolvedAt = acceptedAt.AddDays(random.Next(1, 6));
                            appends.Add(new(Need.StreamId(id), [new NeedResolved(id, "已处理", ResolutionSources.Community, "bench", resolvedAt)], "bench", resolvedAt));
                        }
                    }
                    groups.Add(appends);
                }
            }
        }
        return groups;
    }

    /// <summary>
    /// What Resources, Projects and Volunteers would have reported of the same three years, one row per community,
    /// source and month (and what stands now), shaped as theirs are and stored as the gateway's consumer stores them.
    /// </summary>
    private static async Task<long> ReportOthersAsync(NpgsqlDataSource gateway, string districtCode, IReadOnlyList<Community> communities)
    {
        var periods = Enumerable.Range(0, Months)
            .Select(back => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMonths(-back).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .Append("current").ToArray();
        await using var command = gateway.CreateCommand("""
            INSERT INTO insights.place_figures (tenant_id, source, place_id, period, street_id, figures, revision, changed_at, received_at)
            SELECT $1, source, community.place_id, period, community.street_id,
                   CASE
                     WHEN period = 'current' AND source = 'resources' THEN jsonb_build_object('units.active', 3 + (random() * 5)::int,
                          'agreements.active', 2 + (random() * 3)::int, 'agreements.behind', (random() * 2)::int, 'agreements.expiring', (random() * 1.2)::int,
                          'offers.published', 1 + (random() * 4)::int)
                     WHEN period = 'current' AND source = 'projects' THEN jsonb_build_object('projects.active', 2 + (random() * 4)::int,
                          'projects.completed', 10 + (random() * 20)::int, 'projects.overdue', (random() * 2)::int, 'tasks.done', 30 + (random() * 40)::int,
                          'tasks.on_time', 5 + (random() * 10)::int, 'tasks.late', (random() * 3)::int)
                     WHEN period = 'current' THEN jsonb_build_object('members.in_service', 20 + (random() * 30)::int, 'members.retired', 10 + (random() * 20)::int,
                          'volunteers.active', 40 + (random() * 60)::int, 'units.reported', 3 + (random() * 5)::int, 'units.confirmed', 2 + (random() * 4)::int,
                          'households.red', (random() * 3)::int, 'households.yellow', (random() * 5)::int, 'households.green', 5 + (random() * 10)::int,
                          'households.overdue', (random() * 1.3)::int, 'wishes.open', (random() * 3)::int)
                     WHEN source = 'resources' THEN jsonb_build_object('bookings.held', (random() * 6)::int, 'contributions.confirmed', (random() * 4)::int)
                     WHEN source = 'projects' THEN jsonb_build_object('projects.decided', (random() * 3)::int, 'meetings.planned', 1, 'meetings.held', 1,
                          'meetings.decisions', (random() * 4)::int, 'meetings.reviews', (random() * 4)::int)
                     ELSE jsonb_build_object('volunteers.service_minutes', (random() * 6000)::int)
                   END,
                   1, now(), now()
              FROM unnest($2::text[], $3::text[]) AS community(place_id, street_id),
                   unnest(ARRAY['resources', 'projects', 'volunteers']) AS source,
                   unnest($4::text[]) AS period
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = communities.Select(community => community.Id).ToArray() });
        command.Parameters.Add(new() { Value = communities.Select(community => community.StreetId).ToArray() });
        command.Parameters.Add(new() { Value = periods });
        var rows = await command.ExecuteNonQueryAsync();
        await using var sources = gateway.CreateCommand("""
            INSERT INTO insights.sources (source, current_as_of, reported_at, received_at)
            SELECT source, now(), now(), now() FROM unnest(ARRAY['resources', 'projects', 'volunteers']) AS source
            ON CONFLICT (source) DO NOTHING
            """);
        await sources.ExecuteNonQueryAsync();
        await using var analyse = gateway.CreateCommand("ANALYZE insights.place_figures");
        await analyse.ExecuteNonQueryAsync();
        return rows;
    }

    private static Task<long> NeedsRowsAsync(NpgsqlDataSource needs) => CountAsync(needs, "SELECT count(*) FROM platform_figures.place_figures");

    private static async Task<long> CountAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<double>> TimeReadsAsync(HttpClient client, string path)
    {
        var timings = new List<double>(FunnelReads);
        for (var i = 0; i < FunnelReads + 50; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 50) timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        timings.Sort();
        return timings;
    }

    /// <summary>Needs raised one at a time in 兴华南里, each timed from its 201 until the community's view counts it.</summary>
    private static async Task<List<double>> MeasureFreshnessAsync(NeedsPlatform platform, HttpClient district)
    {
        var (staff, _) = await platform.LoginAsync();
        using (staff)
        {
            var view = $"api/insights/overview?place={NeedsPlatform.CommunityId}";
            var timings = new List<double>(FreshnessSamples);
            var shown = await RaisedAsync(district, view);
            for (var i = 0; i < FreshnessSamples + 10; i++)
            {
                using var content = new StringContent(RaiseNeedLoad.BodyJson, System.Text.Encoding.UTF8, "application/json");
                using var response = await staff.PostAsync(RaiseNeedLoad.GatewayPath, content);
                response.EnsureSuccessStatusCode();
                var start = Stopwatch.GetTimestamp();
                shown++;
                while (await RaisedAsync(district, view) < shown)
                {
                    if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromSeconds(30))
                        throw new TimeoutException($"need {i} did not show in the district view within 30 s");
                    await Task.Delay(5);
                }
                if (i >= 10) timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                await Task.Delay(100);
            }
            timings.Sort();
            return timings;
        }
    }

    private static async Task<long> RaisedAsync(HttpClient client, string path)
    {
        var overview = await client.GetJsonAsync(path);
        return overview.GetProperty("figures").TryGetProperty("needs.raised", out var raised) ? raised.GetInt64() : 0;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {limit.TotalSeconds:F0} s for {what}");
            await Task.Delay(500);
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double fraction) => RaiseNeedLoad.Percentile(sorted, fraction);
}
