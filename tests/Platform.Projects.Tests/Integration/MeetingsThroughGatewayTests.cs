using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.SystemUnderTest;

namespace Platform.Projects.Tests.Integration;

/// <summary>
/// The whole loop of the five lists through the gateway, as each role in turn, for 富民街's 大党委: a resident's need is
/// accepted (需求清单), a unit's offer is published (资源清单), the meeting's drafted agenda holds both; the meeting
/// decides a project with a 责任清单 (项目清单, 责任清单); milestones complete it and the need closes in Needs, its resident
/// told; the next meeting, chaired by the next member unit, finds the decision on its 反馈清单 and reviews it done.
/// </summary>
[Collection(ProjectsPlatformCollection.Name)]
public sealed class MeetingsThroughGatewayTests(RunningPlatform platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_need_and_an_offer_go_through_a_meeting_into_a_project_and_come_back_as_feedback_done()
    {
        using var resident = await platform.LoginAsync("fumin-resident");
        using var fumin = await platform.LoginAsync("fumin-staff");
        using var district = await platform.LoginAsync("district-admin");
        using var auditor = await platform.LoginAsync("auditor");

        // 1. The need is accepted in Needs.
        var needId = (await resident.PostAsync("api/needs/needs", new
        {
            title = "独居老人希望有人陪同就医", description = "邮电局家属楼独居老人每月复查，行动不便。", category = "elderly", urgency = "normal",
            reporter = new { name = "石建华", phone = "13700000011" },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await fumin.PostAsync($"api/needs/needs/{needId}/accept", new { });

        // 2. Two member units join; one publishes an offer in Resources.
        var first = await JoinAsync(fumin, "富民街助老服务社");
        var second = await JoinAsync(fumin, "富民街物业服务中心");
        var offerId = (await district.PostAsync("api/resources/offers", new
        {
            coBuildingUnitId = first, title = "助老陪诊", kind = "services", category = "elderly", item = "陪医助医",
            capacity = new { amount = 3, measure = "people", scope = "at-a-time" },
            availability = new { from = Day(0), until = Day(90), windows = Enumerable.Range(0, 7).Select(day => new { day, from = "08:00", to = "17:00" }) },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        // 3. The council's roster; the meeting is scheduled, its first member in the chair; the agenda is drafted.
        await Eventually.ReachesAsync(async () =>
        {
            using var response = await fumin.PutAsJsonAsync("api/projects/meetings/roster", new { communityId = "fuminjie", unitIds = new[] { first, second } });
            return response.StatusCode;
        }, status => status == HttpStatusCode.OK, "the roster set once Projects knows both units");
        var meetingId = (await fumin.PostAsync("api/projects/meetings",
            new { communityId = "fuminjie", heldAt = DateTimeOffset.UtcNow.AddMinutes(1), place = "富民街社区党群服务中心" }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var meeting = await fumin.GetJsonAsync($"api/projects/meetings/{meetingId}");
        Assert.Equal(("富民街助老服务社", "待召开"), (meeting.GetProperty("summary").GetProperty("chairName").GetString(),
            meeting.GetProperty("summary").GetProperty("statusName").GetString()));
        Assert.Equal(3, meeting.GetProperty("preparation").GetArrayLength());

        // The need was accepted after topics closed (15 days before): it waits, until an urgent topic brings it in.
        var agenda = await Eventually.ReachesAsync(() => fumin.GetJsonAsync($"api/projects/meetings/{meetingId}/agenda"),
            drafted => Refs(drafted, "deferred").Contains(needId), "the late need deferred to the next meeting");
        Assert.DoesNotContain(needId, Refs(agenda, "items"));
        await fumin.PostAsync($"api/projects/meetings/{meetingId}/topics", new { title = "老人陪同就医", needId, urgent = true });
        agenda = await Eventually.ReachesAsync(() => fumin.GetJsonAsync($"api/projects/meetings/{meetingId}/agenda"),
            drafted => Refs(drafted, "items").Contains(offerId), "the offer that answers the need on the agenda");
        Assert.Contains(needId, Refs(agenda, "items"));
        Assert.Contains("可对接资源", agenda.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("kindName").GetString()));

        // 4. The meeting opens and decides the project with its 责任清单.
        var opened = await fumin.PostAsync($"api/projects/meetings/{meetingId}/open",
            new { attendees = new object[] { new { name = "富民街助老服务社", unitId = first }, new { name = "富民街社区居委会" } } });
        Assert.Equal("open", opened.GetProperty("status").GetString());
        var decided = await fumin.PostAsync($"api/projects/meetings/{meetingId}/decisions", new
        {
            kind = "project", note = "由助老服务社牵头。",
            project = new
            {
                name = "独居老人陪诊服务", summary = "为邮电局家属楼独居老人提供每月陪同就医。", dueOn = Day(60), needIds = new[] { needId },
                tasks = new object[] { new { what = "安排陪诊志愿者", unitId = first, deadline = Day(30) } },
            },
        });
        var projectId = decided.GetProperty("projectId").GetString()!;
        Assert.Equal(projectId, (await fumin.GetJsonAsync($"api/projects/meetings/{meetingId}")).GetProperty("decisions")[0].GetProperty("decision")
            .GetProperty("projectId").GetString());
        await Eventually.HoldsAsync(async () => (await fumin.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("status").GetString() == "in-project",
            "Needs follows the need in the project");

        // The next meeting cannot open before these minutes are closed.
        var nextId = (await fumin.PostAsync("api/projects/meetings",
            new { communityId = "fuminjie", heldAt = DateTimeOffset.UtcNow.AddMinutes(1), place = "富民街社区党群服务中心" }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var refused = await fumin.PostAsync($"api/projects/meetings/{nextId}/open", new { attendees = new[] { new { name = "富民街社区居委会" } } },
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("纪要尚未办结", refused.GetProperty("detail").GetString());
        await fumin.PostAsync($"api/projects/meetings/{meetingId}/close", new { summary = "决定为独居老人提供陪诊服务。" });

        // 5–7. The unit's task is done; the project completes; the need closes in Needs and its resident is told.
        await fumin.PostFileAsync($"api/projects/projects/{projectId}/tasks/T1/evidence", "排班表.png", TestPhotos.Png(30, 20));
        await fumin.PostAsync($"api/projects/projects/{projectId}/milestones", new { taskId = "T1", title = "陪诊志愿者已排班", reachedOn = Day(0), completesTask = true });
        await fumin.PostAsync($"api/projects/projects/{projectId}/complete", new { summary = "陪诊服务已开展。" });
        await Eventually.HoldsAsync(async () => (await fumin.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("status").GetString() == "resolved",
            "the completed project resolves the need");
        await Eventually.HoldsAsync(async () => (await resident.GetJsonAsync("api/needs/notifications")).GetProperty("items").EnumerateArray()
            .Any(notice => notice.GetProperty("needId").GetString() == needId && notice.GetProperty("kind").GetString() == "resolved"), "the resident is told");

        // 8. The next meeting, chaired by the next member, finds the decision on its 反馈清单 and reviews it done.
        var next = await fumin.GetJsonAsync($"api/projects/meetings/{nextId}");
        Assert.Equal("富民街物业服务中心", next.GetProperty("summary").GetProperty("chairName").GetString());
        await fumin.PostAsync($"api/projects/meetings/{nextId}/open", new { attendees = new[] { new { name = "富民街物业服务中心" } } });
        var fixedAgenda = await fumin.GetJsonAsync($"api/projects/meetings/{nextId}/agenda");
        var feedback = fixedAgenda.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("kind").GetString() == "feedback");
        Assert.Contains("项目已完成", feedback.GetProperty("detail").GetString());
        var decisionId = feedback.GetProperty("refId").GetString()!;
        await fumin.PostAsync($"api/projects/meetings/{nextId}/close", new { summary = "纪要" }, HttpStatusCode.UnprocessableEntity);
        Assert.Single((await fumin.GetJsonAsync("api/projects/feedback")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("decisionId").GetString() == decisionId);
        await fumin.PostAsync($"api/projects/meetings/{nextId}/reviews", new { decisionId, outcome = "done", reason = "陪诊服务已开展，居民满意。" });
        await fumin.PostAsync($"api/projects/meetings/{nextId}/close", new { summary = "上次决定已落实。" });
        Assert.DoesNotContain((await fumin.GetJsonAsync("api/projects/feedback")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("decisionId").GetString() == decisionId);

        // The five lists at a glance, for the community: one project done with its task, two meetings held, one review.
        var lists = await fumin.GetJsonAsync("api/projects/lists");
        Assert.Equal(("富民街社区", 1L, 2L, 1L), (lists.GetProperty("partyName").GetString(), lists.GetProperty("projects").GetProperty("completed").GetInt64(),
            lists.GetProperty("feedback").GetProperty("meetingsHeld").GetInt64(), lists.GetProperty("feedback").GetProperty("reviews").GetInt64()));
        Assert.Equal(1L, lists.GetProperty("needs").GetProperty("inProjects").GetInt64());
        Assert.True(lists.GetProperty("offers").GetInt64() >= 1);

        // The auditor replays the council's history in Chinese.
        var audit = await auditor.GetJsonAsync("api/projects/audit/councils/fuminjie/history");
        Assert.True((await auditor.GetJsonAsync("api/projects/audit/councils/fuminjie/verify")).GetProperty("intact").GetBoolean());
        Assert.Contains(audit.GetProperty("events").EnumerateArray().Select(stored => stored.GetProperty("title").GetString()), title => title!.StartsWith("决定立项"));
    }

    [Fact]
    public async Task Meetings_refuse_what_the_rules_forbid_and_store_nothing()
    {
        using var beijie = await platform.LoginAsync("beijie-staff");
        using var fumin = await platform.LoginAsync("fumin-staff");
        await beijie.PostAsync("api/projects/meetings", new { communityId = "beijie", heldAt = DateTimeOffset.UtcNow.AddDays(3), place = "北街社区" },
            HttpStatusCode.UnprocessableEntity);
        await beijie.PutAsync("api/projects/meetings/roster", new { communityId = "beijie", unitIds = Array.Empty<string>() }, HttpStatusCode.BadRequest);
        await beijie.PutAsync("api/projects/meetings/roster", new { communityId = "beijie", unitIds = new[] { "u-unknown" } }, HttpStatusCode.UnprocessableEntity);
        await fumin.PutAsync("api/projects/meetings/roster", new { communityId = "beijie", unitIds = new[] { "u-unknown" } }, HttpStatusCode.Forbidden);
        await beijie.GetJsonAsync("api/projects/meetings/M20200101-000000000000", HttpStatusCode.NotFound);
        var roster = await beijie.GetJsonAsync("api/projects/meetings/roster?communityId=beijie");
        Assert.Equal((0, 0L), (roster.GetProperty("roster").GetArrayLength(), roster.GetProperty("version").GetInt64()));
    }

    /// <summary>
    /// The 反馈清单 acts on the projects it reviews, for 永安西里's 大党委: a project decided at one meeting is let
    /// continue with a new time limit at the next, and dropped at the one after; its need goes back to the community in
    /// Needs and is on the list of needs a meeting can take up again.
    /// </summary>
    [Fact]
    public async Task A_review_that_continues_a_project_moves_its_deadline_and_one_that_drops_it_gives_its_need_back()
    {
        using var staff = await platform.LoginAsync("yonganxili-staff");
        var needId = (await staff.PostAsync("api/needs/needs", new
        {
            title = "小区西门路灯不亮", description = "西门到车棚一段路灯坏了一个月，晚上出行不便。", category = "streetlight", urgency = "normal",
            reporter = new { name = "周桂兰", phone = "13700000021" }, channel = "staff",
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await staff.PostAsync($"api/needs/needs/{needId}/accept", new { });
        var first = await JoinAsync(staff, "永安西里物业服务中心", "yonganxili");
        var second = await JoinAsync(staff, "永安西里共建照明工程队", "yonganxili");
        await Eventually.ReachesAsync(async () =>
        {
            using var response = await staff.PutAsJsonAsync("api/projects/meetings/roster", new { communityId = "yonganxili", unitIds = new[] { first, second } });
            return response.StatusCode;
        }, status => status == HttpStatusCode.OK, "the roster set once Projects knows both units");
        await Eventually.HoldsAsync(async () => (await staff.GetJsonAsync("api/projects/needs")).EnumerateArray()
            .Any(need => need.GetProperty("needId").GetString() == needId), "Projects hears of the accepted need");

        var decidedAt = await OpenMeetingAsync(staff);
        var projectId = (await staff.PostAsync($"api/projects/meetings/{decidedAt}/decisions", new
        {
            kind = "project",
            project = new
            {
                name = "西门路灯修复", summary = "更换西门至车棚的路灯。", dueOn = Day(30), needIds = new[] { needId },
                tasks = new object[] { new { what = "更换路灯灯头", unitId = second, deadline = Day(20) } },
            },
        })).GetProperty("projectId").GetString()!;
        await staff.PostAsync($"api/projects/meetings/{decidedAt}/close", new { summary = "决定修复西门路灯。" });
        await Eventually.HoldsAsync(async () => (await staff.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("status").GetString() == "in-project",
            "Needs follows the need in the project");

        var continuedAt = await OpenMeetingAsync(staff);
        var decisionId = await FeedbackDecisionAsync(staff, continuedAt, projectId);
        await staff.PostAsync($"api/projects/meetings/{continuedAt}/reviews", new { decisionId, outcome = "continue", reason = "灯具到货推迟。" },
            HttpStatusCode.BadRequest);
        await staff.PostAsync($"api/projects/meetings/{continuedAt}/reviews", new { decisionId, outcome = "continue", reason = "灯具到货推迟。", newDueOn = Day(75) });
        var continued = await staff.GetJsonAsync($"api/projects/projects/{projectId}");
        Assert.Equal((Day(75), "active"), (continued.GetProperty("summary").GetProperty("dueOn").GetString(), continued.GetProperty("summary").GetProperty("status").GetString()));
        Assert.Contains(continued.GetProperty("changes").EnumerateArray(), change => change.GetProperty("title").GetString()!.StartsWith("联席会议决定继续推进"));
        await staff.PostAsync($"api/projects/meetings/{continuedAt}/close", new { summary = "路灯项目继续推进。" });

        var droppedAt = await OpenMeetingAsync(staff);
        Assert.Equal(decisionId, await FeedbackDecisionAsync(staff, droppedAt, projectId));
        await staff.PostAsync($"api/projects/meetings/{droppedAt}/reviews", new { decisionId, outcome = "drop", reason = "路灯已由供电公司统一改造，项目不再需要。" });
        var dropped = await staff.GetJsonAsync($"api/projects/projects/{projectId}");
        Assert.Equal(("dropped", "已撤销", "路灯已由供电公司统一改造，项目不再需要。"), (dropped.GetProperty("summary").GetProperty("status").GetString(),
            dropped.GetProperty("summary").GetProperty("statusName").GetString(), dropped.GetProperty("dropReason").GetString()));
        await staff.PostAsync($"api/projects/projects/{projectId}/tasks", new { what = "再装一盏", ownerName = "物业", deadline = Day(10) },
            HttpStatusCode.UnprocessableEntity);
        await staff.PostAsync($"api/projects/meetings/{droppedAt}/close", new { summary = "撤销路灯项目。" });

        var returned = await Eventually.ReachesAsync(() => staff.GetJsonAsync($"api/needs/needs/{needId}"),
            need => need.GetProperty("status").GetString() == "accepted", "the dropped project gives the need back to its community");
        Assert.Equal(JsonValueKind.Null, returned.GetProperty("projectId").ValueKind);
        Assert.Contains(returned.GetProperty("timeline").EnumerateArray(), entry => entry.GetProperty("title").GetString()!.Contains("撤销，退回社区办理"));
        var lists = await staff.GetJsonAsync("api/projects/lists");
        Assert.Equal((1L, 0L), (lists.GetProperty("projects").GetProperty("dropped").GetInt64(), lists.GetProperty("needs").GetProperty("inProjects").GetInt64()));
        var agenda = await staff.GetJsonAsync($"api/projects/meetings/{await ScheduleMeetingAsync(staff)}/agenda");
        Assert.Contains(needId, Refs(agenda, "items").Concat(Refs(agenda, "deferred")));
    }

    /// <summary>Schedules 永安西里's next meeting a minute from now and opens it.</summary>
    private static async Task<string> OpenMeetingAsync(HttpClient staff)
    {
        var meetingId = await ScheduleMeetingAsync(staff);
        await staff.PostAsync($"api/projects/meetings/{meetingId}/open", new { attendees = new[] { new { name = "永安西里社区居委会" } } });
        return meetingId;
    }

    private static async Task<string> ScheduleMeetingAsync(HttpClient staff) =>
        (await staff.PostAsync("api/projects/meetings", new { communityId = "yonganxili", heldAt = DateTimeOffset.UtcNow.AddMinutes(1), place = "永安西里社区党群服务中心" },
            HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>The id of the decision that made <paramref name="projectId"/>, as the meeting's 反馈清单 holds it.</summary>
    private static async Task<string> FeedbackDecisionAsync(HttpClient staff, string meetingId, string projectId)
    {
        var meeting = await staff.GetJsonAsync($"api/projects/meetings/{meetingId}/agenda");
        var decisions = (await staff.GetJsonAsync("api/projects/feedback?communityId=yonganxili")).GetProperty("items").EnumerateArray()
            .Where(item => item.TryGetProperty("projectId", out var id) && id.GetString() == projectId).Select(item => item.GetProperty("decisionId").GetString()!).ToList();
        var decisionId = Assert.Single(decisions);
        Assert.Contains(decisionId, Refs(meeting, "items"));
        return decisionId;
    }

    private static async Task<string> JoinAsync(HttpClient staff, string name, string communityId = "fuminjie") =>
        (await staff.PostAsync("api/resources/units", new { name, kind = "member", communityIds = new[] { communityId } },
            HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static List<string?> Refs(JsonElement agenda, string part) =>
        [.. agenda.GetProperty(part).EnumerateArray().Select(item => item.GetProperty("refId").GetString())];
}
