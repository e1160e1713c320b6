using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The 项目清单 pages: 兴华南里's staff follow a project decided for a resident's need, its 责任清单 and progress; the
/// co-building unit's member, on a phone, reports its own task done; the council's meeting page shows the rotating
/// chair, the drafted agenda, and opens the meeting.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProjectsConsoleTests(ConsolePlatform platform, ITestOutputHelper output)
{
    private static readonly DemoLogin Xinghua = DemoData.Logins.Single(login => login.Username == "xinghua-staff");
    private static readonly DemoLogin HuayuWuye = DemoData.Logins.Single(login => login.Username == "huayu-wuye-member");

    private static string Day(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Staff_follow_a_project_and_its_unit_reports_its_own_task_done_on_a_phone()
    {
        var name = $"楼道照明改造{Guid.NewGuid().ToString()[..4]}";
        var needId = await DecideProjectAsync(name);

        await using (var staff = await platform.OpenConsoleAsync())
        {
            await staff.SignInAsync(Xinghua);
            await staff.Page.GetByTestId("nav-projects").ClickAsync();
            await Expect(staff.PageTitle).ToHaveTextAsync("项目清单");
            var card = staff.Page.Locator(".agreement", new() { HasText = name });
            await Expect(card).ToContainTextAsync("责任清单 0/2 项完成");
            await card.GetByTestId("project-link").ClickAsync();
            await Expect(staff.PageTitle).ToHaveTextAsync(name);
            await Expect(staff.Page.GetByTestId("task-table")).ToContainTextAsync("华昱家园物业服务有限公司");
            await Expect(staff.Page.GetByTestId("project-needs")).ToContainTextAsync("楼道灯");
            output.WriteLine($"screenshot: {await staff.ScreenshotAsync("projects-detail")}");
        }

        await using var unit = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await unit.SignInAsync(HuayuWuye);
        await unit.OpenAsync("#/projects");
        await Expect(unit.PageTitle).ToHaveTextAsync("我们的任务");
        await unit.Page.Locator(".agreement", new() { HasText = name }).GetByTestId("project-link").ClickAsync();
        await Expect(unit.Page.GetByTestId("report-T2")).ToHaveCountAsync(0);
        await Expect(unit.Page.GetByTestId("evidence-T2-input")).ToHaveCountAsync(0);
        // The photo of the new lamps first: a task completes only with evidence.
        await unit.Page.GetByTestId("evidence-T1-input").SetInputFilesAsync(
            new FilePayload { Name = "灯具安装.jpg", MimeType = "image/jpeg", Buffer = Platform.Testing.TestPhotos.PhoneJpeg() });
        await Expect(unit.Page.GetByTestId("action-message")).ToContainTextAsync("已添加 1 个附件");
        await Expect(unit.Page.GetByTestId("evidence-T1").Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 32);
        await unit.Page.GetByTestId("report-T1").ClickAsync();
        await unit.Page.GetByTestId("input-title").FillAsync("灯具安装完成");
        await unit.Page.GetByTestId("input-completesTask").CheckAsync();
        await unit.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(unit.Page.GetByTestId("action-message")).ToContainTextAsync("已完成");
        await Expect(unit.Page.GetByTestId("project-progress")).ToHaveTextAsync("50%");
        output.WriteLine($"screenshot: {await unit.ScreenshotAsync("projects-unit-phone")}");

        // The resident who raised the need follows the project on it, on a phone.
        using (var residentApi = await platform.LoginAsync("xinghua-resident"))
        {
            await Eventually.HoldsAsync(async () => (await residentApi.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("projectProgress").ValueKind == JsonValueKind.Object,
                "Needs hears of the project's progress");
        }
        await using var resident = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await resident.SignInAsync(DemoData.Logins.Single(login => login.Username == "xinghua-resident"));
        await resident.OpenAsync($"#/needs/{needId}");
        await Expect(resident.Page.GetByTestId("need-project-progress")).ToContainTextAsync("1/2 项完成");
        await Expect(resident.Page.GetByTestId("need-facts")).ToContainTextAsync(name);
        output.WriteLine($"screenshot: {await resident.ScreenshotAsync("need-project-progress-resident-phone")}");
    }

    [Fact]
    public async Task A_community_reads_its_councils_meetings_the_drafted_agenda_and_the_feedback_list()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.Logins.Single(login => login.Username == "fumin-staff"));
        await console.OpenAsync("#/projects?tab=meetings");
        // The next chair is the one the scheduled meeting already has.
        var chair = console.Page.GetByTestId("meeting-M-demo-fuminjie-07");
        await Expect(chair).ToContainTextAsync("轮值主席");
        var nextChair = await console.Page.GetByTestId("next-chair").TextContentAsync();
        await Expect(chair).ToContainTextAsync($"轮值主席 {nextChair}");
        await Expect(console.Page.GetByTestId("meeting-list")).ToContainTextAsync("第 7 次联席会议");
        await Expect(console.Page.GetByTestId("meeting-list")).ToContainTextAsync("待召开");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("meetings-schedule")}");

        // The last meeting held: its fixed agenda opens with the 反馈清单, and its minutes decided a project.
        await console.Page.GetByTestId("meeting-M-demo-fuminjie-06").GetByTestId("meeting-link").ClickAsync();
        await Expect(console.PageTitle).ToHaveTextAsync("富民街社区 第 6 次联席会议");
        await Expect(console.Page.GetByTestId("meeting-agenda").Locator(".agenda-item[data-kind=feedback]").First).ToContainTextAsync("反馈清单");
        await Expect(console.Page.GetByTestId("meeting-decision-card")).ToContainTextAsync("立项");
        await Expect(console.Page.GetByTestId("meeting-facts")).ToContainTextAsync("纪要已办结");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("meeting-held")}");

        // The next one: its chair's preparation, and the agenda drafted so far.
        await console.OpenAsync("#/projects/meetings/M-demo-fuminjie-07");
        await Expect(console.Page.GetByTestId("meeting-summary")).ToContainTextAsync("轮值主席的筹备任务");
        await Expect(console.Page.GetByTestId("meeting-agenda")).ToContainTextAsync("服务起草");
        await Expect(console.Page.GetByTestId("open-meeting")).ToBeVisibleAsync();

        await console.OpenAsync("#/projects?tab=feedback");
        await Expect(console.Page.GetByTestId("feedback-list").Locator(".agreement").First).ToContainTextAsync("议定");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("feedback-list")}");
    }

    [Fact]
    public async Task The_district_schedules_a_meeting_and_a_community_meeting_is_opened_decides_a_project_and_closes_its_minutes_in_the_console()
    {
        using var api = await platform.LoginAsync("district-admin");
        // The district's own council and 东关社区's (no council in the demo) get a roster, once Projects has the units.
        foreach (var place in new object[] { new { unitIds = new[] { "u-laodong", "u-fmj-court" } }, new { communityId = "dongguan", unitIds = new[] { "u-laodong", "u-fmj-post" } } })
        {
            await Eventually.ReachesAsync(async () =>
            {
                using var response = await api.PutAsJsonAsync("api/projects/meetings/roster", place);
                return response.StatusCode;
            }, status => status == HttpStatusCode.OK, "a council's roster set", TimeSpan.FromMinutes(2));
        }

        // The demo's overdue tasks: the timers tell their owners the day after the deadline, and the chair three days later.
        await Eventually.HoldsAsync(async () => (await api.GetJsonAsync("api/projects/notices")).GetProperty("total").GetInt64() > 0,
            "the overdue tasks' notices", TimeSpan.FromMinutes(2));

        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));
        await console.OpenAsync("#/projects");
        await Expect(console.Page.GetByTestId("overdue-notices")).ToContainTextAsync("已逾期");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("projects-overdue-notices")}");
        await console.OpenAsync("#/projects?tab=meetings");
        await Expect(console.Page.GetByTestId("next-chair")).ToHaveTextAsync("老东粥皇");
        await console.Page.GetByTestId("schedule-meeting").ClickAsync();
        // The browser reads the time in the district's zone (the context is Asia/Shanghai).
        await console.Page.GetByTestId("input-heldAt").FillAsync(DateTimeOffset.UtcNow.AddMinutes(5).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm"));
        await console.Page.GetByTestId("input-place").FillAsync("区委组织部会议室");
        await console.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("dialog-error")).ToHaveCountAsync(0);
        await Expect(console.PageTitle).ToContainTextAsync("第 1 次联席会议");
        await Expect(console.Page.GetByTestId("meeting-facts")).ToContainTextAsync("老东粥皇");

        // 东关社区's meeting, scheduled for today: opened, a project decided with its 责任清单, the minutes closed.
        var meetingId = (await api.PostAsync("api/projects/meetings",
            new { communityId = "dongguan", heldAt = DateTimeOffset.UtcNow.AddMinutes(1), place = "东关社区党群服务中心" }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        await console.OpenAsync($"#/projects/meetings/{meetingId}");
        await console.Page.GetByTestId("open-meeting").ClickAsync();
        await console.Page.GetByTestId("input-attendees").FillAsync("老东粥皇\n东关社区居委会");
        await console.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("会议已开始");

        await console.Page.GetByTestId("record-decision").ClickAsync();
        await console.Page.GetByTestId("input-name").FillAsync("东关社区助老餐桌");
        await console.Page.GetByTestId("input-dueOn").FillAsync(Day(60));
        await console.Page.GetByTestId("input-summary").FillAsync("为高龄、独居老人提供助餐服务。");
        await console.Page.GetByTestId("task-what-0").FillAsync("统计用餐老人名单");
        await console.Page.GetByTestId("task-owner-0").FillAsync("东关社区居委会");
        await console.Page.GetByTestId("task-deadline-0").FillAsync(Day(14));
        await console.Page.GetByTestId("task-what-1").FillAsync("落实助餐点与配送");
        await console.Page.GetByTestId("task-owner-1").FillAsync("老东粥皇");
        await console.Page.GetByTestId("task-deadline-1").FillAsync(Day(30));
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("meeting-decision-form")}");
        await console.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("已立项");
        await Expect(console.Page.GetByTestId("meeting-decision-card")).ToContainTextAsync("立项：东关社区助老餐桌");

        await console.Page.GetByTestId("close-minutes").ClickAsync();
        await console.Page.GetByTestId("input-summary").FillAsync("议定东关社区助老餐桌项目。");
        await console.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("meeting-facts")).ToContainTextAsync("纪要已办结");
        await console.Page.GetByTestId("meeting-decision-card").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(console.PageTitle).ToHaveTextAsync("东关社区助老餐桌");
        await Expect(console.Page.GetByTestId("task-table")).ToContainTextAsync("落实助餐点与配送");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("meeting-decided-project")}");
    }

    [Fact]
    public async Task A_unit_claims_a_task_on_a_phone_pledging_from_its_agreement_and_the_community_confirms_it()
    {
        var name = $"永兴路助老送餐{Guid.NewGuid().ToString()[..4]}";
        string projectId;
        int pledgeIndex;
        using (var staffApi = await platform.LoginAsync("yongxinglu-staff"))
        using (var unitApi = await platform.LoginAsync("laodong-member"))
        {
            projectId = (await Eventually.ReachesAsync(async () =>
            {
                using var response = await staffApi.PostAsJsonAsync("api/projects/projects", new
                {
                    name, summary = "为高龄、独居老人送餐上门。", communityId = "yongxinglu", dueOn = Day(60),
                    tasks = new object[]
                    {
                        new { what = "统计送餐老人名单", ownerName = "永兴路社区居委会", deadline = Day(10) },
                        new { what = "每日送餐上门", ownerName = "为老服务队", deadline = Day(40) },
                    },
                });
                return response.StatusCode == HttpStatusCode.Created ? await response.ReadAsync(HttpStatusCode.Created) : default;
            }, created => created.ValueKind == JsonValueKind.Object, "the project decided", TimeSpan.FromMinutes(2))).GetProperty("id").GetString()!;
            // The promise of 老东粥皇's agreement with 永兴路 that still has room for 2 (the demo's deliveries run on pace).
            var options = (await unitApi.GetJsonAsync($"api/projects/projects/{projectId}/commitments"))[0].GetProperty("commitments").EnumerateArray().ToList();
            pledgeIndex = options.FindIndex(option => option.GetProperty("left").GetDecimal() >= 2);
            Assert.True(pledgeIndex >= 0, "a promise of 老东粥皇 with room left");
        }

        await using (var unit = await platform.OpenConsoleAsync(ConsolePlatform.Phone))
        {
            await unit.SignInAsync(DemoData.Logins.Single(login => login.Username == "laodong-member"));
            await unit.OpenAsync("#/projects?tab=claimable");
            await unit.Page.GetByTestId($"project-{projectId}").GetByTestId("project-link").ClickAsync();
            await Expect(unit.PageTitle).ToHaveTextAsync(name);
            await unit.Page.GetByTestId("claim-project").ClickAsync();
            await unit.Page.GetByTestId("select-taskId").SelectOptionAsync("T2");
            await unit.Page.GetByTestId("select-pledge").SelectOptionAsync(pledgeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await unit.Page.GetByTestId("input-amount").FillAsync("2");
            await unit.Page.GetByTestId("input-note").FillAsync("出 2 名员工，每天中午送餐上门。");
            output.WriteLine($"screenshot: {await unit.ScreenshotAsync("project-claim-phone")}");
            await unit.Page.GetByTestId("dialog-submit").ClickAsync();
            await Expect(unit.Page.GetByTestId("action-message")).ToContainTextAsync("待社区确认");
            await Expect(unit.Page.GetByTestId("claim-K1")).ToContainTextAsync("老东粥皇认领「每日送餐上门」");
            await Expect(unit.Page.GetByTestId("report-T2")).ToHaveCountAsync(0);
        }

        await using var staff = await platform.OpenConsoleAsync();
        await staff.SignInAsync(DemoData.Logins.Single(login => login.Username == "yongxinglu-staff"));
        await staff.OpenAsync("#/projects?tab=claims");
        var waiting = staff.Page.GetByTestId($"claim-{projectId}-K1");
        await Expect(waiting).ToContainTextAsync("待社区确认");
        output.WriteLine($"screenshot: {await staff.ScreenshotAsync("project-claims-waiting")}");
        await waiting.GetByRole(AriaRole.Link).ClickAsync();
        await staff.Page.GetByTestId("confirm-K1").ClickAsync();
        await staff.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(staff.Page.GetByTestId("claim-K1")).ToContainTextAsync("社区已确认");
        await Expect(staff.Page.GetByTestId("task-table")).ToContainTextAsync("联合认领：老东粥皇");
        output.WriteLine($"screenshot: {await staff.ScreenshotAsync("project-claim-confirmed")}");
    }

    /// <summary>
    /// 吹哨报到 from the 责任清单, in the console: the district opens a demo project with a task past its deadline and
    /// whistles it to the street; the task's row says so, and the need the Needs service opened for it, read on a phone,
    /// links back to the project.
    /// </summary>
    [Fact]
    public async Task The_district_whistles_an_overdue_task_and_the_need_it_opens_links_back_on_a_phone()
    {
        using var api = await platform.LoginAsync("district-admin");
        var (projectId, taskId, what) = await Eventually.ReachesAsync(async () =>
        {
            var listed = await api.GetJsonAsync("api/projects/projects?status=active&overdue=true&pageSize=100");
            foreach (var item in listed.GetProperty("items").EnumerateArray().Where(item => item.GetProperty("communityId").ValueKind == JsonValueKind.String))
            {
                var id = item.GetProperty("id").GetString()!;
                var task = (await api.GetJsonAsync($"api/projects/projects/{id}")).GetProperty("tasks").EnumerateArray()
                    .FirstOrDefault(row => row.GetProperty("overdue").GetBoolean() && row.GetProperty("whistle").ValueKind == JsonValueKind.Null);
                if (task.ValueKind == JsonValueKind.Object) return (id, task.GetProperty("taskId").GetString()!, task.GetProperty("what").GetString()!);
            }
            return ("", "", "");
        }, found => found.Item1.Length > 0, "a demo community project with an overdue task");

        await using (var console = await platform.OpenConsoleAsync())
        {
            await console.SignInAsync(DemoData.For("district_admin"));
            await console.OpenAsync($"#/projects/{projectId}");
            await console.Page.GetByTestId($"whistle-button-{taskId}").ClickAsync();
            await console.Page.GetByTestId("dialog-submit").ClickAsync();
            await Expect(console.Page.Locator("[data-error-for='reason']")).ToContainTextAsync("吹哨原因");
            await console.Page.GetByTestId("input-reason").FillAsync("责任单位力量不足，需职能部门协调。");
            await console.Page.GetByTestId("dialog-submit").ClickAsync();
            await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("已吹哨");
            await Expect(console.Page.GetByTestId($"whistle-{taskId}")).ToContainTextAsync("已吹哨至街道");
            await Expect(console.Page.GetByTestId($"whistle-button-{taskId}")).ToHaveCountAsync(0);
            output.WriteLine($"screenshot: {await console.ScreenshotAsync("project-task-whistled")}");
        }

        var needId = await Eventually.ReachesAsync(async () => (await api.GetJsonAsync(
                $"api/needs/needs?q={Uri.EscapeDataString($"项目任务逾期：{what}")}&pageSize=10")).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("id").GetString()).FirstOrDefault(), id => id is not null, "Needs opens the whistled task as a need");
        await using var phone = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await phone.SignInAsync(DemoData.For("district_admin"));
        await phone.OpenAsync($"#/needs/{needId}");
        await Expect(phone.Page.GetByTestId("need-from-project")).ToContainTextAsync($"的任务「{what}」逾期吹哨");
        await Expect(phone.Page.GetByTestId("need-case-link")).ToBeVisibleAsync();
        output.WriteLine($"screenshot: {await phone.ScreenshotAsync("need-from-project-phone")}");
    }

    /// <summary>
    /// On a phone, 兴华南里's staff book 华昱家园物业's meeting room for a project's residents' meeting, choosing it from
    /// the offers that reach the community; Resources books it and the project's page says so.
    /// </summary>
    [Fact]
    public async Task Staff_book_a_units_offer_for_a_project_on_a_phone()
    {
        var name = $"停车公约议事{Guid.NewGuid().ToString()[..4]}";
        await DecideProjectAsync(name);
        using var api = await platform.LoginAsync("xinghua-staff");
        var projectId = (await api.GetJsonAsync($"api/projects/projects?q={Uri.EscapeDataString(name)}")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var title = $"物业会议室{Guid.NewGuid().ToString()[..4]}";
        var offerId = (await api.PostAsync("api/resources/offers", new
        {
            coBuildingUnitId = "u-xhnl-huayu-wuye", title, kind = "venue", category = "venue", item = "活动室",
            capacity = new { amount = 1, measure = "bookings", scope = "at-a-time" },
            availability = new { from = Day(0), until = Day(60), windows = Enumerable.Range(0, 7).Select(day => new { day, from = "08:00", to = "20:00" }) },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Eventually.HoldsAsync(async () => (await api.GetJsonAsync($"api/projects/projects/{projectId}/offers")).EnumerateArray()
            .Any(offer => offer.GetProperty("offerId").GetString() == offerId), "Projects hears of the offer");

        await using var staff = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await staff.SignInAsync(Xinghua);
        await staff.OpenAsync($"#/projects/{projectId}");
        await staff.Page.GetByTestId("request-resource").ClickAsync();
        await staff.Page.GetByTestId("select-offerId").SelectOptionAsync(offerId);
        await staff.Page.GetByTestId("input-date").FillAsync(Day(3));
        await staff.Page.GetByTestId("input-from").FillAsync("18:00");
        await staff.Page.GetByTestId("input-to").FillAsync("20:00");
        await staff.Page.GetByTestId("input-purpose").FillAsync("居民议事会会场");
        await staff.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(staff.Page.GetByTestId("action-message")).ToContainTextAsync("已提交预约");
        await Expect(staff.Page.GetByTestId("resource-R1")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("预约中|已预约"));
        await Eventually.HoldsAsync(async () => (await api.GetJsonAsync($"api/projects/projects/{projectId}")).GetProperty("resources")[0]
            .GetProperty("status").GetString() == "booked", "Resources books the room for the project");
        await staff.Page.ReloadAsync();
        await Expect(staff.Page.GetByTestId("resource-R1")).ToContainTextAsync("已预约");
        await Expect(staff.Page.GetByTestId("resource-R1")).ToContainTextAsync(title);
        await Expect(staff.Page.GetByTestId("resource-R1")).ToContainTextAsync($"{Day(3)} 18:00–20:00");
        output.WriteLine($"screenshot: {await staff.ScreenshotAsync("project-resource-booked-phone")}");
    }

    /// <summary>A resident's need, accepted by 兴华南里 and taken into a project with a task for 华昱家园物业 and one for the
    /// community, through the API as the staff would.</summary>
    private async Task<string> DecideProjectAsync(string name)
    {
        using var resident = await platform.LoginAsync("xinghua-resident");
        using var staff = await platform.LoginAsync("xinghua-staff");
        var needId = (await resident.PostAsync("api/needs/needs", new
        {
            title = "5号楼楼道灯不亮", description = "晚上上下楼看不见台阶。", category = "env", urgency = "normal", reporter = new { name = "万秋菊", phone = "13700000021" },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await staff.PostAsync($"api/needs/needs/{needId}/accept", new { });
        await Eventually.ReachesAsync(async () =>
        {
            using var response = await staff.PostAsJsonAsync("api/projects/projects", new
            {
                name, summary = "更换楼道灯具，加装声控开关。", communityId = "xinghuananli", dueOn = Day(60), needIds = new[] { needId },
                tasks = new object[]
                {
                    new { what = "更换楼道灯具", unitId = "u-xhnl-huayu-wuye", deadline = Day(20) },
                    new { what = "入户告知居民", ownerName = "兴华南里社区居委会", deadline = Day(10) },
                },
            });
            return response.StatusCode;
        }, status => status == HttpStatusCode.Created, "the project decided once Projects knows the need and the unit", TimeSpan.FromMinutes(2));
        return needId;
    }
}
