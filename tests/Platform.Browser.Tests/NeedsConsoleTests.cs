using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The needs and whistle-case pages of the console, driven as their users drive them: a community office registers a
/// need and blows the whistle, its street dispatches on the board, a street department signs, the district reads the
/// scores and an auditor replays and checks a case's history.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class NeedsConsoleTests(ConsolePlatform platform, ITestOutputHelper output)
{
    /// <summary>A department of a street (not of the district), so that one street's people see the whole flow.</summary>
    private static readonly DemoLogin Department = DemoData.Logins.First(login =>
        login.Role == "department_staff" && DemoData.Streets.Any(street => login.ScopeId.StartsWith($"dept-{street.Id}-", StringComparison.Ordinal)));

    private static readonly DemoStreet Street = DemoData.Streets.Single(street => Department.ScopeId.StartsWith($"dept-{street.Id}-", StringComparison.Ordinal));

    private static readonly DemoLogin StreetStaff = DemoData.Logins.First(login => login.Role == "street_staff" && login.ScopeId == Street.Id);

    private static readonly DemoLogin CommunityStaff = DemoData.Logins.First(login =>
        login.Role == "community_staff" && Street.Communities.Any(community => community.Id == login.ScopeId));

    /// <summary>环境卫生: a general case (seven days to handle), so a signed case is far from its deadline.</summary>
    private const string Category = "env";

    [Fact]
    public async Task An_empty_need_form_shows_what_the_server_requires_beside_each_field()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(CommunityStaff);
        await console.Page.GetByTestId("nav-needs").ClickAsync();
        await console.Page.GetByTestId("need-register").ClickAsync();

        await console.Page.GetByTestId("need-submit").ClickAsync();

        foreach (var field in new[] { "title", "category", "reporter.phone" })
            await Expect(ErrorFor(console, field)).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("need-form-error")).ToBeVisibleAsync();
        await Expect(console.Page).ToHaveURLAsync(new Regex("#/needs/new$"));
        // The community office has one community: the place is chosen for it, so the place is not what is missing.
        await Expect(ErrorFor(console, "place.communityId")).ToBeHiddenAsync();

        // Corrected, the form is a new request (a new Idempotency-Key), not a retry of the refused one.
        await console.Page.GetByLabel("标题").FillAsync("楼门禁损坏");
        await console.Page.GetByLabel("详细描述").FillAsync("5号楼单元门禁刷卡无反应，外人可随意进出。");
        await console.Page.GetByLabel("类别", new() { Exact = true }).SelectOptionAsync(Category);
        await console.Page.GetByLabel("姓名").FillAsync("刘秀英");
        await console.Page.GetByLabel("联系电话").FillAsync("13800004321");
        await console.Page.GetByTestId("need-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("need-status")).ToHaveTextAsync("待受理");
    }

    [Fact]
    public async Task A_need_goes_from_the_form_to_the_whistle_the_street_dispatches_on_the_board_and_the_department_signs()
    {
        // Six hex characters tell runs apart; seven digits in a row would be masked as a phone number for the street.
        var title = $"楼道堆物清理 批次{Guid.NewGuid().ToString("N")[..6]}";
        string caseId;
        string departmentName;

        await using (var community = await platform.OpenConsoleAsync())
        {
            await community.SignInAsync(CommunityStaff);
            await community.Page.GetByTestId("nav-needs").ClickAsync();
            await community.Page.GetByTestId("need-register").ClickAsync();
            await community.Page.GetByLabel("标题").FillAsync(title);
            await community.Page.GetByLabel("详细描述").FillAsync("3号楼楼道堆放杂物，影响通行和消防安全。");
            await community.Page.GetByLabel("类别", new() { Exact = true }).SelectOptionAsync(Category);
            await community.Page.GetByLabel("详细地址").FillAsync("3号楼2单元");
            await community.Page.GetByLabel("姓名").FillAsync("孙立新");
            await community.Page.GetByLabel("联系电话").FillAsync("13800001234");
            await community.Page.GetByTestId("need-submit").ClickAsync();

            await Expect(community.Page.GetByTestId("need-status")).ToHaveTextAsync("待受理");
            await Expect(community.PageTitle).ToContainTextAsync(title);
            await Expect(community.Page.GetByTestId("reporter-phone")).ToHaveTextAsync("13800001234");
            await Expect(community.Page.GetByTestId("reporter-masked")).ToHaveCountAsync(0);

            await community.Page.GetByTestId("need-action-accept").ClickAsync();
            await community.Page.GetByTestId("need-dialog-accept").GetByTestId("dialog-submit").ClickAsync();
            await Expect(community.Page.GetByTestId("need-status")).ToHaveTextAsync("已受理");

            await community.Page.GetByTestId("need-action-whistle").ClickAsync();
            var whistle = community.Page.GetByTestId("need-dialog-whistle");
            await whistle.GetByLabel("吹哨层级").SelectOptionAsync("street");
            await whistle.GetByLabel("吹哨原因").FillAsync("堆物业主拒不清理，需城管执法。");
            await whistle.GetByLabel("社区已做工作").FillAsync("两次上门劝导\n张贴限期清理通知");
            await whistle.GetByTestId("dialog-submit").ClickAsync();

            await Expect(community.Page.GetByTestId("need-status")).ToHaveTextAsync("已吹哨");
            await Expect(community.Page.GetByTestId("timeline-item")).ToHaveCountAsync(3);
            caseId = (await community.Page.GetByTestId("need-case-link").TextContentAsync())!.Trim();
            output.WriteLine($"case {caseId}; screenshot: {await community.ScreenshotAsync("need-whistled")}");
        }

        await using (var street = await platform.OpenConsoleAsync())
        {
            await street.SignInAsync(StreetStaff);
            await street.Page.GetByTestId("nav-whistles").ClickAsync();
            var awaiting = street.Page.GetByTestId("board-column-awaiting-dispatch").GetByTestId($"case-card-{caseId}");
            await Expect(awaiting).ToContainTextAsync(title);
            await Expect(awaiting.GetByTestId("level-badge")).ToHaveTextAsync("街道");

            await awaiting.GetByTestId($"case-action-dispatch-{caseId}").ClickAsync();
            var dispatch = street.Page.GetByTestId("case-dialog-dispatch");
            // Departments are picked by name from one list, searched, the street's own offices among the first.
            var row = dispatch.GetByTestId($"dispatch-row-{Department.ScopeId}");
            departmentName = (await row.GetAttributeAsync("data-name"))!;
            await dispatch.GetByTestId("dispatch-search").FillAsync(departmentName);
            await Expect(row).ToBeVisibleAsync();
            Assert.All(await dispatch.Locator("tr.department-row:visible").AllTextContentsAsync(), name => Assert.Contains(departmentName, name, StringComparison.Ordinal));
            Assert.DoesNotContain("dept-", await dispatch.GetByTestId("dispatch-departments").InnerTextAsync(), StringComparison.Ordinal);
            await dispatch.GetByTestId($"dispatch-lead-{Department.ScopeId}").CheckAsync();
            output.WriteLine($"screenshot: {await street.ScreenshotAsync("dispatch-picker")}");
            await dispatch.GetByLabel("派单说明").FillAsync("请城管科三日内清理。");
            await dispatch.GetByTestId("dialog-submit").ClickAsync();

            var dispatched = street.Page.GetByTestId("board-column-dispatched").GetByTestId($"case-card-{caseId}");
            await Expect(street.Page.GetByTestId("action-message")).ToContainTextAsync("已派单");
            // One hour to sign is within four hours: yellow from the start, counting down each second.
            var countdown = dispatched.GetByTestId("countdown");
            await Expect(countdown).ToHaveClassAsync(new Regex(@"\bcountdown-yellow\b"));
            await Expect(countdown).ToContainTextAsync("签收剩余");
            var shown = await countdown.TextContentAsync();
            await Expect(countdown).Not.ToHaveTextAsync(shown!, new() { Timeout = 3000 });
            output.WriteLine($"screenshot: {await street.ScreenshotAsync("board-dispatched")}");
        }

        await using (var department = await platform.OpenConsoleAsync())
        {
            await department.SignInAsync(Department);
            await department.Page.GetByTestId("nav-whistles").ClickAsync();
            var waiting = department.Page.GetByTestId("board-column-dispatched").GetByTestId($"case-card-{caseId}");
            await waiting.GetByTestId($"case-action-sign-{caseId}").ClickAsync();
            var sign = department.Page.GetByTestId("case-dialog-sign");
            await sign.GetByLabel("已与社区或反映人取得联系").CheckAsync();
            await sign.GetByTestId("dialog-submit").ClickAsync();

            // Signed by the lead: in handling, with seven days to go, so green.
            var handling = department.Page.GetByTestId("board-column-in-handling").GetByTestId($"case-card-{caseId}");
            await Expect(handling.GetByTestId("countdown")).ToHaveClassAsync(new Regex(@"\bcountdown-green\b"));
            await Expect(handling.GetByTestId("countdown")).ToContainTextAsync("办结剩余");

            await handling.GetByTestId($"case-link-{caseId}").ClickAsync();
            await Expect(department.Page.GetByTestId($"sign-state-{Department.ScopeId}")).ToHaveTextAsync("已签收");
            await Expect(department.Page.GetByTestId("case-status")).ToHaveTextAsync("办理中");
            await Expect(department.Page.GetByTestId("case-action-report")).ToBeVisibleAsync();
            // A department reads the place by its name, though the community is not its scope.
            var community = Street.Communities.Single(candidate => candidate.Id == CommunityStaff.ScopeId);
            await Expect(department.Page.GetByTestId("case-facts")).ToContainTextAsync(community.Name);
            await Expect(department.Page.GetByTestId("case-facts")).Not.ToContainTextAsync(community.Id);
            output.WriteLine($"screenshot: {await department.ScreenshotAsync("case-signed")}");

            // The photo of the cleared stairwell goes with the result, named by the department that took it.
            await department.Page.GetByTestId("case-evidence-input").SetInputFilesAsync(
                new FilePayload { Name = "清理后.jpg", MimeType = "image/jpeg", Buffer = Platform.Testing.TestPhotos.PhoneJpeg() });
            await Expect(department.Page.GetByTestId("action-message")).ToContainTextAsync("已添加 1 个附件");
            var evidence = department.Page.GetByTestId("case-evidence").Locator("img");
            await Expect(evidence).ToHaveJSPropertyAsync("naturalWidth", 32);
            await Expect(evidence).ToHaveAttributeAsync("alt", new Regex("^" + Regex.Escape(departmentName)));
            await Expect(department.Page.GetByTestId("case-timeline")).ToContainTextAsync("上传办理照片 1 个");
            output.WriteLine($"screenshot: {await department.ScreenshotAsync("case-evidence")}");
        }
    }

    [Fact]
    public async Task Countdowns_are_green_with_time_to_spare_yellow_when_it_runs_short_and_red_when_overdue()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(StreetStaff);
        await console.Page.GetByTestId("nav-whistles").ClickAsync();
        await Expect(console.Page.GetByTestId("case-board")).ToBeVisibleAsync();

        // The colour rule itself, as the board's module applies it: hours are in milliseconds.
        var tones = await console.Page.EvaluateAsync<string[]>("""
            async () => {
              const { deadlineTone } = await import('/js/pages/needs-shared.js');
              const hour = 3600 * 1000;
              return [deadlineTone(100 * hour, 168 * hour), deadlineTone(3 * hour, 168 * hour), deadlineTone(20 * hour, 100 * hour),
                      deadlineTone(-1000, 168 * hour), deadlineTone(30 * 60 * 1000, hour)];
            }
            """);
        Assert.Equal(["green", "yellow", "yellow", "red", "yellow"], tones);
        foreach (var countdown in await console.Page.Locator(".case-card .countdown[data-due]").AllAsync())
            await Expect(countdown).ToHaveClassAsync(new Regex(@"\bcountdown-(green|yellow|red)\b"));

        // Overdue work is never grey or green: each overdue card counts, in red, how long its broken limit has passed.
        await console.Page.GetByTestId("board-overdue").CheckAsync();
        var overdue = console.Page.Locator(".case-card");
        await Expect(overdue).Not.ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(console.Page.Locator(".case-card:not(.case-card-overdue)")).ToHaveCountAsync(0);
        foreach (var card in await overdue.AllAsync())
        {
            await Expect(card.GetByTestId("countdown")).ToHaveClassAsync(new Regex(@"\bcountdown-red\b"));
            await Expect(card.GetByTestId("countdown")).ToContainTextAsync("已超时");
        }
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("board-overdue")}");
    }

    [Fact]
    public async Task The_bell_tells_the_department_of_a_case_sent_to_it_and_its_workbench_counts_what_waits_to_be_signed()
    {
        using (var community = await platform.LoginAsync(CommunityStaff.Username))
        using (var street = await platform.LoginAsync(StreetStaff.Username))
        {
            var needId = await RaiseNeedAsync(community);
            await PostAsync(community, $"api/needs/needs/{needId}/accept", new { });
            var caseId = await PostAsync(community, $"api/needs/needs/{needId}/whistle", new
            {
                level = "street", whistleType = "routine", reason = "物业不履责，需街道协调。", triedByCommunity = new[] { "约谈物业" },
            });
            await PostAsync(street, $"api/needs/cases/{caseId}/dispatch", new
            {
                leadDepartmentId = Department.ScopeId, assistingDepartmentIds = Array.Empty<string>(), participatingUnitIds = Array.Empty<string>(), note = "请尽快清运。",
            });

            await using var console = await platform.OpenConsoleAsync();
            await console.SignInAsync(Department);

            // The workbench counts the cases waiting for this department's signature, and one of them is this case.
            var waiting = console.Page.GetByTestId("work-cases-dispatched-count");
            await Expect(waiting).Not.ToHaveTextAsync("…");
            Assert.True(int.Parse(await waiting.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.GetCultureInfo("zh-CN")) >= 1);

            var count = console.Page.GetByTestId("notification-count");
            await Expect(count).ToBeVisibleAsync();
            await console.Page.GetByTestId("notification-bell").ClickAsync();
            var aboutTheCase = console.Page.GetByTestId("notification-panel").Locator($"a[href='#/whistles/{caseId}']").First;
            await Expect(aboutTheCase).ToBeVisibleAsync();
            output.WriteLine($"screenshot: {await console.ScreenshotAsync("notification-bell")}");

            await aboutTheCase.ClickAsync();
            await Expect(console.Page.GetByTestId("notification-panel")).ToBeHiddenAsync();
            await Expect(console.Page).ToHaveURLAsync(new Regex($"#/whistles/{caseId}$"));
            // Opened once, they are no longer new.
            await Expect(count).ToBeHiddenAsync();
        }
    }

    [Fact]
    public async Task The_scores_page_ranks_departments_and_draws_their_rates_as_bars()
    {
        await CaseSignedByTheDepartmentAsync();
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));

        await console.Page.GetByTestId("nav-scores").ClickAsync();
        await console.Page.GetByTestId("score-period").SelectOptionAsync("all");

        await Expect(console.Page.GetByTestId("score-table").Locator("tbody tr")).Not.ToHaveCountAsync(0, new() { Timeout = 15_000 });
        foreach (var metric in new[] { "responseRate", "resolutionRate", "satisfactionRate", "score" })
            await Expect(console.Page.GetByTestId($"bar-chart-{metric}").Locator("rect.bar")).Not.ToHaveCountAsync(0);

        // Ranked departments first (places never go down the table), then only departments with too few cases.
        var places = await console.Page.GetByTestId("score-table").GetByTestId("rank").AllInnerTextsAsync();
        var ranked = places.TakeWhile(place => place != "不排名").Select(int.Parse).ToList();
        Assert.All(places.Skip(ranked.Count), place => Assert.Equal("不排名", place));
        if (ranked.Count > 0) Assert.Equal(1, ranked[0]);
        Assert.Equal(ranked.Order(), ranked);
        await Expect(console.Page.GetByTestId("score-weights")).ToContainTextAsync("派单满 5 件参与排名");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("scores")}");
    }

    [Fact]
    public async Task A_workbench_tile_opens_its_list_filtered_and_the_scope_selector_narrows_the_needs_list_the_board_and_the_scores()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));

        await console.Page.GetByTestId("work-needs-raised").ClickAsync();
        await Expect(console.Page).ToHaveURLAsync(new Regex(@"#/needs\?status=raised$"));
        await Expect(console.Page.GetByTestId("filter-status")).ToHaveValueAsync("raised");
        var statuses = console.Page.GetByTestId("need-table").Locator("tbody .status-badge");
        await Expect(statuses.First).ToBeVisibleAsync();
        Assert.All(await statuses.EvaluateAllAsync<string[]>("badges => badges.map(badge => badge.dataset.status)"), status => Assert.Equal("raised", status));

        // A street chosen in the masthead narrows the list in place, and every list after it.
        var street = DemoData.StreetOf(CommunityStaff.ScopeId);
        var other = DemoData.Streets.First(candidate => candidate.Id != street.Id);
        await console.Page.RunAndWaitForResponseAsync(
            () => console.ScopeSelector.SelectOptionAsync(street.Id),
            response => response.Url.Contains("/api/needs/needs?", StringComparison.Ordinal) && response.Url.Contains($"streetId={street.Id}", StringComparison.Ordinal));
        await Expect(console.Page.GetByTestId("filter-street")).ToHaveValueAsync(street.Id);
        var places = console.Page.GetByTestId("need-table").Locator("tbody tr td:nth-child(5)");
        await Expect(places.First).ToContainTextAsync(street.Name);
        Assert.DoesNotContain(await places.AllTextContentsAsync(), place => place.Contains(other.Name, StringComparison.Ordinal));
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("needs-scoped")}");

        await console.Page.RunAndWaitForResponseAsync(
            () => console.Page.GetByTestId("nav-whistles").ClickAsync(),
            response => response.Url.Contains("/api/needs/cases?", StringComparison.Ordinal) && response.Url.Contains($"streetId={street.Id}", StringComparison.Ordinal));
        await Expect(console.Page.GetByTestId("board-scope")).ToHaveTextAsync($"范围：{street.Name}");

        await console.Page.GetByTestId("nav-scores").ClickAsync();
        await Expect(console.Page.GetByTestId("score-street")).ToHaveValueAsync(street.Id);

        await console.Page.GetByTestId("nav-dashboard").ClickAsync();
        await Expect(console.Page.GetByTestId("work-counts")).ToContainTextAsync($"待办概况 · {street.Name}");
        await console.Page.GetByTestId("work-cases-overdue").ClickAsync();
        await Expect(console.Page).ToHaveURLAsync(new Regex(@"#/whistles\?overdue=true$"));
        await Expect(console.Page.GetByTestId("board-overdue")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task A_resident_on_a_phone_raises_a_need_with_a_photo_and_adds_another_and_sees_them_upright()
    {
        await using var console = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await console.SignInAsync(DemoData.For("resident"));
        await console.OpenAsync("#/needs/new");

        await console.Page.GetByLabel("标题").FillAsync("楼下电动车充电线私拉");
        await console.Page.GetByLabel("详细描述").FillAsync("2号楼一层窗户拉出充电线给电动车充电，晚上没人看管。");
        await console.Page.GetByLabel("类别", new() { Exact = true }).SelectOptionAsync(Category);
        await console.Page.GetByLabel("联系电话").FillAsync("13800007788");
        // As a phone hands over a photo taken upright: sideways pixels, an orientation tag and where it was taken.
        await console.Page.GetByTestId("need-photos").SetInputFilesAsync(
            new FilePayload { Name = "IMG_2041.JPG", MimeType = "image/jpeg", Buffer = Platform.Testing.TestPhotos.PhoneJpeg() });
        await console.Page.GetByTestId("need-submit").ClickAsync();

        await Expect(console.Page.GetByTestId("need-status")).ToHaveTextAsync("待受理");
        await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("附 1 个照片或文件");
        var thumbnails = console.Page.GetByTestId("need-media").Locator("img");
        await Expect(thumbnails).ToHaveCountAsync(1);
        // 64×32 as the sensor stored it, 32×64 as it was taken.
        await Expect(thumbnails.First).ToHaveJSPropertyAsync("naturalWidth", 32);
        await Expect(thumbnails.First).ToHaveJSPropertyAsync("naturalHeight", 64);

        await console.Page.GetByTestId("need-media-input").SetInputFilesAsync(
            new FilePayload { Name = "充电线.png", MimeType = "image/png", Buffer = Platform.Testing.TestPhotos.Png(40, 20) });
        await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("已添加 1 个附件");
        await Expect(thumbnails).ToHaveCountAsync(2);
        await Expect(thumbnails.Nth(1)).ToHaveJSPropertyAsync("naturalWidth", 40);
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("need-photos-phone")}");
    }

    [Fact]
    public async Task A_photo_sent_with_a_hotline_request_shows_on_the_needs_page()
    {
        // A 1×1 PNG, sent as a GeoReport client sends a photo.
        var photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(platform.Open311ApiKey), "api_key" },
            { new StringContent("road"), "service_code" },
            { new StringContent(CommunityStaff.ScopeId), "address_id" },
            { new StringContent("兴华南里 5 号楼前井盖破损，有照片"), "description" },
            { new StringContent("13700000055"), "phone" },
            { new ByteArrayContent(photo) { Headers = { ContentType = new("image/png") } }, "media", "井盖.png" },
        };
        using var anonymous = new HttpClient { BaseAddress = platform.Address };
        using var created = await anonymous.PostAsync("open311/v2/requests.json", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var needId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString();

        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(CommunityStaff);
        await console.OpenAsync($"#/needs/{needId}");

        var thumbnail = console.Page.GetByTestId("need-media").Locator("img");
        await Expect(thumbnail).ToBeVisibleAsync();
        await Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", 1);
        // The hotline is named as the district configured it, not by its channel id.
        await Expect(console.Page.GetByTestId("timeline-actor").First).ToContainTextAsync("外部平台（12345热线）");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("need-media")}");
    }

    [Fact]
    public async Task An_auditor_replays_a_case_checks_its_hash_chain_and_exports_it_but_cannot_act_on_it()
    {
        var (needId, caseId) = await CaseSignedByTheDepartmentAsync();
        using (var community = await platform.LoginAsync(CommunityStaff.Username))
        using (var reporterSeen = await community.GetAsync($"api/needs/needs/{needId}"))
            Assert.Equal(HttpStatusCode.OK, reporterSeen.StatusCode);
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("auditor"));

        await console.Page.GetByTestId("nav-audit").ClickAsync();
        // Who saw a reporter unmasked reads as a name and what they saw, not as an account and field keys.
        var seen = console.Page.GetByTestId("personal-data-views").Locator("tbody tr").Filter(new() { HasText = "垃圾桶满溢未清运" });
        await Expect(seen.First).ToContainTextAsync(CommunityStaff.DisplayName);
        await Expect(seen.First).ToContainTextAsync("诉求人姓名、诉求人电话");
        await Expect(seen.First).ToContainTextAsync("社区工作人员");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("audit-access-log")}");
        await console.Page.GetByLabel("编号").FillAsync(caseId);
        await console.Page.GetByTestId("audit-open").ClickAsync();

        // Blown, dispatched, signed.
        var rows = console.Page.GetByTestId("audit-history").Locator(":scope > tbody > tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(console.Page.GetByTestId("replay-version")).ToHaveTextAsync("第 3 版");
        // The replayed state is a table of fields in Chinese, with names, not codes or JSON.
        var fields = console.Page.GetByTestId("replay-fields");
        await Expect(fields.Locator("tr[data-key='status'] > td")).ToHaveTextAsync("办理中");
        await Expect(fields.Locator("tr[data-key='leadDepartmentId'] > td")).Not.ToContainTextAsync("dept-");
        var labels = await fields.Locator("th").AllTextContentsAsync();
        Assert.DoesNotContain(labels, label => Regex.IsMatch(label, "^[A-Za-z]+$"));
        await Expect(rows.Nth(0).GetByTestId("audit-actor")).ToHaveTextAsync(CommunityStaff.DisplayName);
        await Expect(rows.Nth(1).GetByTestId("audit-actor")).ToHaveTextAsync(StreetStaff.DisplayName);

        var slider = console.Page.GetByTestId("replay-slider");
        await console.Page.RunAndWaitForResponseAsync(
            () => slider.PressAsync("Home"),
            response => response.Url.Contains($"/audit/cases/{caseId}/state?version=1", StringComparison.Ordinal) && response.Status == 200);
        await Expect(console.Page.GetByTestId("replay-version")).ToHaveTextAsync("第 1 版");
        await Expect(console.Page.GetByTestId("replay-state")).ToHaveAttributeAsync("data-version", "1");
        await Expect(fields.Locator("tr[data-key='status'] > td")).ToHaveTextAsync("待派单");
        await Expect(rows.Nth(1)).ToHaveClassAsync(new Regex(@"\bevent-future\b"));

        await console.Page.GetByTestId("audit-verify").ClickAsync();
        await Expect(console.Page.GetByTestId("verify-intact")).ToContainTextAsync("哈希链完整");

        var download = await console.Page.RunAndWaitForDownloadAsync(() => console.Page.GetByTestId("audit-export-json").ClickAsync());
        using (var dossier = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)))
        {
            Assert.Equal(JsonValueKind.Object, dossier.RootElement.ValueKind);
            Assert.Contains(caseId, dossier.RootElement.GetRawText(), StringComparison.Ordinal);
        }
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("audit")}");

        var problems = new List<string>();
        console.Page.Context.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        var printable = await console.Page.RunAndWaitForPopupAsync(() => console.Page.GetByTestId("audit-export-html").ClickAsync());
        await Expect(printable.GetByTestId("verdict")).ToContainTextAsync("完整");
        output.WriteLine($"printable page: {printable.Url}; console errors: {string.Join(" | ", problems)}");
        await printable.CloseAsync();

        await console.OpenAsync($"#/whistles/{caseId}");
        await Expect(console.Page.GetByTestId("case-status")).ToHaveTextAsync("办理中");
        await Expect(console.Page.GetByTestId("case-actions")).ToHaveCountAsync(0);
        await Expect(console.ReadOnlyBanner).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_step_on_a_need_someone_else_changed_meanwhile_is_refused_and_the_page_shows_the_new_state()
    {
        using var community = await platform.LoginAsync(CommunityStaff.Username);
        var needId = await RaiseNeedAsync(community);
        await PostAsync(community, $"api/needs/needs/{needId}/accept", new { });
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(CommunityStaff);
        await console.OpenAsync($"#/needs/{needId}");
        await Expect(console.Page.GetByTestId("need-status")).ToHaveTextAsync("已受理");

        // A colleague starts handling it while this page still shows it as merely accepted.
        await PostAsync(community, $"api/needs/needs/{needId}/start-handling", new { plan = "协调物业当天清运。" });
        await console.Page.GetByTestId("need-action-resolve").ClickAsync();
        var resolve = console.Page.GetByTestId("need-dialog-resolve");
        await resolve.GetByLabel("办理结果").FillAsync("已清运。");
        await resolve.GetByTestId("dialog-submit").ClickAsync();

        await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("数据已被他人修改，请刷新");
        await Expect(console.Page.GetByTestId("need-status")).ToHaveTextAsync("社区办理中");
        await Expect(resolve).ToHaveCountAsync(0);
    }

    private static ILocator ErrorFor(ConsolePage console, string field) => console.Page.Locator($"[data-error-for=\"{field}\"]");

    /// <summary>Through the API, as the console would: a need of the community, blown to its street, dispatched to the
    /// street's department, and signed by it.</summary>
    private async Task<(string NeedId, string CaseId)> CaseSignedByTheDepartmentAsync()
    {
        using var community = await platform.LoginAsync(CommunityStaff.Username);
        var needId = await RaiseNeedAsync(community);
        await PostAsync(community, $"api/needs/needs/{needId}/accept", new { });
        var caseId = await PostAsync(community, $"api/needs/needs/{needId}/whistle", new
        {
            level = "street", whistleType = "routine", reason = "物业不履责，需街道协调。", triedByCommunity = new[] { "约谈物业" },
        });
        using var street = await platform.LoginAsync(StreetStaff.Username);
        await PostAsync(street, $"api/needs/cases/{caseId}/dispatch", new
        {
            leadDepartmentId = Department.ScopeId, assistingDepartmentIds = Array.Empty<string>(), participatingUnitIds = Array.Empty<string>(), note = "请尽快清运。",
        });
        using var department = await platform.LoginAsync(Department.Username);
        await PostAsync(department, $"api/needs/cases/{caseId}/sign", new { contactedReporter = true });
        return (needId, caseId);
    }

    private static Task<string> RaiseNeedAsync(HttpClient community) =>
        PostAsync(community, "api/needs/needs", new
        {
            title = "垃圾桶满溢未清运",
            description = "小区东门垃圾桶连续三天未清运。",
            category = Category,
            urgency = "normal",
            channel = "staff",
            place = new { streetId = Street.Id, communityId = CommunityStaff.ScopeId },
            reporter = new { name = "周晓梅", phone = "13800004321" },
        });

    private static async Task<string> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        using var answer = JsonDocument.Parse(text);
        return answer.RootElement.GetProperty("id").GetString()!;
    }
}
