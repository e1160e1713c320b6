using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.DemoLoader;
using Platform.DemoLoader.Volunteers;
using Platform.Kernel.Deciding;
using Platform.SystemUnderTest;
using Platform.Testing;
using Platform.Volunteers;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Registry;

namespace Platform.Bench;

/// <summary>
/// `./platform bench volunteers`: a district of 30,000 registered volunteers with five years of monthly postings on
/// the hours and points ledgers. It measures a check-in during a 500-person activity (through the gateway, each on the
/// activity's stream, which holds every sign-up and check-in before it) and a volunteer's balance read (their standing
/// and statement, through the gateway). The last line printed is the machine-readable RESULT line.
/// </summary>
internal static class VolunteersBenchmark
{
    private const int Volunteers = 30_000;
    private const int Months = 60;
    private const int ActivitySize = 500;
    private const int BalanceReads = 1_000;

    public static async Task RunAsync()
    {
        var servers = await BenchServers.ResolveAsync();
        var volunteersDatabase = await servers.CreateDatabaseAsync("bench_volunteers");
        var gatewayDatabase = await servers.CreateDatabaseAsync("bench_volunteers_gateway");
        var hosts = new List<InProcessHost>();
        try
        {
            await using var data = NpgsqlDataSource.Create(volunteersDatabase);
            await EventStoreBenchmark.DescribeServerAsync(data);
            var gatewayAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            var clock = Stopwatch.StartNew();
            var settings = PlatformSettings.Service(NeedsPlatform.WithErrorDetail(volunteersDatabase), servers.RabbitMq, gatewayAddress);
            NeedsPlatform.Quiet(settings);
            var volunteers = await InProcessHost.StartAsync(VolunteersService.Build, settings);
            hosts.Add(volunteers);
            var gatewaySettings = PlatformSettings.Gateway(NeedsPlatform.WithErrorDetail(gatewayDatabase), servers.RabbitMq, gatewayAddress,
                [(VolunteersService.Name, volunteers.Address)]);
            gatewaySettings["Gateway:RequestsPerUserPerMinute"] = $"{NeedsPlatform.RequestsPerMinute}";
            gatewaySettings["Gateway:RequestsPerIpPerMinute"] = $"{NeedsPlatform.RequestsPerMinute}";
            NeedsPlatform.Quiet(gatewaySettings);
            var gateway = await InProcessHost.StartAsync(Platform.Gateway.GatewayHost.Build, gatewaySettings, gatewayAddress);
            hosts.Add(gateway);
            await DemoDistrict.LoadOrganizationAsync(gateway);
            var districtCode = await NeedsPlatform.WaitForTheTreeAsync(data);
            Progress.Report($"setup: gateway and Volunteers started, the demo tree copied, in {clock.Elapsed.TotalSeconds:F1} s");

            // 30,000 volunteers across the demo district's communities, registered and confirmed through the decider;
            // the first 500 in 兴华南里, for its activity.
            clock.Restart();
            var sources = VolunteersDemoSources.Load(DemoDistrict.Folder);
            var communities = sources.StreetOfCommunity.Keys.Order(StringComparer.Ordinal).ToList();
            var registeredAt = DateTimeOffset.UtcNow.AddYears(-5);
            var groups = new List<IReadOnlyList<DemoAppend>>(Volunteers);
            var people = new List<(string Id, string CommunityId)>(Volunteers);
            for (var i = 0; i < Volunteers; i++)
            {
                var id = $"V-bench-{i:00000}";
                var communityId = i < ActivitySize ? "xinghuananli" : communities[i % communities.Count];
                var registered = VolunteerDecider.Decide(new RegisterVolunteer(id, VolunteerKinds.Resident, new Person($"志愿者{i}", $"139{i:00000000}", null),
                    sources.StreetOfCommunity[communityId], communityId, null, null, new Offering([], null), null), Volunteer.Initial, new DecisionContext("bench", registeredAt));
                var state = VolunteerDecider.Decider.Fold(registered);
                var confirmed = VolunteerDecider.Decide(new ConfirmReport("志愿服务岗", null), state, new DecisionContext("bench", registeredAt.AddDays(1)));
                groups.Add([new DemoAppend(Volunteer.StreamId(id), [.. registered, .. confirmed], "bench", registeredAt)]);
                people.Add((id, communityId));
            }
            var written = await Platform.DemoLoader.DemoLoader.WriteVolunteersAsync(volunteers.Application.Services, districtCode, groups, CancellationToken.None);
            Progress.Report($"history: {Volunteers:N0} volunteers registered and confirmed ({written.Events:N0} events) in {clock.Elapsed.TotalSeconds:F1} s");

            // Five years of postings: each volunteer credited two hours and two points a month, in the ledger's own table
            // (what a credited activity's inline projection writes); the reads below depend on nothing else.
            clock.Restart();
            var lines = await PostFiveYearsAsync(data, districtCode, people, sources.StreetOfCommunity);
            Progress.Report($"history: {lines:N0} ledger lines ({Months} months × {Volunteers:N0} volunteers × 2 entries × 2 lines) copied and analysed in {clock.Elapsed.TotalSeconds:F1} s");

            using var staff = await PlatformLogin.LoginAsync(gateway.Address, "xinghua-staff");
            clock.Restart();
            var starts = DateTimeOffset.UtcNow.AddMinutes(20);
            using var scheduled = await staff.PostAsJsonAsync("api/volunteers/activities", new
            {
                title = "全员环境整治日", serviceKind = "env-cleanup", communityId = "xinghuananli", place = new { address = "兴华南里小区" }, startsAt = starts,
                endsAt = starts.AddHours(3), capacity = ActivitySize,
            });
            scheduled.EnsureSuccessStatusCode();
            var activityId = (await scheduled.Content.ReadFromJsonAsync<Created>())!.Id;
            var activity = $"api/volunteers/activities/{activityId}";
            foreach (var (id, _) in people.Take(ActivitySize))
            {
                using var signed = await staff.PostAsJsonAsync($"{activity}/sign-ups", new { volunteerId = id });
                signed.EnsureSuccessStatusCode();
            }
            using var issued = await staff.PostAsJsonAsync($"{activity}/check-in-code", new { });
            issued.EnsureSuccessStatusCode();
            var code = (await issued.Content.ReadFromJsonAsync<Issued>())!.Code;
            Progress.Report($"activity: {ActivitySize} signed up for one activity and its code shown, in {clock.Elapsed.TotalSeconds:F1} s");

            // Check-ins, one after another as volunteers arrive at the door, each on a stream already holding every sign-up
            // and every check-in before it.
            var checkIns = new List<double>(ActivitySize);
            foreach (var (id, _) in people.Take(ActivitySize))
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await staff.PostAsJsonAsync($"{activity}/check-in", new { volunteerId = id, code });
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                checkIns.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            var firstHundred = checkIns.Take(100).Order().ToList();
            var lastHundred = checkIns.Skip(ActivitySize - 100).Order().ToList();
            checkIns.Sort();
            Progress.Report($"check-in: {ActivitySize} through the gateway: p50 {Percentile(checkIns, 0.5):F1} ms, p99 {Percentile(checkIns, 0.99):F1} ms; " +
                $"first 100 p50 {Percentile(firstHundred, 0.5):F1} ms, last 100 p50 {Percentile(lastHundred, 0.5):F1} ms (the stream grows with every check-in)");

            // Balance reads of random volunteers of 兴华南里 (the staff's scope): standing and the latest 100 postings.
            var random = new Random(20261207);
            var reads = new List<double>(BalanceReads);
            for (var i = 0; i < BalanceReads + 20; i++)
            {
                var (id, _) = people[random.Next(ActivitySize)];
                var start = Stopwatch.GetTimestamp();
                using var response = await staff.GetAsync($"api/volunteers/ledger?volunteerId={id}");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                if (i >= 20) reads.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            reads.Sort();
            Progress.Report($"balance: {BalanceReads} reads of a volunteer's ledger (balances by kind over {Months * 4} lines, stars, the latest 100 lines) through the gateway: " +
                $"p50 {Percentile(reads, 0.5):F1} ms, p99 {Percentile(reads, 0.99):F1} ms");

            Console.WriteLine($"RESULT volunteers checkin_p99_ms={Percentile(checkIns, 0.99):F1} ledger_balance_p99_ms={Percentile(reads, 0.99):F1}");
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts)) await host.DisposeAsync();
            await servers.DropDatabaseAsync(volunteersDatabase);
            await servers.DropDatabaseAsync(gatewayDatabase);
        }
    }

    private sealed record Created(string Id);

    private sealed record Issued(string Code);

    private static async Task<long> PostFiveYearsAsync(
        NpgsqlDataSource data, string districtCode, IReadOnlyList<(string Id, string CommunityId)> people, IReadOnlyDictionary<string, string> streetOf)
    {
        var firstMonth = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-Months);
        long lines = 0;
        await using (var connection = await data.OpenConnectionAsync())
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY volunteers.ledger_lines (tenant_id, entry_id, line_no, source_id, source_title, kind, account, street_id, community_id, amount, occurred_on, posted_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, communityId) in people)
            {
                for (var month = 0; month < Months; month++)
                {
                    var on = firstMonth.AddMonths(month);
                    var sourceId = $"AV-bench-{communityId}-{month}";
                    foreach (var (kind, number) in new[] { (ServiceLedger.CheckedHours, 1), (ServiceLedger.Points, 2) })
                    {
                        var entryId = $"{sourceId}-{id}-E{number}";
                        foreach (var (lineNo, account, amount) in new[] { (0, ServiceLedger.CommunityAccount(communityId), -2m), (1, ServiceLedger.VolunteerAccount(id), 2m) })
                        {
                            await writer.StartRowAsync();
                            await writer.WriteAsync(districtCode, NpgsqlDbType.Text);
                            await writer.WriteAsync(entryId, NpgsqlDbType.Text);
                            await writer.WriteAsync(lineNo, NpgsqlDbType.Integer);
                            await writer.WriteAsync(sourceId, NpgsqlDbType.Text);
                            await writer.WriteAsync("社区志愿服务日", NpgsqlDbType.Text);
                            await writer.WriteAsync(kind, NpgsqlDbType.Text);
                            await writer.WriteAsync(account, NpgsqlDbType.Text);
                            await writer.WriteAsync(streetOf[communityId], NpgsqlDbType.Text);
                            await writer.WriteAsync(communityId, NpgsqlDbType.Text);
                            await writer.WriteAsync(amount, NpgsqlDbType.Numeric);
                            await writer.WriteAsync(on, NpgsqlDbType.Date);
                            await writer.WriteAsync(new DateTimeOffset(on.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), NpgsqlDbType.TimestampTz);
                            lines++;
                        }
                    }
                }
            }
            await writer.CompleteAsync();
        }
        await using var analyse = data.CreateCommand("ANALYZE volunteers.ledger_lines");
        await analyse.ExecuteNonQueryAsync();
        return lines;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile * sorted.Count) - 1)];
}
