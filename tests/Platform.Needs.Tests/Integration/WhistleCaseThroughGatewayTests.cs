using System.Net;
using System.Text.Json;
using Npgsql;
using Platform.SystemUnderTest;

namespace Platform.Needs.Tests.Integration;

/// <summary>
/// A whistle case from the resident's report to the closing callback, through the gateway on real PostgreSQL and
/// RabbitMQ, each step taken by the role that takes it in a district: community staff, the street, the departments,
/// the community again, and finally an auditor who replays and verifies it.
/// </summary>
[Collection(NeedsPlatformCollection.Name)]
public sealed class WhistleCaseThroughGatewayTests(RunningPlatform platform)
{
    [Fact]
    public async Task A_whistle_case_runs_from_report_to_callback_and_the_auditor_replays_it()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        using var lead = await platform.LoginAsync("linxiaolu-cgk-dept");
        using var police = await platform.LoginAsync("jiaotong-dept");
        using var auditor = await platform.LoginAsync("auditor");

        var raised = await community.PostAsync("api/needs/needs", NeedsApi.SewerNeed(), HttpStatusCode.Created);
        var needId = raised.GetProperty("id").GetString()!;
        await community.PostAsync($"api/needs/needs/{needId}/accept", new { });
        var whistle = await community.PostAsync($"api/needs/needs/{needId}/whistle", new
        {
            level = "street", whistleType = "key", reason = "共用管道涉及底商，社区无权处置",
            triedByCommunity = new[] { "协调底商清掏", "联系物业疏通" },
        }, HttpStatusCode.Created);
        var caseId = whistle.GetProperty("id").GetString()!;

        // The street sees it on its board, waiting for dispatch, and sends it to its 城管科 with the police assisting.
        var board = await street.GetJsonAsync("api/needs/cases?status=awaiting-dispatch");
        Assert.Contains(board.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == caseId);
        await street.PostAsync($"api/needs/cases/{caseId}/dispatch", new
        {
            leadDepartmentId = "dept-linxiaolu-cgk", assistingDepartmentIds = new[] { "dept-jjzd" }, note = "城管科牵头，交通支队配合",
        });

        var dispatched = await lead.GetJsonAsync($"api/needs/cases/{caseId}");
        Assert.Equal("dispatched", dispatched.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("sign", dispatched.GetProperty("summary").GetProperty("nextDeadline").GetProperty("kind").GetString());

        await lead.PostAsync($"api/needs/cases/{caseId}/sign", new { contactedReporter = true });
        await police.PostAsync($"api/needs/cases/{caseId}/sign", new { contactedReporter = false });
        await lead.PostAsync($"api/needs/cases/{caseId}/progress", new { note = "已约底商现场查看" });
        // Only the lead unit reports the result (首接负责).
        await police.PostAsync($"api/needs/cases/{caseId}/report", new { result = "已疏通" }, HttpStatusCode.UnprocessableEntity);
        await lead.PostAsync($"api/needs/cases/{caseId}/report", new { result = "清掏管道，底商加装隔油池" });

        await community.PostAsync($"api/needs/cases/{caseId}/verify", new { passed = true, note = "现场查看，排水通畅" });
        await community.PostAsync($"api/needs/cases/{caseId}/callback", new { resolved = true, satisfied = true, comment = "满意" });
        await community.PostAsync($"api/needs/cases/{caseId}/close", new { });

        var need = await community.GetJsonAsync($"api/needs/needs/{needId}");
        Assert.Equal("closed", need.GetProperty("status").GetString());
        Assert.Equal(caseId, need.GetProperty("caseId").GetString());
        Assert.False(need.GetProperty("reporter").GetProperty("masked").GetBoolean());
        var closedCase = await street.GetJsonAsync($"api/needs/cases/{caseId}");
        Assert.Equal("closed", closedCase.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(
            ["吹哨", "派单", "签收（报到）", "签收（报到）", "办理进展", "反馈办理结果", "现场核实通过", "回访", "结案"],
            closedCase.GetProperty("timeline").EnumerateArray().Select(entry => entry.GetProperty("title").GetString()!).ToArray());

        // The auditor reads, replays, verifies and exports; and cannot write.
        var history = await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/history");
        var events = history.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(9, events.Count);
        Assert.All(events, audited => Assert.False(string.IsNullOrEmpty(audited.GetProperty("hash").GetString())));
        Assert.Equal("linxiaolu-staff", events[1].GetProperty("actor").GetString());
        // The name the person had when they acted is recorded beside the account, and read as they are called.
        Assert.Equal("熊思远（林校路街道）", events[1].GetProperty("actorName").GetString());
        Assert.Equal("熊思远（林校路街道）", closedCase.GetProperty("timeline")[1].GetProperty("actorName").GetString());
        var afterDispatch = await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/state?version=2");
        Assert.Equal("dispatched", afterDispatch.GetProperty("state").GetProperty("status").GetString());
        // A state that never was is not invented: version 0, a version past the end, a moment before the case began,
        // and both ways of naming the moment at once.
        await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/state?version=0", HttpStatusCode.BadRequest);
        await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/state?version=10", HttpStatusCode.NotFound);
        await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/state?at=2020-01-01T00:00:00Z", HttpStatusCode.NotFound);
        await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/state?version=2&at=2030-01-01T00:00:00Z", HttpStatusCode.BadRequest);
        var verification = await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/verify");
        Assert.True(verification.GetProperty("intact").GetBoolean());
        var dossier = await auditor.GetJsonAsync($"api/needs/audit/cases/{caseId}/export.json");
        Assert.Equal(9, dossier.GetProperty("history").GetProperty("events").GetArrayLength());
        using var printable = await auditor.GetAsync($"api/needs/audit/needs/{needId}/export.html");
        var html = await printable.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, printable.StatusCode);
        Assert.Contains("审计卷宗", html);
        Assert.DoesNotContain("13800000344", html);
        // Each event's facts read as named fields, not as JSON.
        Assert.Contains("<th>类别</th>", html);
        Assert.DoesNotContain("\"category\":", html);
        // Codes and ids read as what people call them: the category, the street and community, the departments.
        Assert.Contains("<td>管网（下水/排水）</td>", html);
        Assert.DoesNotContain("<td>sewer</td>", html);
        using var printableCase = await auditor.GetAsync($"api/needs/audit/cases/{caseId}/export.html");
        var caseHtml = await printableCase.Content.ReadAsStringAsync();
        Assert.Contains("<td>林校路街道城市管理办公室</td>", caseHtml);
        Assert.Contains("<td>示范区公安分局交通支队</td>", caseHtml);
        Assert.Contains("<td>街道</td>", caseHtml);
        Assert.DoesNotContain("<td>dept-linxiaolu-cgk</td>", caseHtml);
        Assert.DoesNotContain("<td>street</td>", caseHtml);
        await auditor.PostAsync($"api/needs/cases/{caseId}/reopen", new { reason = "审计不能写" }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_and_stores_nothing()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        var before = await EventCountAsync();

        var problem = await community.PostAsync("api/needs/needs", new { title = "", category = "no-such", urgency = "urgent", place = new { communityId = "xinghuananli" } },
            HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("category", out _));
        Assert.True(errors.TryGetProperty("reporter.phone", out _));
        await community.PostAsync("api/needs/needs", new { title = "x", place = new { communityId = "no-such-community" } }, HttpStatusCode.BadRequest);
        await community.GetJsonAsync("api/needs/needs?pageSize=5000", HttpStatusCode.BadRequest);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task A_stale_version_is_a_409_and_a_transition_the_rules_forbid_is_a_422()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        var raised = await community.PostAsync("api/needs/needs", NeedsApi.SewerNeed("华昱家园西门乱停车"), HttpStatusCode.Created);
        var needId = raised.GetProperty("id").GetString()!;
        var version = raised.GetProperty("version").GetInt64();

        await community.PostAsync($"api/needs/needs/{needId}/accept", new { }, ifMatch: version);
        var conflict = await community.PostAsync($"api/needs/needs/{needId}/reject", new { reason = "重复" }, HttpStatusCode.Conflict, ifMatch: version);
        Assert.Equal(version + 1, conflict.GetProperty("currentVersion").GetInt64());
        await community.PostAsync($"api/needs/needs/{needId}/close", new { }, HttpStatusCode.UnprocessableEntity);

        var need = await community.GetJsonAsync($"api/needs/needs/{needId}");
        Assert.Equal("accepted", need.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Merging_refuses_a_missing_need_a_case_id_and_a_need_outside_the_scope_naming_the_field()
    {
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        var duplicate = (await xinghua.PostAsync("api/needs/needs", NeedsApi.SewerNeed("怡兴园雨水井堵塞"), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var original = (await xinghua.PostAsync("api/needs/needs", NeedsApi.SewerNeed("怡兴园雨水井堵了"), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var elsewhere = (await yongxinglu.PostAsync("api/needs/needs", new
        {
            title = "楼道堆物", description = "3 号楼楼道堆放杂物", category = "env", urgency = "normal", channel = "staff",
            place = new { streetId = "yongchang", communityId = "yongxinglu" }, reporter = new { name = "王大爷", phone = "13900000001" },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        foreach (var target in new[] { "N20260101-000000000000", "C20260101-000000000000", elsewhere })
        {
            var problem = await xinghua.PostAsync($"api/needs/needs/{duplicate}/merge", new { duplicateOfNeedId = target }, HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty("duplicateOfNeedId", out _), target);
        }
        Assert.Equal("raised", (await xinghua.GetJsonAsync($"api/needs/needs/{duplicate}")).GetProperty("status").GetString());

        await xinghua.PostAsync($"api/needs/needs/{duplicate}/merge", new { duplicateOfNeedId = original });
        Assert.Equal("merged", (await xinghua.GetJsonAsync($"api/needs/needs/{duplicate}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Scope_is_enforced_on_the_need_itself_and_the_reporter_is_masked_for_those_who_do_not_handle_it()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var otherCommunity = await platform.LoginAsync("yongxinglu-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        using var otherStreet = await platform.LoginAsync("chengguan-staff");
        var needId = (await community.PostAsync("api/needs/needs", NeedsApi.SewerNeed("兴政家园路灯不亮"), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        await otherCommunity.GetJsonAsync($"api/needs/needs/{needId}", HttpStatusCode.Forbidden);
        await otherCommunity.PostAsync($"api/needs/needs/{needId}/accept", new { }, HttpStatusCode.Forbidden);
        await otherStreet.GetJsonAsync($"api/needs/needs/{needId}", HttpStatusCode.Forbidden);
        await otherCommunity.PostAsync("api/needs/needs", NeedsApi.SewerNeed(), HttpStatusCode.Forbidden);

        var seenByStreet = await street.GetJsonAsync($"api/needs/needs/{needId}");
        Assert.True(seenByStreet.GetProperty("reporter").GetProperty("masked").GetBoolean());
        Assert.Equal("138****0344", seenByStreet.GetProperty("reporter").GetProperty("phone").GetString());
        var list = await otherCommunity.GetJsonAsync("api/needs/needs?pageSize=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == needId);
    }

    [Fact]
    public async Task A_raised_need_reaches_the_district_dashboard_and_department_scores_follow_the_callbacks()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var admin = await platform.LoginAsync("district-admin");
        var before = (await admin.GetJsonAsync("api/needs/dashboard")).GetProperty("openNeeds").GetInt32();

        await community.PostAsync("api/needs/needs", NeedsApi.SewerNeed("怡兴园蚊虫较多"), HttpStatusCode.Created);

        await Eventually.ReachesAsync(
            async () => (await admin.GetJsonAsync("api/needs/dashboard")).GetProperty("openNeeds").GetInt32(), open => open == before + 1, "dashboard update");
        var scores = await admin.GetJsonAsync("api/needs/scores?period=all");
        Assert.Equal(0.3, scores.GetProperty("weights").GetProperty("responseRate").GetDouble());
        Assert.Equal(5, scores.GetProperty("minimumCasesToRank").GetInt32());
        var dashboard = await admin.GetJsonAsync("api/needs/dashboard");
        // Names come from the service's copy of the org tree: every street and department of the demo has one.
        Assert.All(dashboard.GetProperty("byStreet").EnumerateArray(), street =>
            Assert.NotEqual(street.GetProperty("streetId").GetString(), street.GetProperty("streetName").GetString()));
        Assert.NotEmpty(scores.GetProperty("items").EnumerateArray());
        Assert.All(scores.GetProperty("items").EnumerateArray(), department =>
            Assert.NotEqual(department.GetProperty("departmentId").GetString(), department.GetProperty("departmentName").GetString()));
        foreach (var department in scores.GetProperty("items").EnumerateArray())
        {
            var rank = department.GetProperty("rank");
            if (rank.ValueKind == JsonValueKind.Number) Assert.True(department.GetProperty("dispatched").GetInt32() >= 5);
        }
        await admin.GetJsonAsync("api/needs/scores?period=2026-13", HttpStatusCode.BadRequest);
    }

    private async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(platform.Services["needs"].Database);
        await connection.OpenAsync();
        // Only this test's caller: the demo loader and the timers may be appending beside it.
        await using var command = new NpgsqlCommand("SELECT count(*) FROM needs.mt_events WHERE user_name = 'xinghua-staff'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
