using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.EventSourcing.Commands;
using Platform.Kernel.Deciding;
using Platform.Needs.Handling;

namespace Platform.Needs.Tests.Integration;

/// <summary>
/// The time limits' timers on real PostgreSQL and RabbitMQ, with the clock moved by the test: they survive a restart,
/// and with two instances of the service polling the same database each limit is recorded, and escalated, once.
/// </summary>
public sealed class DeadlineTimerTests() : ServiceInstanceTests("needs-timers", Start, "Needs:Timers")
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private Task<InProcessHost> StartInstanceAsync() => StartInstanceAsync(NeedsService.Build);

    [Fact]
    public async Task Overdue_cases_escalate_exactly_once_with_two_instances_and_after_a_restart()
    {
        var caseIds = new List<string>();
        await using (var first = await StartInstanceAsync())
        {
            var commands = first.Application.Services.GetRequiredService<NeedsCommandHandler>();
            await KnowDepartmentAsync("dept-linxiaolu-cgk", "林校路街道城管科", "linxiaolu");
            for (var i = 0; i < 12; i++) caseIds.Add(await DispatchedCaseAsync(commands, $"兴华南里第{i + 1}号下水堵塞"));
        }
        // All instances are down while the sign limit (1 h) passes; the timers are rows, not memory.
        Clock.Advance(TimeSpan.FromMinutes(61));

        await using var instanceA = await StartInstanceAsync();
        await using var instanceB = await StartInstanceAsync();
        await Eventually.HoldsAsync(async () => await CountAsync("cases.case-escalated.v1") == caseIds.Count, "every case escalated");
        // Give both instances many more polls in which a double firing would show.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        foreach (var caseId in caseIds)
        {
            var events = await EventTypesAsync(WhistleCase.StreamId(caseId));
            Assert.Equal(1, events.Count(type => type == "cases.case-overdue.v1"));
            Assert.Equal(1, events.Count(type => type == "cases.case-escalated.v1"));
        }
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM needs.durable_timers WHERE timer_key LIKE 'sign:%'"));

        // The handling limit (24 h for a utility) breaches at the district level: recorded, not escalated further.
        Clock.Advance(TimeSpan.FromHours(24));
        await Eventually.HoldsAsync(async () => await CountAsync("cases.case-overdue.v1") == 2 * caseIds.Count, "handling limits breached");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2 * caseIds.Count, await CountAsync("cases.case-overdue.v1"));
        Assert.Equal(caseIds.Count, await CountAsync("cases.case-escalated.v1"));
        var board = await ScalarAsync("SELECT count(*) FROM needs.case_views WHERE level = 'district' AND overdue");
        Assert.Equal(caseIds.Count, board);
    }

    [Fact]
    public async Task A_need_the_community_leaves_past_its_limit_is_whistled_to_the_street_once()
    {
        await using var instanceA = await StartInstanceAsync();
        await using var instanceB = await StartInstanceAsync();
        var commands = instanceA.Application.Services.GetRequiredService<NeedsCommandHandler>();
        var needId = await AcceptedNeedAsync(commands, "华昱家园西门乱停车");

        Clock.Advance(TimeSpan.FromDays(8));   // a general need has 7 days

        await Eventually.HoldsAsync(async () => (await EventTypesAsync(Need.StreamId(needId))).Contains("needs.need-escalated.v1"), "automatic whistle");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var needEvents = await EventTypesAsync(Need.StreamId(needId));
        Assert.Equal(1, needEvents.Count(type => type == "needs.need-overdue.v1"));
        Assert.Equal(1, needEvents.Count(type => type == "needs.need-escalated.v1"));
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM needs.case_views WHERE need_id = '{needId}' AND level = 'street' AND status = 'awaiting-dispatch'"));
    }

    [Fact]
    public async Task A_database_kept_from_before_the_kernel_timers_keeps_its_running_limits()
    {
        await ExecuteAsync($$"""
            CREATE SCHEMA needs;
            CREATE TABLE needs.deadlines (
                tenant_id text NOT NULL, stream_id text NOT NULL, deadline_key text NOT NULL, kind text NOT NULL, department_id text,
                round integer NOT NULL, due_at timestamptz NOT NULL, attempts integer NOT NULL DEFAULT 0, retry_at timestamptz, last_error text,
                PRIMARY KEY (tenant_id, stream_id, deadline_key));
            INSERT INTO needs.deadlines VALUES
                ('{{District}}', 'case-C1', 'sign:dept-linxiaolu-cgk:1', 'sign', 'dept-linxiaolu-cgk', 1, '2026-11-02 10:00+08', 2, '2026-11-02 10:04+08', '网络中断'),
                ('{{District}}', 'need-N1', 'need-handle:1', 'need-handle', NULL, 1, '2026-11-09 09:00+08', 0, NULL, NULL);
            """);
        await using var dataSource = NpgsqlDataSource.Create(Database);

        await new Platform.Needs.ReadModels.NeedsSchema(dataSource).StartAsync(default);

        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'needs' AND tablename = 'deadlines'"));
        Assert.Equal(1, await ScalarAsync("""
            SELECT count(*) FROM needs.durable_timers WHERE stream_id = 'case-C1' AND timer_key = 'sign:dept-linxiaolu-cgk:1' AND kind = 'sign'
               AND facts = '{"departmentId": "dept-linxiaolu-cgk", "round": "1"}' AND attempts = 2 AND last_error = '网络中断'
            """));
        Assert.Equal(1, await ScalarAsync("""
            SELECT count(*) FROM needs.durable_timers WHERE stream_id = 'need-N1' AND kind = 'need-handle' AND due_at = '2026-11-09 09:00+08'
               AND facts = '{"departmentId": null, "round": "1"}' AND retry_at IS NULL
            """));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static readonly CommandOrigin Community = new(District, "xinghua-staff", "timer-test");

    private async Task<string> AcceptedNeedAsync(NeedsCommandHandler commands, string title)
    {
        var needId = RecordIds.New("N", Clock.GetUtcNow());
        await commands.RaiseAsync(Community, new RaiseNeed(
            needId, title, "门口两侧长期停满车辆，出入看不到来车。", "parking", "normal",
            new Place("linxiaolu", "xinghuananli", null, null, "华昱家园西门"), new ReporterContact("蔡欣怡", "13800000344"), null, "grid", null), default);
        await commands.OnNeedAsync(Community, needId, new AcceptNeed(null), null, _ => { }, default);
        return needId;
    }

    private async Task<string> DispatchedCaseAsync(NeedsCommandHandler commands, string title)
    {
        var needId = RecordIds.New("N", Clock.GetUtcNow());
        await commands.RaiseAsync(Community, new RaiseNeed(
            needId, title, "1、2号楼与底商共用下水管道堵塞。", "sewer", "urgent",
            new Place("linxiaolu", "xinghuananli", null, null, "怡兴园"), new ReporterContact("蔡欣怡", "13800000344"), null, "grid", null), default);
        await commands.OnNeedAsync(Community, needId, new AcceptNeed(null), null, _ => { }, default);
        var whistle = await commands.BlowWhistleAsync(Community, needId, null, "street", "key", "涉及底商，社区无权处置", ["协调底商清掏"], _ => { }, default);
        await commands.OnCaseAsync(new CommandOrigin(District, "linxiaolu-staff", "timer-test"), whistle.Id,
            new DispatchCase("dept-linxiaolu-cgk", [], [], null, null), null, _ => { }, default);
        return whistle.Id;
    }

    /// <summary>What the organization events would have left in the service's copy of the org tree: no gateway runs here.</summary>
    private async Task KnowDepartmentAsync(string unitId, string name, string streetId)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Platform.Authorization.OrganizationDirectory.Schema}.org_units
                (district_code, unit_id, kind, name, parent_id, street_id, community_id, closed, revision)
            VALUES ($1, $2, $3, $4, $5, $5, NULL, false, 1) ON CONFLICT DO NOTHING
            """, connection)
        {
            Parameters =
            {
                new() { Value = District }, new() { Value = unitId }, new() { Value = Contracts.Organization.OrganizationUnitKinds.Department },
                new() { Value = name }, new() { Value = streetId },
            },
        };
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string eventType) =>
        await ScalarAsync($"SELECT count(*) FROM needs.mt_events WHERE type = '{eventType}'");

    private async Task<List<string>> EventTypesAsync(string streamId)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT type FROM needs.mt_events WHERE stream_id = $1 ORDER BY version", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }

}
