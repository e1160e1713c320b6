using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Kernel.Deciding;
using Platform.SystemUnderTest;

namespace Platform.Projects.Tests.Integration;

/// <summary>
/// The 项目清单 through the gateway on real PostgreSQL and RabbitMQ, as each role in turn: a resident's need, accepted
/// by 兴华南里, is taken into a project with a 责任清单; the co-building unit completes its own task, the community the
/// other; the completed project resolves the need in Needs, and the resident is told at each step.
/// </summary>
[Collection(ProjectsPlatformCollection.Name)]
public sealed class ProjectsThroughGatewayTests(RunningPlatform platform)
{
    private const string HuayuWuye = "u-xhnl-huayu-wuye";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_residents_need_goes_through_a_project_and_closes_when_the_project_completes()
    {
        using var resident = await platform.LoginAsync("xinghua-resident");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var unitMember = await platform.LoginAsync("huayu-wuye-member");
        var needId = await AcceptedNeedAsync(resident, xinghua, "2号楼前停车难，消防通道常被占");
        await JoinHuayuWuyeAsync(xinghua);
        await Eventually.HoldsAsync(async () => (await xinghua.GetJsonAsync("api/projects/needs")).EnumerateArray()
            .Any(need => need.GetProperty("needId").GetString() == needId), "Projects hears of the accepted need");

        var project = await DecideAsync(xinghua, new
        {
            name = "兴华南里停车秩序整治", summary = "划定停车位、清理消防通道，物业负责日常管理。", communityId = "xinghuananli", funding = "党组织服务群众经费",
            dueOn = Day(90), needIds = new[] { needId },
            tasks = new object[]
            {
                new { what = "施划停车位 40 个", unitId = HuayuWuye, deadline = Day(30) },
                new { what = "组织居民议事会通过停车公约", ownerName = "兴华南里社区居委会", deadline = Day(60) },
            },
        });
        var projectId = project.GetProperty("id").GetString()!;

        await Eventually.HoldsAsync(async () => (await xinghua.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("status").GetString() == "in-project",
            "Needs follows the need in the project");
        await Eventually.HoldsAsync(async () => await NoticeAsync(resident, needId, "in-project") is not null, "the resident is told of the project");

        // The unit sees the project it answers for, and reports only its own task.
        var listed = await unitMember.GetJsonAsync("api/projects/projects");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == projectId);
        // A task completes only with evidence: the unit's photo of the marked spaces.
        var refusedWithoutEvidence = await unitMember.PostAsync($"api/projects/projects/{projectId}/milestones",
            new { taskId = "T1", title = "停车位施划完成", reachedOn = Day(0), completesTask = true }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("证据", refusedWithoutEvidence.GetProperty("detail").GetString());
        await unitMember.PostFileAsync($"api/projects/projects/{projectId}/tasks/T2/evidence", "议事会.jpg", TestPhotos.PhoneJpeg(), HttpStatusCode.Forbidden);
        await unitMember.PostFileAsync($"api/projects/projects/{projectId}/tasks/T1/evidence", "spaces.exe", [0x4d, 0x5a, 0x90, 0x00], HttpStatusCode.BadRequest);
        var evidence = await unitMember.PostFileAsync($"api/projects/projects/{projectId}/tasks/T1/evidence", "车位施划.jpg", TestPhotos.PhoneJpeg());
        var served = await unitMember.GetAsync($"api/projects/{evidence.GetProperty("evidence").GetProperty("url").GetString()}");
        Assert.Equal(("image/jpeg", HttpStatusCode.OK), (served.Content.Headers.ContentType?.MediaType, served.StatusCode));
        await unitMember.PostAsync($"api/projects/projects/{projectId}/milestones",
            new { taskId = "T1", title = "停车位施划完成", note = "共 42 个车位", reachedOn = Day(0), completesTask = true });
        // The resident follows the project's progress on the need they raised.
        var progress = await Eventually.ReachesAsync(async () => (await resident.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("projectProgress"),
            shown => shown.ValueKind == JsonValueKind.Object, "the resident sees the project's progress");
        Assert.Equal((1, 2, 50, "「施划停车位 40 个」完成：停车位施划完成"), (progress.GetProperty("tasksDone").GetInt32(), progress.GetProperty("tasks").GetInt32(),
            progress.GetProperty("progressPercent").GetInt32(), progress.GetProperty("lastStep").GetString()));
        await unitMember.PostAsync($"api/projects/projects/{projectId}/milestones",
            new { taskId = "T2", title = "议事会召开", reachedOn = Day(0), completesTask = true }, HttpStatusCode.Forbidden);
        await unitMember.PostAsync($"api/projects/projects/{projectId}/complete", new { summary = "完成" }, HttpStatusCode.Forbidden);

        // The unit claims the community's task, pledging 30 of the 100 hours its agreement promises; the community confirms.
        var agreementId = await SignHoursAgreementAsync(xinghua);
        var commitment = await Eventually.ReachesAsync(async () => (await unitMember.GetJsonAsync($"api/projects/projects/{projectId}/commitments"))
            .EnumerateArray().SelectMany(unit => unit.GetProperty("commitments").EnumerateArray())
            .Where(option => option.GetProperty("agreementId").GetString() == agreementId).Select(option => (JsonElement?)option).FirstOrDefault(),
            option => option is not null, "Projects hears of the agreement");
        Assert.Equal(100, commitment!.Value.GetProperty("left").GetDecimal());
        var tooMuch = await unitMember.PostAsync($"api/projects/projects/{projectId}/claims",
            new { taskId = "T2", agreementId, commitment = "志愿服务", amount = 101 }, HttpStatusCode.BadRequest);
        Assert.Contains("尚余 100 小时服务", tooMuch.GetProperty("errors").GetProperty("amount")[0].GetString());
        var claim = await unitMember.PostAsync($"api/projects/projects/{projectId}/claims",
            new { taskId = "T2", agreementId, commitment = "志愿服务", amount = 30, note = "物业出 3 人协助组织议事会" }, HttpStatusCode.Created);
        var claimId = claim.GetProperty("claimId").GetString()!;
        var left = (await unitMember.GetJsonAsync($"api/projects/projects/{projectId}/commitments")).EnumerateArray()
            .SelectMany(unit => unit.GetProperty("commitments").EnumerateArray()).Single(option => option.GetProperty("agreementId").GetString() == agreementId);
        Assert.Equal(70, left.GetProperty("left").GetDecimal());
        await unitMember.PostAsync($"api/projects/projects/{projectId}/claims/{claimId}/confirm", new { }, HttpStatusCode.Forbidden);
        // 老东粥皇 co-builds with 永兴路, not 兴华南里: it can neither claim this project nor see 华昱家园's claim.
        using var otherUnit = await platform.LoginAsync("laodong-member");
        await otherUnit.PostAsync($"api/projects/projects/{projectId}/claims", new { taskId = "T2" }, HttpStatusCode.Forbidden);
        await otherUnit.GetJsonAsync($"api/projects/projects/{projectId}", HttpStatusCode.Forbidden);
        Assert.DoesNotContain((await otherUnit.GetJsonAsync("api/projects/claims")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("projectId").GetString() == projectId);
        Assert.Contains((await unitMember.GetJsonAsync("api/projects/claims")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("projectId").GetString() == projectId);
        var waiting = await xinghua.GetJsonAsync($"api/projects/claims?status=open&projectId={projectId}");
        Assert.Equal("华昱家园物业服务有限公司认领「组织居民议事会通过停车公约」，投入「志愿服务」30 小时服务",
            waiting.GetProperty("items")[0].GetProperty("claim").GetProperty("reads").GetString());
        await xinghua.PostAsync($"api/projects/projects/{projectId}/claims/{claimId}/confirm", new { });

        var refused = await xinghua.PostAsync($"api/projects/projects/{projectId}/complete", new { summary = "停车秩序好转" }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("组织居民议事会通过停车公约", refused.GetProperty("detail").GetString());
        await unitMember.PostFileAsync($"api/projects/projects/{projectId}/tasks/T2/evidence", "停车公约.png", TestPhotos.Png(40, 60));
        await unitMember.PostAsync($"api/projects/projects/{projectId}/milestones",
            new { taskId = "T2", title = "居民议事会通过停车公约", reachedOn = Day(0), completesTask = true });
        await xinghua.PostAsync($"api/projects/projects/{projectId}/complete", new { summary = "停车秩序好转，消防通道畅通。" });

        var detail = await xinghua.GetJsonAsync($"api/projects/projects/{projectId}");
        var summary = detail.GetProperty("summary");
        Assert.Equal(("已完成", 100, "兴华南里社区"), (summary.GetProperty("statusName").GetString(), summary.GetProperty("progressPercent").GetInt32(),
            summary.GetProperty("partyName").GetString()));
        Assert.Equal(["施划停车位 40 个", "组织居民议事会通过停车公约"], detail.GetProperty("tasks").EnumerateArray().Select(task => task.GetProperty("what").GetString()));
        Assert.Equal("华昱家园物业服务有限公司", detail.GetProperty("tasks")[0].GetProperty("ownerName").GetString());
        Assert.Equal("停车位施划完成", detail.GetProperty("tasks")[0].GetProperty("milestones")[0].GetProperty("title").GetString());
        Assert.Equal("车位施划.jpg", detail.GetProperty("tasks")[0].GetProperty("evidence")[0].GetProperty("fileName").GetString());
        Assert.Equal(["华昱家园物业服务有限公司"], detail.GetProperty("tasks")[1].GetProperty("partners").EnumerateArray().Select(unit => unit.GetString()));
        Assert.Equal("社区已确认", detail.GetProperty("claims")[0].GetProperty("statusName").GetString());

        await Eventually.HoldsAsync(async () => (await xinghua.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("status").GetString() == "resolved",
            "the completed project resolves the need");

        // The 30 hours the unit pledged are delivered with the project: Resources credits them on the agreement, and the
        // promise then has 70 left, none of it pledged.
        var credited = await Eventually.ReachesAsync(async () => (await xinghua.GetJsonAsync($"api/resources/contributions?coBuildingUnitId={HuayuWuye}&pageSize=100"))
            .GetProperty("items").EnumerateArray().Where(item => item.GetProperty("agreementId").GetString() == agreementId)
            .Select(item => (JsonElement?)item).FirstOrDefault(), item => item is not null, "Resources credits the pledge");
        Assert.Equal(("项目「兴华南里停车秩序整治」：组织居民议事会通过停车公约", "志愿服务", "confirmed", 30m), (credited!.Value.GetProperty("what").GetString(),
            credited.Value.GetProperty("commitment").GetString(), credited.Value.GetProperty("status").GetString(), credited.Value.GetProperty("amount").GetDecimal()));
        var promise = await Eventually.ReachesAsync(async () => (await xinghua.GetJsonAsync($"api/projects/projects/{projectId}/commitments")).EnumerateArray()
                .SelectMany(unit => unit.GetProperty("commitments").EnumerateArray()).Single(option => option.GetProperty("agreementId").GetString() == agreementId),
            option => option.GetProperty("delivered").GetDecimal() == 30, "Projects hears of the contribution");
        Assert.Equal((0m, 70m), (promise.GetProperty("pledged").GetDecimal(), promise.GetProperty("left").GetDecimal()));
        var standing = await Eventually.ReachesAsync(async () => (await xinghua.GetJsonAsync($"api/projects/projects/{projectId}")).GetProperty("claims")[0],
            claim => claim.TryGetProperty("deliveredOn", out var on) && on.ValueKind == JsonValueKind.String, "the claim reads delivered");
        Assert.Equal(Day(0), standing.GetProperty("deliveredOn").GetString());
        var told = await Eventually.ReachesAsync(() => NoticeAsync(resident, needId, "resolved"), notice => notice is not null, "the resident is told it is resolved");
        Assert.Contains("兴华南里停车秩序整治", told!.Value.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_project_takes_only_accepted_needs_of_its_own_place_and_bad_input_stores_nothing()
    {
        using var resident = await platform.LoginAsync("xinghua-resident");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        var needId = await AcceptedNeedAsync(resident, xinghua, "楼道堆物清理");
        await Eventually.HoldsAsync(async () => (await xinghua.GetJsonAsync("api/projects/needs")).EnumerateArray()
            .Any(need => need.GetProperty("needId").GetString() == needId), "Projects hears of the accepted need");
        var before = (await xinghua.GetJsonAsync("api/projects/projects?pageSize=1")).GetProperty("total").GetInt64();
        object Task(int days) => new { what = "清理楼道堆物", ownerName = "兴华南里社区居委会", deadline = Day(days) };

        var foreign = await yongxinglu.PostAsync("api/projects/projects", new
        {
            name = "永兴路楼道整治", summary = "清理楼道", communityId = "yongxinglu", dueOn = Day(30), needIds = new[] { needId }, tasks = new[] { Task(10) },
        }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("不属于本项目的社区", foreign.GetProperty("detail").GetString());
        await xinghua.PostAsync("api/projects/projects", new
        {
            name = "楼道整治", summary = "清理楼道", communityId = "xinghuananli", dueOn = Day(30), needIds = new[] { "N20200101-000000000000" }, tasks = new[] { Task(10) },
        }, HttpStatusCode.UnprocessableEntity);
        var invalid = await xinghua.PostAsync("api/projects/projects", new
        {
            name = "", summary = "清理楼道", communityId = "xinghuananli", dueOn = Day(-1), needIds = new[] { needId }, tasks = Array.Empty<object>(),
        }, HttpStatusCode.BadRequest);
        Assert.Equal(["dueOn", "name", "tasks"], invalid.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order());
        await yongxinglu.PostAsync("api/projects/projects", new
        {
            name = "楼道整治", summary = "清理楼道", communityId = "xinghuananli", dueOn = Day(30), tasks = new[] { Task(10) },
        }, HttpStatusCode.Forbidden);
        Assert.Equal(before, (await xinghua.GetJsonAsync("api/projects/projects?pageSize=1")).GetProperty("total").GetInt64());

        var project = await DecideAsync(xinghua, new
        {
            name = "楼道堆物清理", summary = "清理楼道堆物，消除火灾隐患。", communityId = "xinghuananli", dueOn = Day(30), needIds = new[] { needId }, tasks = new[] { Task(10) },
        });
        var projectId = project.GetProperty("id").GetString()!;
        await yongxinglu.GetJsonAsync($"api/projects/projects/{projectId}", HttpStatusCode.Forbidden);
        await xinghua.GetJsonAsync("api/projects/projects/P20200101-000000000000", HttpStatusCode.NotFound);

        // Two staff add a task on the same version: one wins, the other is told to reload, and nothing is lost.
        var version = project.GetProperty("version").GetInt64();
        var answers = await System.Threading.Tasks.Task.WhenAll(
            SendAsync(xinghua, $"api/projects/projects/{projectId}/tasks", new { what = "张贴消防提示", ownerName = "网格员", deadline = Day(5) }, version),
            SendAsync(xinghua, $"api/projects/projects/{projectId}/tasks", new { what = "入户宣传", ownerName = "楼门长", deadline = Day(5) }, version));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Order());
        Assert.Equal(2, (await xinghua.GetJsonAsync($"api/projects/projects/{projectId}")).GetProperty("tasks").GetArrayLength());
    }

    /// <summary>
    /// 吹哨报到 from the 责任清单: a project of 兴华南里 decided forty days ago has a task ten days past its deadline; the
    /// community whistles it to the street, and the Needs service opens it as a need of the 需求清单 with its whistle
    /// case, which names the project and what was tried. A task on time, a second whistle, a stranger and a unit are
    /// refused and change nothing.
    /// </summary>
    [Fact]
    public async Task An_overdue_task_is_whistled_and_the_needs_service_opens_its_case()
    {
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var fumin = await platform.LoginAsync("fumin-staff");
        using var unitMember = await platform.LoginAsync("huayu-wuye-member");
        var projectId = await ProjectDecidedFortyDaysAgoAsync();
        var project = await xinghua.GetJsonAsync($"api/projects/projects/{projectId}");
        Assert.Equal([true, false], project.GetProperty("tasks").EnumerateArray().Select(task => task.GetProperty("overdue").GetBoolean()));
        var whistlePath = $"api/projects/projects/{projectId}/tasks/T1/whistle";
        const string reason = "施工队人手不足，人行道铺装需城管、交通部门协调占道。";

        await fumin.PostAsync(whistlePath, new { level = "street", reason }, HttpStatusCode.Forbidden);
        await unitMember.PostAsync(whistlePath, new { level = "street", reason }, HttpStatusCode.Forbidden);
        var invalid = await xinghua.PostAsync(whistlePath, new { level = "community", reason = "" }, HttpStatusCode.BadRequest);
        Assert.Equal(["level", "reason"], invalid.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order());
        await xinghua.PostAsync($"api/projects/projects/{projectId}/tasks/T9/whistle", new { level = "street", reason }, HttpStatusCode.NotFound);
        var early = await xinghua.PostAsync($"api/projects/projects/{projectId}/tasks/T2/whistle", new { level = "street", reason },
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("尚未逾期", early.GetProperty("detail").GetString());
        // The refusals stored nothing: no task carries a whistle. (The version is no witness: the overdue timer may note
        // T1's lateness on the project's stream at any moment.)
        Assert.All((await xinghua.GetJsonAsync($"api/projects/projects/{projectId}")).GetProperty("tasks").EnumerateArray(),
            task => Assert.True(!task.TryGetProperty("whistle", out var whistle) || whistle.ValueKind == JsonValueKind.Null, task.GetRawText()));

        await xinghua.PostAsync(whistlePath, new { level = "street", reason });
        var again = await xinghua.PostAsync(whistlePath, new { level = "district", reason }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("已吹哨", again.GetProperty("detail").GetString());
        var whistled = (await xinghua.GetJsonAsync($"api/projects/projects/{projectId}")).GetProperty("tasks")[0].GetProperty("whistle");
        Assert.StartsWith("已吹哨至街道（", whistled.GetProperty("reads").GetString());

        var opened = await Eventually.ReachesAsync(async () => (await xinghua.GetJsonAsync(
                $"api/needs/needs?q={Uri.EscapeDataString("项目任务逾期：铺设人行道透水砖")}&pageSize=10")).GetProperty("items").EnumerateArray()
            .Select(item => (JsonElement?)item).FirstOrDefault(), item => item is not null, "Needs opens the whistled task as a need");
        var need = await xinghua.GetJsonAsync($"api/needs/needs/{opened!.Value.GetProperty("id").GetString()}");
        Assert.Equal(("escalated", "project", projectId, "T1", "兴华南里社区大党委"), (need.GetProperty("status").GetString(), need.GetProperty("channel").GetString(),
            need.GetProperty("fromProject").GetProperty("projectId").GetString(), need.GetProperty("fromProject").GetProperty("taskId").GetString(),
            need.GetProperty("reporter").GetProperty("name").GetString()));
        var whistleCase = await xinghua.GetJsonAsync($"api/needs/cases/{need.GetProperty("caseId").GetString()}");
        Assert.Equal(("street", reason, "xinghuananli"), (whistleCase.GetProperty("summary").GetProperty("level").GetString(), whistleCase.GetProperty("reason").GetString(),
            whistleCase.GetProperty("summary").GetProperty("communityId").GetString()));
        Assert.Equal("联席会议立项「兴华南里人行道改造」，任务「铺设人行道透水砖」由城建施工队负责，时限 " + Today.AddDays(-10).ToString("yyyy-MM-dd") + "。",
            whistleCase.GetProperty("triedByCommunity")[0].GetString());
    }

    /// <summary>
    /// A project uses the 资源清单: 兴华南里's project asks for 华昱家园物业's meeting room for the residents' meeting;
    /// Resources books it on the offer's own stream for the project, and refuses the other of two requests for the same
    /// slot, saying why; both answers come back to the project's page. Bad requests are refused at once and store nothing.
    /// </summary>
    [Fact]
    public async Task A_project_books_an_offer_through_resources_and_hears_why_a_full_slot_is_refused()
    {
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        await JoinHuayuWuyeAsync(xinghua);
        var offerId = (await Eventually.ReachesAsync(async () =>
        {
            using var response = await xinghua.PostAsJsonAsync("api/resources/offers", new
            {
                coBuildingUnitId = HuayuWuye, title = "物业会议室", kind = "venue", category = "venue", item = "活动室",
                capacity = new { amount = 1, measure = "bookings", scope = "at-a-time" },
                availability = new { from = Day(0), until = Day(60), windows = Enumerable.Range(0, 7).Select(day => new { day, from = "08:00", to = "20:00" }) },
            });
            return response.StatusCode == HttpStatusCode.Created ? await response.ReadAsync(HttpStatusCode.Created) : default;
        }, created => created.ValueKind == JsonValueKind.Object, "the offer published once Resources knows the unit")).GetProperty("id").GetString()!;
        var projectId = (await DecideAsync(xinghua, new
        {
            name = "兴华南里停车公约议事", summary = "召开居民议事会，商定停车公约。", communityId = "xinghuananli", dueOn = Day(30), needIds = Array.Empty<string>(),
            tasks = new[] { new { what = "召开居民议事会", ownerName = "兴华南里社区居委会", deadline = Day(20) } },
        })).GetProperty("id").GetString()!;
        await Eventually.HoldsAsync(async () => (await xinghua.GetJsonAsync($"api/projects/projects/{projectId}/offers")).EnumerateArray()
            .Any(offer => offer.GetProperty("offerId").GetString() == offerId), "Projects hears of the offer");
        var resources = $"api/projects/projects/{projectId}/resources";
        object Room(string purpose) => new { offerId, date = Day(3), from = "18:00", to = "20:00", quantity = 1, purpose };

        var invalid = await xinghua.PostAsync(resources, new { offerId, date = Day(-1), quantity = 0, purpose = "" }, HttpStatusCode.BadRequest);
        Assert.Equal(["date", "from", "purpose", "quantity"], invalid.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order());
        await xinghua.PostAsync(resources, new { offerId = "O20200101-000000000000", date = Day(3), quantity = 1, purpose = "议事会" }, HttpStatusCode.UnprocessableEntity);
        using var fumin = await platform.LoginAsync("fumin-staff");
        await fumin.PostAsync(resources, Room("议事会"), HttpStatusCode.Forbidden);
        Assert.Empty((await xinghua.GetJsonAsync($"api/projects/projects/{projectId}")).GetProperty("resources").EnumerateArray());

        var first = await xinghua.PostAsync(resources, Room("居民议事会会场"), HttpStatusCode.Accepted);
        var second = await xinghua.PostAsync(resources, Room("楼门长培训"), HttpStatusCode.Accepted);
        var answered = await Eventually.ReachesAsync(async () => (await xinghua.GetJsonAsync($"api/projects/projects/{projectId}")).GetProperty("resources"),
            requests => requests.EnumerateArray().All(request => request.GetProperty("status").GetString() != "requested"), "Resources answers both requests");
        // The two requests reach Resources through the bus in either order: whichever it books first holds the slot.
        Assert.Equal(("R1", "R2"), (first.GetProperty("requestId").GetString(), second.GetProperty("requestId").GetString()));
        Assert.Equal(["booked", "refused"], answered.EnumerateArray().Select(request => request.GetProperty("status").GetString()).Order());
        var booked = answered.EnumerateArray().Single(request => request.GetProperty("status").GetString() == "booked");
        var refused = answered.EnumerateArray().Single(request => request.GetProperty("status").GetString() == "refused");
        Assert.Contains("约满", refused.GetProperty("refusal").GetString());
        Assert.Equal(Day(3) + " 18:00–20:00", booked.GetProperty("when").GetString());
        var booking = await xinghua.GetJsonAsync($"api/resources/bookings/{booked.GetProperty("bookingId").GetString()}");
        Assert.Equal((projectId, "xinghuananli"), (booking.GetProperty("projectId").GetString(), booking.GetProperty("communityId").GetString()));
    }

    /// <summary>
    /// History the test needs and cannot wait for: a project of 兴华南里 decided forty days ago by the service's own
    /// decider, its first task due ten days ago and its second in twenty days, appended to Projects' store as the demo
    /// loader writes history (the inline views and timers follow).
    /// </summary>
    private async Task<string> ProjectDecidedFortyDaysAgoAsync()
    {
        var decidedAt = DateTimeOffset.UtcNow.AddDays(-40);
        var projectId = RecordIds.New("P", decidedAt);
        var decided = ProjectDecider.Decide(new DecideProject(
            projectId, "兴华南里人行道改造", "更换破损人行道、补种行道树。", new ProjectParty("linxiaolu", "xinghuananli"), "专项经费", Today.AddDays(30), [],
            [new TaskDraft("铺设人行道透水砖", "城建施工队", null, Today.AddDays(-10)), new TaskDraft("补种行道树", "兴华南里社区居委会", null, Today.AddDays(20))],
            MeetingId: null), Project.Initial, new DecisionContext("xinghua-staff", decidedAt));
        var store = platform.ServiceHost("projects").Application.Services.GetRequiredService<Marten.IDocumentStore>();
        await using var session = store.LightweightSession("990101");
        session.LastModifiedBy = "xinghua-staff";
        session.Events.StartStream(Project.StreamId(projectId), decided.Cast<object>());
        await session.SaveChangesAsync();
        return projectId;
    }

    private static async Task<string> AcceptedNeedAsync(HttpClient resident, HttpClient staff, string title)
    {
        var raised = await resident.PostAsync("api/needs/needs", new
        {
            title, description = "居民反映，希望社区协调解决。", category = "env", urgency = "normal", reporter = new { name = "万秋菊", phone = "13700000009" },
        }, HttpStatusCode.Created);
        var needId = raised.GetProperty("id").GetString()!;
        await staff.PostAsync($"api/needs/needs/{needId}/accept", new { });
        return needId;
    }

    private static async Task JoinHuayuWuyeAsync(HttpClient staff)
    {
        using var joined = await staff.PostAsJsonAsync("api/resources/units", new { unitId = HuayuWuye, kind = "in-area", communityIds = new[] { "xinghuananli" } });
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"joining 华昱家园物业: {(int)joined.StatusCode}");
    }

    /// <summary>兴华南里 signs a one-year agreement with 华昱家园物业 promising 100 hours of service over its term.</summary>
    private static async Task<string> SignHoursAgreementAsync(HttpClient staff)
    {
        var signed = await Eventually.ReachesAsync(async () =>
        {
            using var response = await staff.PostAsJsonAsync("api/resources/agreements", new
            {
                unitId = HuayuWuye, communityId = "xinghuananli", title = "华昱家园物业共建协议", startsOn = Day(-30), endsOn = Day(335),
                commitments = new[] { new { what = "志愿服务", measure = "hours", amount = 100, per = "term" } },
            });
            return response.StatusCode == HttpStatusCode.Created ? await response.ReadAsync(HttpStatusCode.Created) : default;
        }, created => created.ValueKind == JsonValueKind.Object, "the agreement signed");
        return signed.GetProperty("id").GetString()!;
    }

    /// <summary>Decides the project once everything it names has reached Projects by the bus (until then a 422 says which is missing).</summary>
    private static Task<JsonElement> DecideAsync(HttpClient staff, object body) => Eventually.ReachesAsync(async () =>
    {
        using var response = await staff.PostAsJsonAsync("api/projects/projects", body);
        return response.StatusCode == HttpStatusCode.Created ? await response.ReadAsync(HttpStatusCode.Created) : default;
    }, created => created.ValueKind == JsonValueKind.Object, "the project decided");

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string path, object body, long version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<JsonElement?> NoticeAsync(HttpClient resident, string needId, string kind) =>
        (await resident.GetJsonAsync("api/needs/notifications")).GetProperty("items").EnumerateArray()
            .Where(notice => notice.GetProperty("needId").GetString() == needId && notice.GetProperty("kind").GetString() == kind)
            .Select(notice => (JsonElement?)notice).FirstOrDefault();
}
