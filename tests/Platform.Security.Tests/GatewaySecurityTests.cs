using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Authorization;
using Platform.Testing;

namespace Platform.Security.Tests;

[Collection(SecuredPlatformCollection.Name)]
public sealed class GatewaySecurityTests(SecuredPlatform platform)
{
    /// <summary>Values that point at 兴华南里 (林校路街道) for every route parameter the platform has.</summary>
    private static readonly Dictionary<string, string> XinghuaNanli = new()
    {
        ["communityId"] = "xinghuananli",
        ["streetId"] = "linxiaolu",
        ["gridId"] = "xinghuananli-g1",
        ["unitId"] = "u-xhnl-huayu-wuye",
        // Joined by 兴华南里 in WithXinghuaCaseAsync.
        ["coBuildingUnitId"] = "u-xhnl-huayu-wuye",
        // Replaced by an agreement 兴华南里 signs in WithXinghuaCaseAsync.
        ["agreementId"] = "A20261101-000000000000",
        // Replaced by an offer of 华昱家园物业 to 兴华南里, and its booking, in WithXinghuaCaseAsync.
        ["offerId"] = "R20261101-000000000000",
        ["bookingId"] = "B20261101-000000000000",
        // Replaced by a contribution 华昱家园物业 gave 兴华南里, reported in WithXinghuaCaseAsync.
        ["contributionId"] = "G20261101-000000000000",
        // Replaced by a project 兴华南里 decides in WithXinghuaCaseAsync.
        ["projectId"] = "P20261101-000000000000",
        // A claim on that project; the scope is refused before the claim is looked up.
        ["claimId"] = "K1",
        ["taskId"] = "T1",
        // Replaced by the meeting 兴华南里's council schedules in WithXinghuaCaseAsync.
        ["meetingId"] = "M20261101-000000000000",
        ["id"] = "xinghuananli",
        ["pingId"] = "6b1f1f64-1d8e-4f53-a3f4-6f0d1c8e0a11",
        ["kind"] = "cases",
        // Replaced by a real 兴华南里 need and case where the answer depends on it (see WithXinghuaCaseAsync).
        ["needId"] = "N20261101-00000000",
        ["caseId"] = "C20261101-00000000",
        ["attachmentId"] = "0193a000-0000-7000-8000-000000000001",
        // Replaced by 兴华南里's volunteer, team, activity, gift, household and micro-wish in WithXinghuaCaseAsync.
        ["volunteerId"] = "V20261101-000000000000",
        ["teamId"] = "T20261101-000000000000",
        ["activityId"] = "AV20261101-000000000000",
        ["giftId"] = "G20261101-000000000001",
        ["householdId"] = "H20261101-000000000000",
        ["wishId"] = "N20261101-00000000",
        // Replaced by an alert of 兴华南里 in WithXinghuaCaseAsync.
        ["alertId"] = "0193a000-0000-7000-8000-00000000a1e7",
        ["reportedUnitId"] = "u-xhnl-huayu-wuye",
        ["employerUnitId"] = "u-xhnl-huayu-wuye",
    };

    /// <summary>Bodies for operations whose scope is in the body rather than the route: they name 兴华南里 there.</summary>
    private static readonly Dictionary<string, string> XinghuaBodies = new()
    {
        ["POST /api/needs/needs"] = """
            {"title":"探测","description":"探测","category":"env","urgency":"normal","channel":"staff",
             "place":{"streetId":"linxiaolu","communityId":"xinghuananli"},"reporter":{"name":"探测","phone":"13800000000"}}
            """,
        ["POST /api/resources/units"] = """{"name":"探测","kind":"merchant","communityIds":["xinghuananli"]}""",
        ["POST /api/resources/agreements"] = """
            {"unitId":"u-xhnl-huayu-wuye","communityId":"xinghuananli","title":"探测","startsOn":"{lastMonth}","endsOn":"{inAYear}",
             "commitments":[{"what":"探测","measure":"activities","amount":1,"per":"year"}]}
            """,
        ["POST /api/resources/offers"] = """
            {"coBuildingUnitId":"u-xhnl-huayu-wuye","communityIds":["xinghuananli"],"title":"探测","kind":"materials","category":"assistance",
             "capacity":{"amount":1000,"measure":"items","scope":"in-total"},"availability":{"from":"{lastMonth}","until":"{inAYear}"}}
            """,
        ["POST /api/resources/contributions"] = """
            {"coBuildingUnitId":"u-xhnl-huayu-wuye","communityId":"xinghuananli","what":"探测","measure":"hours","amount":2,"occurredOn":"{lastMonth}"}
            """,
        ["POST /api/resources/bookings"] = """{"offerId":"{offerId}","communityId":"xinghuananli","date":"{nextMonth}","quantity":1,"purpose":"探测"}""",
        ["POST /api/projects/projects"] = """
            {"name":"探测","summary":"探测","communityId":"xinghuananli","dueOn":"{nextMonth}",
             "tasks":[{"what":"探测","ownerName":"兴华南里社区居委会","deadline":"{nextMonth}"}]}
            """,
        ["POST /api/volunteers/volunteers"] = """{"kind":"resident","person":{"name":"探测","phone":"13800000000"},"communityId":"xinghuananli"}""",
        ["POST /api/volunteers/teams"] = """{"name":"探测","kind":"service","communityId":"xinghuananli"}""",
        ["POST /api/volunteers/activities"] = """
            {"title":"探测","communityId":"xinghuananli","place":{"address":"探测"},"startsAt":"{nextMonth}T09:00:00+08:00","endsAt":"{nextMonth}T11:00:00+08:00","capacity":5}
            """,
        ["POST /api/volunteers/ledger/gifts"] = """{"name":"探测","kind":"gift","points":1,"quantity":1,"communityId":"xinghuananli"}""",
        ["POST /api/volunteers/unit-reports"] = """{"unitId":"u-xhnl-huayu-wuye","partyOrganization":"探测","partyMembers":1,"offering":"探测"}""",
        ["POST /api/volunteers/households"] = """{"communityId":"xinghuananli","address":"探测","groups":["独居老人"],"colour":"red","reason":"探测"}""",
        ["PUT /api/projects/meetings/roster"] = """{"communityId":"xinghuananli","unitIds":["u-xhnl-huayu-wuye"]}""",
        ["POST /api/projects/meetings"] = """{"communityId":"xinghuananli","heldAt":"{nextMonth}T19:00:00+08:00","place":"探测"}""",
    };

    /// <summary>Operations whose subject is named in the query rather than the route: they name 兴华南里's need there.</summary>
    private static readonly Dictionary<string, string> XinghuaQueries = new()
    {
        ["GET /api/resources/matches"] = "needId={needId}",
        ["GET /api/volunteers/ledger"] = "volunteerId={volunteerId}",
    };

    /// <summary>Operations that answer every authenticated caller from their own scope instead of refusing.</summary>
    private static readonly Dictionary<string, string> CallerScoped = new()
    {
        ["GET /api/identity/me"] = "the caller's own account",
        ["GET /api/identity/organization"] = "the tree filtered to the caller's scope",
        ["GET /api/insights/overview"] = "the district view of the caller's own place",
        ["GET /api/insights/alerts"] = "the alerts of the caller's own community",
        ["GET /api/insights/alerts/digest"] = "the alert digest of the caller's own community",
        ["GET /api/needs/catalogue"] = "the district's catalogue, the same for everyone",
        ["GET /api/needs/needs"] = "the needs of the caller's own community",
        ["GET /api/needs/cases"] = "the cases of the caller's own community",
        ["GET /api/needs/notifications"] = "the caller's own reminders",
        ["GET /api/resources/catalogue"] = "the service catalogue, the same for everyone",
        ["GET /api/resources/units"] = "the units serving the caller's own community",
        ["GET /api/resources/agreements"] = "the agreements the caller's own community signed",
        ["GET /api/resources/offers"] = "the offers open to the caller's own community",
        ["GET /api/resources/bookings"] = "the bookings of the caller's own community",
        ["GET /api/resources/contributions"] = "the contributions the caller's own community received",
        ["GET /api/resources/contributions/ledger"] = "the ledger of the caller's own community",
        ["GET /api/projects/projects"] = "the projects of the caller's own community",
        ["GET /api/projects/needs"] = "the accepted needs of the caller's own community",
        ["GET /api/projects/meetings"] = "the meetings of the caller's own community",
        ["GET /api/projects/feedback"] = "the feedback list of the caller's own community",
        ["GET /api/projects/lists"] = "the five lists' counts of the caller's own community",
        ["GET /api/projects/notices"] = "the overdue notices of the caller's own community",
        ["GET /api/projects/claims"] = "the claims on the caller's own community's projects",
        ["GET /api/projects/claimable"] = "the running projects of the caller's own community",
        ["GET /api/volunteers/volunteers"] = "the volunteers of the caller's own community",
        ["GET /api/volunteers/teams"] = "the teams of the caller's own community",
        ["GET /api/volunteers/activities"] = "the activities of the caller's own community",
        ["GET /api/volunteers/wishes"] = "the micro-wish board of the caller's own community",
        ["GET /api/volunteers/ledger/gifts"] = "the gifts of the caller's own community",
        ["GET /api/volunteers/households"] = "the household files of the caller's own community",
        ["GET /api/volunteers/households/counts"] = "the household counts of the caller's own community",
        ["GET /api/volunteers/unit-reports"] = "the unit reports of the caller's own community",
        ["GET /api/volunteers/coverage"] = "the 双报到 coverage of the caller's own community",
    };

    [Fact]
    public async Task Every_endpoint_refuses_a_request_without_a_token()
    {
        using var anonymous = platform.Anonymous();
        var operations = await EndpointCatalog.ReadAsync(anonymous);
        Assert.NotEmpty(operations);

        foreach (var operation in operations.Where(operation => !EndpointCatalog.IsPublic(operation)))
        {
            using var response = await Send(anonymous, operation);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_community_staff_member_of_another_community()
    {
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        var operations = await EndpointCatalog.ReadAsync(yongxinglu);
        var values = await WithXinghuaCaseAsync();

        foreach (var operation in operations.Where(operation => !EndpointCatalog.IsPublic(operation)))
        {
            using var response = await Send(yongxinglu, operation, values);
            var expected = CallerScoped.ContainsKey(operation.ToString()) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(response.StatusCode == expected,
                $"{operation} as 永兴路 staff against 兴华南里: {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_community_staff_member_reaches_their_own_community()
    {
        using var xinghua = await platform.LoginAsync("xinghua-staff");

        using var response = await xinghua.GetAsync("api/identity/organization/units/xinghuananli");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("foreign key")]
    [InlineData("foreign issuer")]
    [InlineData("tampered")]
    [InlineData("unsigned")]
    [InlineData("garbage")]
    public async Task A_token_that_is_expired_forged_or_wrongly_signed_is_refused_by_gateway_and_service(string kind)
    {
        var admin = new PlatformUser("district-admin", "曾艳", PlatformRole.DistrictAdmin, "990101");
        var now = DateTimeOffset.UtcNow;
        var token = kind switch
        {
            "expired" => platform.MintToken(admin, now.AddHours(-2), TimeSpan.FromMinutes(15)),
            "foreign key" => platform.MintToken(admin, now, TimeSpan.FromMinutes(15), ECDsa.Create(ECCurve.NamedCurves.nistP256)),
            "foreign issuer" => platform.MintToken(admin, now, TimeSpan.FromMinutes(15), issuer: "https://issuer.example"),
            "tampered" => Tamper(await platform.AccessTokenAsync("xinghua-staff")),
            "unsigned" => Unsigned(admin),
            _ => "not.a.token",
        };
        using var client = platform.WithToken(token);

        using var atGateway = await client.GetAsync("api/identity/me");
        using var atService = await client.PostAsync("api/needs/diagnostics/pings", null);

        Assert.Equal(HttpStatusCode.Unauthorized, atGateway.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, atService.StatusCode);
    }

    [Fact]
    public async Task A_valid_minted_token_is_accepted_so_the_refusals_above_are_about_the_token()
    {
        var admin = new PlatformUser("district-admin", "曾艳", PlatformRole.DistrictAdmin, "990101");
        using var client = platform.WithToken(platform.MintToken(admin, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15)));

        using var response = await client.PostAsync("api/needs/diagnostics/pings", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task An_auditor_reads_but_every_write_is_refused()
    {
        using var auditor = await platform.LoginAsync("auditor");

        using var read = await auditor.GetAsync("api/identity/organization/units/xinghuananli");
        using var ping = await auditor.PostAsync("api/needs/diagnostics/pings", null);
        using var register = await auditor.PostAsJsonAsync("api/identity/organization/units",
            new { unitId = "audit-probe", kind = "grid", name = "审计探测", parentId = "xinghuananli" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Contains("审计", await register.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("district-admin", false)]
    [InlineData("yongxinglu-staff", false)]
    [InlineData("laodong-member", false)]
    [InlineData("auditor", true)]
    [InlineData("yongchang-staff", true)]
    public async Task A_units_contact_is_masked_for_roles_that_do_not_handle_it_and_each_unmasked_view_is_recorded(string username, bool masked)
    {
        using var client = await platform.LoginAsync(username);
        var viewsBefore = await PersonalDataViews(username);

        using var response = await client.GetAsync("api/identity/organization/units/u-laodong");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var unit = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var contact = unit.RootElement.GetProperty("contact");
        var phone = contact.GetProperty("phone").GetString()!;
        Assert.Equal(masked, contact.GetProperty("masked").GetBoolean());
        Assert.Equal(masked, phone.Contains("****", StringComparison.Ordinal));
        Assert.Equal(masked ? viewsBefore : viewsBefore + 1, await PersonalDataViews(username));
    }

    [Fact]
    public async Task An_auditor_replays_and_verifies_the_organization_on_the_same_audit_endpoints_as_every_service_with_contacts_masked()
    {
        using var auditor = await platform.LoginAsync("auditor");
        using var community = await platform.LoginAsync("yongxinglu-staff");
        using var me = JsonDocument.Parse(await auditor.GetStringAsync("api/identity/me"));
        var district = me.RootElement.GetProperty("districtCode").GetString()!;

        using var history = JsonDocument.Parse(await auditor.GetStringAsync($"api/identity/audit/organization/{district}/history"));
        var events = history.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("组织架构", history.RootElement.GetProperty("kindName").GetString());
        Assert.NotEmpty(events);
        Assert.StartsWith("登记「", events[0].GetProperty("title").GetString());
        var contacts = events.Select(stored => stored.GetProperty("data")).Where(data => data.TryGetProperty("contact", out var contact) && contact.ValueKind == JsonValueKind.Object)
            .Select(data => data.GetProperty("contact").GetProperty("phone").GetString()).ToList();
        Assert.NotEmpty(contacts);
        Assert.All(contacts, phone => Assert.Contains("****", phone));
        using var verification = JsonDocument.Parse(await auditor.GetStringAsync($"api/identity/audit/organization/{district}/verify"));
        Assert.True(verification.RootElement.GetProperty("intact").GetBoolean());
        Assert.Equal(events.Count, verification.RootElement.GetProperty("eventsChecked").GetInt32());

        using var elsewhere = await auditor.GetAsync("api/identity/audit/organization/000000/history");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var forbidden = await community.GetAsync($"api/identity/audit/organization/{district}/history");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_a_correlation_id()
    {
        using var anonymous = platform.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/needs/health/live");
        request.Headers.Add("X-Correlation-Id", "case-2026-0001");

        using var response = await anonymous.SendAsync(request);

        Assert.Equal("case-2026-0001", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>How many times the viewer saw 劳动局's contact unmasked today, as an auditor reads the access log.</summary>
    private async Task<int> PersonalDataViews(string viewer)
    {
        using var auditor = await platform.LoginAsync("auditor");
        using var log = JsonDocument.Parse(await auditor.GetStringAsync("api/identity/audit/personal-data-views?subjectId=u-laodong"));
        return log.RootElement.GetProperty("items").EnumerateArray().Count(view =>
            view.GetProperty("viewerId").GetString() == viewer
            && view.GetProperty("fields").EnumerateArray().Select(field => field.GetString()).SequenceEqual(["contact.name", "contact.phone"]));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, Operation operation, IReadOnlyDictionary<string, string>? values = null)
    {
        var filled = EndpointCatalog.Fill(operation, values ?? XinghuaNanli);
        if (XinghuaQueries.TryGetValue(operation.ToString(), out var query))
            filled += "?" + (values ?? XinghuaNanli).Aggregate(query, (text, value) => text.Replace($"{{{value.Key}}}", Uri.EscapeDataString(value.Value), StringComparison.Ordinal));
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), filled);
        if (operation.Method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent(
                Body(operation.ToString(), values ?? XinghuaNanli), Encoding.UTF8, "application/json");
        return client.SendAsync(request);
    }

    /// <summary>The operation's body with its placeholders filled: an offer's id, and dates counted from today, so that
    /// an agreement or a booking is as valid next year as today.</summary>
    private static string Body(string operation, IReadOnlyDictionary<string, string> values)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        return XinghuaBodies.GetValueOrDefault(operation, "{}")
            .Replace("{offerId}", values["offerId"], StringComparison.Ordinal)
            .Replace("{lastMonth}", today.AddMonths(-1).ToString("yyyy-MM-dd"), StringComparison.Ordinal)
            .Replace("{nextMonth}", today.AddMonths(1).ToString("yyyy-MM-dd"), StringComparison.Ordinal)
            .Replace("{inAYear}", today.AddYears(1).ToString("yyyy-MM-dd"), StringComparison.Ordinal);
    }

    /// <summary>The route values with a need of 兴华南里 and the whistle case blown for it, made by its own staff.</summary>
    private async Task<Dictionary<string, string>> WithXinghuaCaseAsync()
    {
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var raised = await xinghua.PostAsync("api/needs/needs", new StringContent(XinghuaBodies["POST /api/needs/needs"], Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var needId = JsonDocument.Parse(await raised.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var accepted = await xinghua.PostAsync($"api/needs/needs/{needId}/accept", new StringContent("{}", Encoding.UTF8, "application/json"));
        // Resources hears of the need through the bus; matching answers its own community once it has.
        await Eventually.HoldsAsync(async () =>
        {
            using var matches = await xinghua.GetAsync($"api/resources/matches?needId={needId}");
            return matches.StatusCode == HttpStatusCode.OK;
        }, "the Resources service knows the accepted need");
        using var whistle = await xinghua.PostAsync($"api/needs/needs/{needId}/whistle", new StringContent(
            """{"level":"street","whistleType":"routine","reason":"探测","triedByCommunity":["探测"]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, whistle.StatusCode);
        var caseId = JsonDocument.Parse(await whistle.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        // 华昱家园物业 co-builds with 兴华南里 (a second call of the fixture finds it joined already).
        using var joined = await xinghua.PostAsync("api/resources/units", new StringContent(
            """{"unitId":"u-xhnl-huayu-wuye","kind":"in-area","communityIds":["xinghuananli"]}""", Encoding.UTF8, "application/json"));
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"joining 华昱家园物业: {(int)joined.StatusCode}");
        using var signed = await xinghua.PostAsync("api/resources/agreements",
            new StringContent(Body("POST /api/resources/agreements", XinghuaNanli), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var agreementId = JsonDocument.Parse(await signed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var published = await xinghua.PostAsync("api/resources/offers",
            new StringContent(Body("POST /api/resources/offers", XinghuaNanli), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var offerId = JsonDocument.Parse(await published.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var booked = await xinghua.PostAsync("api/resources/bookings", new StringContent(
            Body("POST /api/resources/bookings", new Dictionary<string, string>(XinghuaNanli) { ["offerId"] = offerId }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var bookingId = JsonDocument.Parse(await booked.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var reported = await xinghua.PostAsync("api/resources/contributions",
            new StringContent(Body("POST /api/resources/contributions", XinghuaNanli), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var contributionId = JsonDocument.Parse(await reported.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var decided = await xinghua.PostAsync("api/projects/projects",
            new StringContent(Body("POST /api/projects/projects", XinghuaNanli), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var projectId = JsonDocument.Parse(await decided.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        // 兴华南里's council: 华昱家园物业 on its roster (once Projects has heard that it joined), and its next meeting.
        await Eventually.HoldsAsync(async () =>
        {
            using var roster = await xinghua.PutAsync("api/projects/meetings/roster",
                new StringContent(Body("PUT /api/projects/meetings/roster", XinghuaNanli), Encoding.UTF8, "application/json"));
            return roster.StatusCode == HttpStatusCode.OK;
        }, "the roster of 兴华南里's council set");
        using var scheduled = await xinghua.PostAsync("api/projects/meetings",
            new StringContent(Body("POST /api/projects/meetings", XinghuaNanli), Encoding.UTF8, "application/json"));
        var meetingId = scheduled.StatusCode == HttpStatusCode.Created
            ? JsonDocument.Parse(await scheduled.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!
            // A second call of the fixture finds the meeting already waiting.
            : JsonDocument.Parse(await xinghua.GetStringAsync("api/projects/meetings?status=scheduled")).RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
        var volunteers = await WithXinghuaVolunteersAsync(xinghua);
        return new Dictionary<string, string>(XinghuaNanli)
        {
            ["needId"] = needId, ["caseId"] = caseId, ["agreementId"] = agreementId, ["offerId"] = offerId, ["bookingId"] = bookingId,
            ["contributionId"] = contributionId, ["projectId"] = projectId, ["meetingId"] = meetingId, ["volunteerId"] = volunteers["volunteerId"],
            ["teamId"] = volunteers["teamId"], ["activityId"] = volunteers["activityId"], ["giftId"] = volunteers["giftId"],
            ["householdId"] = volunteers["householdId"], ["wishId"] = volunteers["wishId"], ["alertId"] = await XinghuaAlertAsync(),
        };
    }

    /// <summary>An alert of 兴华南里 (its micro-wish waiting on the board raises one), as the district sees it.</summary>
    private async Task<string> XinghuaAlertAsync()
    {
        using var district = await platform.LoginAsync("district-admin");
        string? alertId = null;
        await Eventually.HoldsAsync(async () =>
        {
            var alerts = await district.GetJsonAsync("api/insights/alerts?state=all&pageSize=200");
            alertId = alerts.GetProperty("items").EnumerateArray()
                .FirstOrDefault(alert => alert.GetProperty("placeId").GetString() == "xinghuananli") is { ValueKind: JsonValueKind.Object } found
                ? found.GetProperty("id").GetString()
                : null;
            return alertId is not null;
        }, "an alert of 兴华南里");
        return alertId!;
    }

    /// <summary>兴华南里's own volunteer (a confirmed party member), team, activity, gift, household file and micro-wish.</summary>
    private static async Task<Dictionary<string, string>> WithXinghuaVolunteersAsync(HttpClient xinghua)
    {
        async Task<string> CreatedAsync(string path, string body)
        {
            using var response = await xinghua.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        }

        var volunteerId = await CreatedAsync("api/volunteers/volunteers",
            """{"kind":"retired-member","person":{"name":"探测","phone":"13800000000"},"communityId":"xinghuananli"}""");
        using (var confirmed = await xinghua.PostAsync($"api/volunteers/volunteers/{volunteerId}/confirm",
            new StringContent("""{"post":"楼门长"}""", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var teamId = await CreatedAsync("api/volunteers/teams", $$"""{"name":"探测","kind":"service","communityId":"xinghuananli","memberIds":["{{volunteerId}}"]}""");
        var activityId = await CreatedAsync("api/volunteers/activities", Body("POST /api/volunteers/activities", XinghuaNanli));
        var giftId = await CreatedAsync("api/volunteers/ledger/gifts", Body("POST /api/volunteers/ledger/gifts", XinghuaNanli));
        var householdId = await CreatedAsync("api/volunteers/households",
            $$"""{"communityId":"xinghuananli","address":"探测","groups":["独居老人"],"colour":"red","reason":"探测","memberId":"{{volunteerId}}"}""");
        // 华昱家园物业 reports to 兴华南里 (a second call of the fixture finds it reported already).
        using (var reported = await xinghua.PostAsync("api/volunteers/unit-reports", new StringContent(
            """{"unitId":"u-xhnl-huayu-wuye","partyOrganization":"探测","partyMembers":1,"offering":"探测"}""", Encoding.UTF8, "application/json")))
            Assert.True(reported.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"reporting 华昱家园物业: {(int)reported.StatusCode}");
        var wishId = await CreatedAsync("api/needs/needs",
            """{"title":"探测","description":"探测","category":"wish","urgency":"normal","channel":"staff","reporter":{"name":"探测","phone":"13800000000"}}""");
        using (var accepted = await xinghua.PostAsync($"api/needs/needs/{wishId}/accept", new StringContent("{}", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Eventually.HoldsAsync(async () =>
        {
            using var wish = await xinghua.GetAsync($"api/volunteers/wishes/{wishId}");
            return wish.StatusCode == HttpStatusCode.OK;
        }, "兴华南里's wish on its board");
        return new Dictionary<string, string>
        {
            ["volunteerId"] = volunteerId, ["teamId"] = teamId, ["activityId"] = activityId, ["giftId"] = giftId, ["householdId"] = householdId, ["wishId"] = wishId,
        };
    }

    /// <summary>Keeps the signature and swaps the payload for one that claims the district office's role.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlDecode(parts[1]))!;
        var forged = payload.ToDictionary(claim => claim.Key, claim => (object)claim.Value);
        forged["role"] = "district_admin";
        return $"{parts[0]}.{Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(forged))}.{parts[2]}";
    }

    private static string Unsigned(PlatformUser user)
    {
        var header = Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());
        var claims = user.ToClaims().ToDictionary(claim => claim.Type, claim => (object)claim.Value);
        claims["aud"] = PlatformAuthentication.Audience;
        claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return $"{header}.{Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(claims))}.";
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
