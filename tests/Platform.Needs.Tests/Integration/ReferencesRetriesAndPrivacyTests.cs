using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.SystemUnderTest;

namespace Platform.Needs.Tests.Integration;

/// <summary>
/// The defects found by trying Needs as its users and as an attacker would, each kept fixed through the gateway on
/// real PostgreSQL and RabbitMQ: phantom departments, departments that lose a race they should not, retries that
/// created twice, channels claimed by the wrong caller, filters that silently matched nothing, and personal data
/// typed into free text.
/// </summary>
[Collection(NeedsPlatformCollection.Name)]
public sealed class ReferencesRetriesAndPrivacyTests(RunningPlatform platform)
{
    [Fact]
    public async Task A_case_is_given_only_to_departments_and_units_that_exist_and_may_take_it_and_the_refusal_names_the_field()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        var caseId = await community.WhistleAsync("怡兴园3号楼外墙脱落");

        (object Dispatch, string Field)[] refused =
        [
            (new { leadDepartmentId = "dept-no-such" }, "leadDepartmentId"),
            (new { leadDepartmentId = "dept-chengguan-cgk" }, "leadDepartmentId"),
            (new { leadDepartmentId = "xinghuananli" }, "leadDepartmentId"),
            (new { leadDepartmentId = "dept-linxiaolu-cgk", assistingDepartmentIds = new[] { "dept-jjzd", "dept-ghost" } }, "assistingDepartmentIds"),
            (new { leadDepartmentId = "dept-linxiaolu-cgk", participatingUnitIds = new[] { "u-no-such-unit" } }, "participatingUnitIds"),
            (new { leadDepartmentId = "dept-linxiaolu-cgk", participatingUnitIds = new[] { "dept-jjzd" } }, "participatingUnitIds"),
        ];
        foreach (var (dispatch, field) in refused)
        {
            var problem = await street.PostAsync($"api/needs/cases/{caseId}/dispatch", dispatch, HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{JsonSerializer.Serialize(dispatch)}: {problem}");
        }

        var unchanged = await street.GetJsonAsync($"api/needs/cases/{caseId}");
        Assert.Equal("awaiting-dispatch", unchanged.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(1, await EventCountAsync(caseId));
    }

    [Fact]
    public async Task Two_departments_both_sign_whether_on_the_same_version_or_at_the_same_moment_but_a_result_on_a_stale_version_is_a_409()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        using var lead = await platform.LoginAsync("linxiaolu-cgk-dept");
        using var police = await platform.LoginAsync("jiaotong-dept");
        var (caseId, seen) = await DispatchedToTwoDepartmentsAsync(community, street, "怡兴园门前占道经营");

        await lead.PostAsync($"api/needs/cases/{caseId}/sign", new { contactedReporter = true }, ifMatch: seen);
        await police.PostAsync($"api/needs/cases/{caseId}/sign", new { contactedReporter = false }, ifMatch: seen);
        await lead.PostAsync($"api/needs/cases/{caseId}/progress", new { note = "已约摊主谈话" }, ifMatch: seen + 1);
        var conflict = await lead.PostAsync($"api/needs/cases/{caseId}/report", new { result = "摊位已清理" }, HttpStatusCode.Conflict, ifMatch: seen + 1);

        Assert.Equal(seen + 3, conflict.GetProperty("currentVersion").GetInt64());
        var signed = await street.GetJsonAsync($"api/needs/cases/{caseId}");
        Assert.Equal(2, signed.GetProperty("summary").GetProperty("signedDepartmentIds").GetArrayLength());
        Assert.Equal(seen + 3, await EventCountAsync(caseId));

        // The race is lost at different points (before the append, or in the view the append updates), so it is run
        // often enough to meet each: one round in eight lost it inside the view before that was a conflict too.
        for (var round = 1; round <= 16; round++)
        {
            var (atOnce, dispatchedAt) = await DispatchedToTwoDepartmentsAsync(community, street, $"兴政家园路口夜间施工扰民（第{round}次）");
            await Task.WhenAll(
                lead.PostAsync($"api/needs/cases/{atOnce}/sign", new { contactedReporter = true }),
                police.PostAsync($"api/needs/cases/{atOnce}/sign", new { contactedReporter = true }));
            Assert.Equal(dispatchedAt + 2, await EventCountAsync(atOnce));
            var both = await street.GetJsonAsync($"api/needs/cases/{atOnce}");
            Assert.Equal(2, both.GetProperty("summary").GetProperty("signedDepartmentIds").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_streets_department_sees_its_streets_figures_on_the_dashboard_and_the_district_office_every_street()
    {
        using var district = await platform.LoginAsync("district-admin");
        using var department = await platform.LoginAsync("linxiaolu-cgk-dept");

        var everywhere = (await district.GetJsonAsync("api/needs/dashboard")).GetProperty("byStreet").EnumerateArray().Select(street => street.GetProperty("streetId").GetString()).ToList();
        var own = (await department.GetJsonAsync("api/needs/dashboard")).GetProperty("byStreet").EnumerateArray().Select(street => street.GetProperty("streetId").GetString()).ToList();

        Assert.True(everywhere.Count > 1, string.Join(", ", everywhere));
        Assert.Equal(["linxiaolu"], own);
    }

    [Fact]
    public async Task A_retried_report_with_the_same_idempotency_key_is_answered_once_and_creates_one_need()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var resident = await platform.LoginAsync("xinghua-resident");
        const string title = "怡兴园5号楼电梯停运（重试）";
        var key = Guid.NewGuid().ToString();

        using var first = await RaiseAsync(community, NeedsApi.SewerNeed(title), key);
        using var retry = await RaiseAsync(community, NeedsApi.SewerNeed(title), key);
        var created = await first.ReadAsync(HttpStatusCode.Created);
        var replayed = await retry.ReadAsync(HttpStatusCode.Created);

        Assert.Equal(created.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        // The service does not know the gateway's prefix; its Location, resolved as a client resolves it, still names the need.
        Assert.Equal(
            new Uri(platform.Gateway, $"api/needs/needs/{created.GetProperty("id").GetString()}"),
            new Uri(first.RequestMessage!.RequestUri!, first.Headers.Location!));
        Assert.True(retry.Headers.TryGetValues("Idempotent-Replayed", out var flag) && flag.Single() == "true");
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await RaisedCountAsync(title));

        using var otherBody = await RaiseAsync(community, NeedsApi.SewerNeed(title + "！"), key);
        await otherBody.ReadAsync(HttpStatusCode.UnprocessableEntity);
        using var badKey = await RaiseAsync(community, NeedsApi.SewerNeed(title), new string('k', 101));
        await badKey.ReadAsync(HttpStatusCode.BadRequest);
        // A key is its sender's: the same key from another account is another request.
        using var someoneElse = await RaiseAsync(resident, new { title, description = "电梯停了两天", category = "sewer", urgency = "normal", reporter = new { phone = "13700000001" } }, key);
        Assert.NotEqual(created.GetProperty("id").GetString(), (await someoneElse.ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetString());
        Assert.Equal(2, await RaisedCountAsync(title));
    }

    [Fact]
    public async Task A_channel_says_who_spoke_so_staff_cannot_claim_a_residents_or_a_platforms_and_a_resident_reports_as_themself()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var resident = await platform.LoginAsync("xinghua-resident");

        foreach (var channel in new[] { "resident", "open311", "carrier-pigeon" })
        {
            var problem = await community.PostAsync("api/needs/needs", WithChannel(NeedsApi.SewerNeed("渠道测试"), channel), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _), channel);
        }
        await resident.PostAsync("api/needs/needs", new { title = "楼道灯坏了", category = "env", urgency = "normal", channel = "staff", reporter = new { phone = "13700000002" } },
            HttpStatusCode.BadRequest);

        var raised = await resident.PostAsync("api/needs/needs", new
        {
            title = "3号楼楼道灯坏了", description = "晚上看不见台阶", category = "env", urgency = "normal",
            reporter = new { name = "冒名顶替", phone = "13700000003" },
        }, HttpStatusCode.Created);

        var need = await community.GetJsonAsync($"api/needs/needs/{raised.GetProperty("id").GetString()}");
        Assert.Equal("resident", need.GetProperty("channel").GetString());
        Assert.Equal("万秋菊", need.GetProperty("reporter").GetProperty("name").GetString());
        Assert.Equal("13700000003", need.GetProperty("reporter").GetProperty("phone").GetString());
    }

    [Theory]
    [InlineData("api/needs/needs?status=opne")]
    [InlineData("api/needs/needs?category=no-such")]
    [InlineData("api/needs/cases?status=whatever")]
    [InlineData("api/needs/cases?level=province")]
    public async Task A_filter_on_a_value_that_does_not_exist_is_a_400_not_an_empty_list(string path)
    {
        using var admin = await platform.LoginAsync("district-admin");
        var problem = await admin.GetJsonAsync(path, HttpStatusCode.BadRequest);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Phone_and_ID_numbers_typed_into_free_text_are_masked_for_those_who_do_not_handle_the_reporter()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        var need = NeedsApi.SewerNeed("怡兴园2号楼返水");
        var described = new Dictionary<string, object?>(JsonSerializer.SerializeToElement(need).EnumerateObject().Select(property =>
            new KeyValuePair<string, object?>(property.Name, property.Value)))
        {
            ["description"] = "住户王女士，电话13912345678，身份证110101199003071234，2026-12-05 起返水",
        };
        var needId = (await community.PostAsync("api/needs/needs", described, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await community.PostAsync($"api/needs/needs/{needId}/accept", new { });
        var caseId = (await community.PostAsync($"api/needs/needs/{needId}/whistle", new
        {
            level = "street", whistleType = "key", reason = "请联系王女士 139-1234-5678 入户查看", triedByCommunity = new[] { "联系物业" },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var handled = (await community.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("description").GetString()!;
        var seenByStreet = (await street.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("description").GetString()!;
        var caseByStreet = (await street.GetJsonAsync($"api/needs/cases/{caseId}")).ToString();
        var caseByCommunity = (await community.GetJsonAsync($"api/needs/cases/{caseId}")).ToString();

        Assert.Contains("13912345678", handled);
        Assert.Contains("110101199003071234", handled);
        Assert.Equal("住户王女士，电话139****5678，身份证110***********1234，2026-12-05 起返水", seenByStreet);
        Assert.DoesNotContain("1234-5678", caseByStreet);
        Assert.Contains("139****5678", caseByStreet);
        Assert.Contains("139-1234-5678", caseByCommunity);
    }

    [Fact]
    public async Task Every_unmasked_view_of_a_reporter_is_in_the_access_log_an_auditor_reads_and_a_masked_view_is_not()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        using var auditor = await platform.LoginAsync("auditor");
        var needId = (await community.PostAsync("api/needs/needs", NeedsApi.SewerNeed("怡兴园3号楼化粪池满溢"), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        await community.GetJsonAsync($"api/needs/needs/{needId}");
        await community.GetJsonAsync($"api/needs/needs/{needId}");
        await street.GetJsonAsync($"api/needs/needs/{needId}");

        var log = await auditor.GetJsonAsync($"api/needs/audit/personal-data-views?subjectId={needId}");
        var views = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, views.Count);
        Assert.All(views, view =>
        {
            Assert.Equal("xinghua-staff", view.GetProperty("viewerId").GetString());
            Assert.Equal("need", view.GetProperty("subjectKind").GetString());
            Assert.Equal(["reporter.name", "reporter.phone"], view.GetProperty("fields").EnumerateArray().Select(field => field.GetString()));
        });

        await auditor.GetJsonAsync("api/needs/audit/personal-data-views?from=2026-13-01", HttpStatusCode.BadRequest);
        await auditor.GetJsonAsync("api/needs/audit/personal-data-views?from=2026-01-01&to=2026-03-01", HttpStatusCode.BadRequest);
        await auditor.GetJsonAsync("api/needs/audit/personal-data-views?from=2026-03-01&to=2026-01-01", HttpStatusCode.BadRequest);
        await street.GetJsonAsync("api/needs/audit/personal-data-views", HttpStatusCode.Forbidden);
        await auditor.GetJsonAsync($"api/needs/audit/projects/{needId}/history", HttpStatusCode.NotFound);
    }

    private static object WithChannel(object need, string channel)
    {
        var fields = JsonSerializer.SerializeToElement(need).EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value);
        fields["channel"] = channel;
        return fields;
    }

    private static async Task<HttpResponseMessage> RaiseAsync(HttpClient client, object need, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/needs/needs") { Content = JsonContent.Create(need) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>A case led by the street's 城管科 with the traffic police assisting; and the version the street saw after dispatching.</summary>
    private static async Task<(string CaseId, long Version)> DispatchedToTwoDepartmentsAsync(HttpClient community, HttpClient street, string title)
    {
        var caseId = await community.WhistleAsync(title);
        var dispatched = await street.PostAsync($"api/needs/cases/{caseId}/dispatch", new
        {
            leadDepartmentId = "dept-linxiaolu-cgk", assistingDepartmentIds = new[] { "dept-jjzd" },
        });
        return (caseId, dispatched.GetProperty("version").GetInt64());
    }

    private async Task<long> EventCountAsync(string caseId) =>
        await ScalarAsync("SELECT count(*) FROM needs.mt_events WHERE stream_id = $1", $"case-{caseId}");

    private async Task<long> RaisedCountAsync(string title) =>
        await ScalarAsync("SELECT count(*) FROM needs.mt_events WHERE data ->> 'title' = $1", title);

    private async Task<long> ScalarAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(platform.Services["needs"].Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
