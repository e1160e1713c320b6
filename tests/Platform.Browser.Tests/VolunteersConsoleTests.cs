using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The 志愿服务 pages on the demo year: 杨红梅 (富民街, a reported party member) on her phone sees her hours, points and
/// stars, signs up for Saturday's service day, checks in with the code the organizer shows, and claims a micro-wish on
/// the board; 富民街's staff read an activity's roster, show a check-in code, and read their households by colour.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class VolunteersConsoleTests(ConsolePlatform platform, ITestOutputHelper output)
{
    private static readonly DemoLogin Yang = DemoData.Logins.Single(login => login.Username == "fumin-volunteer");
    private static readonly DemoLogin Fumin = DemoData.Logins.Single(login => login.Username == "fumin-staff");

    [Fact]
    public async Task A_volunteer_on_a_phone_reads_her_stars_signs_up_and_checks_in_with_the_code_shown_at_the_place()
    {
        // An activity starting now in 富民街, which she signed up for; the organizer shows the code.
        using var staffApi = await platform.LoginAsync("fumin-staff");
        using var yangApi = await platform.LoginAsync("fumin-volunteer");
        var starts = DateTimeOffset.UtcNow.AddMinutes(2);
        var activity = (await staffApi.PostAsync("api/volunteers/activities", new
        {
            title = "为老服务：陪聊与代购", serviceKind = "elderly-visit", communityId = "fuminjie", place = new { address = "富民街 3 号院" },
            startsAt = starts, endsAt = starts.AddHours(2), capacity = 10,
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await yangApi.PostAsync($"api/volunteers/activities/{activity}/sign-ups", new { });
        var code = (await staffApi.PostAsync($"api/volunteers/activities/{activity}/check-in-code", new { })).GetProperty("code").GetString()!;

        await using var phone = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await phone.SignInAsync(Yang);
        await phone.Page.GetByTestId("nav-volunteers").ClickAsync();
        await Expect(phone.PageTitle).ToHaveTextAsync("志愿服务");
        await Expect(phone.Page.GetByTestId("stars")).ToBeVisibleAsync();
        await Expect(phone.Page.GetByTestId("total-hours")).ToContainTextAsync("小时");
        await Expect(phone.Page.GetByTestId("statement")).ToContainTextAsync("签到核验时长");

        // Saturday's service day: she signs up from the list.
        var saturday = phone.Page.GetByTestId("upcoming-card").Locator(".agreement", new() { HasText = "周末志愿服务" });
        await saturday.GetByTestId("sign-up").ClickAsync();
        await Expect(phone.Page.GetByTestId("upcoming-card").GetByTestId("action-message")).ToContainTextAsync("已报名");
        await Expect(saturday.GetByTestId("my-status")).ToBeVisibleAsync();

        // At the place: the six digits the organizer shows.
        await phone.Page.GetByTestId("checkin-activity").SelectOptionAsync(new[] { activity });
        await phone.Page.GetByTestId("checkin-code").FillAsync(code);
        await phone.Page.GetByTestId("checkin-submit").ClickAsync();
        await Expect(phone.Page.GetByTestId("checkin-card").GetByTestId("action-message")).ToHaveTextAsync("签到成功");
        output.WriteLine($"screenshot: {await phone.ScreenshotAsync("volunteer-home-phone")}");
        var roster = await staffApi.GetJsonAsync($"api/volunteers/activities/{activity}");
        Assert.Contains(roster.GetProperty("roster").EnumerateArray(), line => line.GetProperty("checkedInAt").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task A_volunteer_claims_a_micro_wish_on_the_board_on_a_phone()
    {
        using var staffApi = await platform.LoginAsync("fumin-staff");
        using var yangApi = await platform.LoginAsync("fumin-volunteer");
        var title = $"为独居老人更换厨房灯泡{Guid.NewGuid().ToString()[..4]}";
        var needId = (await staffApi.PostAsync("api/needs/needs", new
        {
            title, description = "李大爷独居，厨房灯泡坏了，家人电话 13700000066。", category = "wish", urgency = "normal",
            reporter = new { name = "李大爷", phone = "13700000066" }, channel = "staff",
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await staffApi.PostAsync($"api/needs/needs/{needId}/accept", new { });
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await yangApi.GetAsync($"api/volunteers/wishes/{needId}");
            return response.StatusCode == HttpStatusCode.OK;
        }, "the wish on the board");

        await using var phone = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await phone.SignInAsync(Yang);
        await phone.OpenAsync("#/volunteers");
        var wish = phone.Page.GetByTestId($"wish-{needId}");
        await Expect(wish).ToContainTextAsync("待认领");
        await Expect(phone.Page.GetByTestId("wish-board")).Not.ToContainTextAsync("13700000066");
        await wish.GetByTestId("claim-wish").ClickAsync();
        await phone.Page.GetByTestId("dialog-submit").ClickAsync();
        await Expect(phone.Page.GetByTestId("wish-board").GetByTestId("action-message")).ToContainTextAsync("已认领");
        // The demo's wishes kept their history on the board although Needs relayed its side of them too.
        Assert.Equal("fulfilled", (await yangApi.GetJsonAsync("api/volunteers/wishes/w-fmj-001")).GetProperty("summary").GetProperty("status").GetString());
        var mine = await yangApi.GetJsonAsync("api/volunteers/wishes?mine=true&status=claimed&pageSize=50");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == needId && item.GetProperty("mine").GetBoolean());
        await Expect(wish).ToContainTextAsync("已认领");
        output.WriteLine($"screenshot: {await phone.ScreenshotAsync("wish-board-phone")}");
    }

    [Fact]
    public async Task The_community_reads_a_roster_shows_a_code_and_reads_its_households_by_colour()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(Fumin);
        await console.Page.GetByTestId("nav-volunteers").ClickAsync();
        await Expect(console.Page.GetByTestId("activity-table")).ToContainTextAsync("社区志愿服务日");
        await console.Page.GetByTestId("activity-table").GetByTestId("activity-link").First.ClickAsync();
        await Expect(console.Page.GetByTestId("roster-table")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("roster-table")).Not.ToContainTextAsync("v-0");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("volunteer-activities")}");

        await console.Page.GetByTestId("volunteer-tab-households").ClickAsync();
        await Expect(console.Page.GetByTestId("household-counts")).ToContainTextAsync("红户");
        await Expect(console.Page.GetByTestId("household-table")).ToContainTextAsync("红户");
        await Expect(console.Page.GetByTestId("visit-overdue").First).ToBeVisibleAsync();
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("households-by-colour")}");

        await console.Page.GetByTestId("volunteer-tab-volunteers").ClickAsync();
        await Expect(console.Page.GetByTestId("volunteer-table")).ToContainTextAsync("杨红梅");
        await Expect(console.Page.GetByTestId("coverage-table")).ToContainTextAsync("富民街社区");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("volunteers-coverage")}");
    }

    [Fact]
    public async Task The_community_schedules_an_activity_forms_a_team_files_a_household_and_stocks_a_gift_from_its_forms()
    {
        var mark = Guid.NewGuid().ToString()[..4];
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(Fumin);
        await console.Page.GetByTestId("nav-volunteers").ClickAsync();

        await console.Page.GetByTestId("schedule-activity").ClickAsync();
        var schedule = console.Page.GetByTestId("schedule-dialog");
        await schedule.GetByTestId("input-title").FillAsync($"楼道清理{mark}");
        await schedule.GetByTestId("select-serviceKind").SelectOptionAsync(new[] { "env-cleanup" });
        await schedule.GetByTestId("input-address").FillAsync("富民街党群服务中心门前");
        await schedule.GetByTestId("input-capacity").FillAsync("15");
        await schedule.GetByTestId("input-posts").FillAsync("清扫, 搬运");
        await schedule.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("action-message").First).ToContainTextAsync($"楼道清理{mark}");
        await Expect(console.Page.GetByTestId("activity-table")).ToContainTextAsync($"楼道清理{mark}");

        await console.Page.GetByTestId("volunteer-tab-teams").ClickAsync();
        await console.Page.GetByTestId("form-team").ClickAsync();
        var team = console.Page.GetByTestId("team-dialog");
        await team.GetByTestId("input-name").FillAsync($"橙丝带{mark}");
        await team.GetByTestId("select-leaderId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await team.GetByTestId("select-memberIds").SelectOptionAsync(new[] { new SelectOptionValue { Index = 2 }, new SelectOptionValue { Index = 3 } });
        await team.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("team-table")).ToContainTextAsync($"橙丝带{mark}");

        await console.Page.GetByTestId("volunteer-tab-households").ClickAsync();
        await console.Page.GetByTestId("file-household").ClickAsync();
        var household = console.Page.GetByTestId("household-dialog");
        await household.GetByTestId("input-address").FillAsync($"9号楼1单元{mark}");
        await household.GetByTestId("select-groups").SelectOptionAsync(new[] { "独居老人" });
        await household.GetByTestId("select-colour").SelectOptionAsync(new[] { "red" });
        await household.GetByTestId("input-reason").FillAsync("独居，行动不便，需每周上门");
        await household.GetByTestId("select-memberId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await household.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("household-table")).ToContainTextAsync($"9号楼1单元{mark}");

        await console.Page.GetByTestId("volunteer-tab-gifts").ClickAsync();
        await console.Page.GetByTestId("stock-gift").ClickAsync();
        var gift = console.Page.GetByTestId("gift-dialog");
        await gift.GetByTestId("input-name").FillAsync($"保温杯{mark}");
        await gift.GetByTestId("input-points").FillAsync("40");
        await gift.GetByTestId("input-quantity").FillAsync("8");
        await gift.GetByTestId("dialog-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("gift-table")).ToContainTextAsync($"保温杯{mark}");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("volunteer-gifts-stocked")}");
    }
}
