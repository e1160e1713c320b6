using System.Text.RegularExpressions;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The 资源清单 pages with the demo year loaded: 永兴路's secretary follows each agreement's pace, confirms what a unit
/// reported into the ledger and books the member unit's 党建阵地 from its calendar; 老东粥皇's own member sees what
/// the unit committed and what of it is booked.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ResourcesConsoleTests(ConsolePlatform platform, ITestOutputHelper output)
{
    private static readonly DemoLogin Yongxinglu = DemoData.Logins.Single(login => login.Username == "yongxinglu-staff");

    [Fact]
    public async Task A_community_follows_each_commitments_pace_and_confirms_a_reported_contribution_into_the_ledger()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(Yongxinglu);
        await console.Page.GetByTestId("nav-resources").ClickAsync();

        await Expect(console.PageTitle).ToHaveTextAsync("资源清单");
        var agreements = console.Page.GetByTestId("agreement-list");
        await Expect(agreements.Locator(".agreement").First).ToBeVisibleAsync();
        await Expect(agreements.GetByTestId("pace-reads").First).ToContainTextAsync("已完成");
        await Expect(agreements.GetByTestId("behind-pace").First).ToHaveTextAsync("进度滞后");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("resources-agreements")}");

        await console.Page.GetByTestId("resource-tab-contributions").ClickAsync();
        await Expect(console.Page.GetByTestId("ledger-table")).ToContainTextAsync("永兴路社区");
        await Expect(console.Page.GetByTestId("ledger-balanced")).ToContainTextAsync("合计平衡");
        var pending = console.Page.GetByTestId("pending-table");
        var confirm = pending.Locator("[data-testid^=confirm-]").First;
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.ClickAsync();
        await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("记入台账");
        await Expect(console.Page.Locator(".loading")).ToHaveCountAsync(0);
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("resources-contributions")}");
    }

    [Fact]
    public async Task A_community_books_a_free_opening_from_the_calendar_and_the_opening_is_then_taken()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(Yongxinglu);
        await console.OpenAsync("#/resources?tab=offers");
        await console.Page.GetByTestId("offer-link-R-demo-r-yxl-pu2").ClickAsync();

        await Expect(console.PageTitle).ToHaveTextAsync("共享党建阵地与党课师资");
        await Expect(console.Page.GetByTestId("offer-facts")).ToContainTextAsync("周六 09:00–12:00");
        var book = console.Page.GetByTestId("calendar-days").Locator("[data-testid^=book-]").Last;
        var testId = await book.GetAttributeAsync("data-testid");
        await book.ClickAsync();
        await console.Page.GetByTestId("booking-purpose").FillAsync("社区党员冬训");
        await console.Page.GetByTestId("dialog-submit").ClickAsync();

        await Expect(console.Page.GetByTestId("action-message")).ToContainTextAsync("已预约");
        // One booking at a time: the opening just booked offers no booking any more.
        await Expect(console.Page.GetByTestId(testId!)).ToHaveCountAsync(0);
        await Expect(console.Page.GetByTestId("offer-bookings")).ToContainTextAsync("社区党员冬训");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("resources-offer-calendar")}");
    }

    [Fact]
    public async Task A_units_member_sees_what_the_unit_committed_and_what_of_it_is_booked()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("unit_member"));
        await console.Page.GetByTestId("nav-resources").ClickAsync();

        await Expect(console.Page.GetByTestId("resource-tab-agreements")).ToHaveTextAsync("我们的承诺");
        await Expect(console.Page.GetByTestId("agreement-list")).ToContainTextAsync("腊八粥 每年450 份");
        await console.Page.GetByTestId("resource-tab-bookings").ClickAsync();
        await Expect(console.Page.GetByTestId("booking-table")).ToContainTextAsync("420 份");
        await Expect(console.Page.GetByTestId("booking-table")).ToContainTextAsync("永兴路社区");
        // Ids never stand where a person reads names.
        await Expect(console.Page.GetByTestId("booking-table")).Not.ToContainTextAsync(new Regex("u-laodong|yongxinglu"));
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("resources-unit-member")}");
    }

    [Fact]
    public async Task A_units_member_reports_a_delivery_against_its_commitment_and_the_community_confirms_it()
    {
        await using (var unit = await platform.OpenConsoleAsync())
        {
            await unit.SignInAsync(DemoData.For("unit_member"));
            await unit.OpenAsync("#/resources?tab=contributions");
            await unit.Page.GetByTestId("contribution-report").ClickAsync();
            var commitment = unit.Page.GetByTestId("report-commitment");
            await Expect(commitment.Locator("option", new() { HasText = "腊八粥" })).ToHaveCountAsync(1);
            await commitment.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = await commitment.Locator("option", new() { HasText = "腊八粥" }).TextContentAsync() });
            await Expect(unit.Page.GetByTestId("report-what")).ToHaveValueAsync("腊八粥");
            await unit.Page.GetByTestId("report-amount").FillAsync("37");
            output.WriteLine($"screenshot: {await unit.ScreenshotAsync("resources-report-contribution")}");
            await unit.Page.GetByTestId("dialog-submit").ClickAsync();
            await Expect(unit.Page.GetByTestId("action-message")).ToContainTextAsync("待社区确认");
            await Expect(unit.Page.GetByTestId("pending-table")).ToContainTextAsync("腊八粥 37 份");
            // The unit never confirms its own report.
            await Expect(unit.Page.GetByTestId("pending-table").Locator("[data-testid^=confirm-]")).ToHaveCountAsync(0);
        }

        await using var community = await platform.OpenConsoleAsync();
        await community.SignInAsync(Yongxinglu);
        await community.OpenAsync("#/resources?tab=contributions");
        var row = community.Page.GetByTestId("pending-table").Locator("tr", new() { HasText = "腊八粥 37 份" });
        await row.Locator("[data-testid^=confirm-]").ClickAsync();
        await Expect(community.Page.GetByTestId("action-message")).ToContainTextAsync("腊八粥 37 份");
        await Expect(community.Page.GetByTestId("pending-table")).Not.ToContainTextAsync("腊八粥 37 份");
    }

    [Fact]
    public async Task A_units_member_publishes_an_offer_from_the_catalogue_and_its_calendar_opens_on_the_chosen_days()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("unit_member"));
        await console.OpenAsync("#/resources?tab=offers");
        await console.Page.GetByTestId("offer-publish").ClickAsync();

        await console.Page.GetByTestId("offer-title").FillAsync("爱心早餐");
        await console.Page.GetByTestId("offer-kind").SelectOptionAsync("services");
        await console.Page.GetByTestId("offer-category").SelectOptionAsync("elderly");
        await console.Page.GetByTestId("offer-item").SelectOptionAsync("老年助餐");
        await console.Page.GetByTestId("offer-amount").FillAsync("20");
        await console.Page.GetByTestId("offer-measure").SelectOptionAsync("servings");
        await console.Page.GetByTestId("offer-until").FillAsync(DateTime.Today.AddDays(60).ToString("yyyy-MM-dd"));
        await console.Page.GetByTestId("offer-day-6").CheckAsync();
        await console.Page.GetByTestId("offer-opens").FillAsync("07:30");
        await console.Page.GetByTestId("offer-closes").FillAsync("09:00");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("resources-publish-offer")}");
        await console.Page.GetByTestId("dialog-submit").ClickAsync();

        await Expect(console.PageTitle).ToHaveTextAsync("爱心早餐");
        await Expect(console.Page.GetByTestId("offer-facts")).ToContainTextAsync("周六 07:30–09:00");
        await Expect(console.Page.GetByTestId("offer-facts")).ToContainTextAsync("同一时段 20 份");
        await Expect(console.Page.GetByTestId("calendar-days").Locator(".opening-free").First).ToContainTextAsync("余 20");
    }

    [Fact]
    public async Task An_accepted_need_shows_the_offers_that_could_answer_it_with_their_reasons()
    {
        using var office = await platform.LoginAsync(Yongxinglu.Username);
        var need = await office.PostAsync("api/needs/needs", new
        {
            title = "重阳节独居老人慰问", description = "12位独居老人需要上门慰问和节日餐食。", category = "elderly", urgency = "normal", channel = "staff",
            place = new { streetId = "yongchang", communityId = "yongxinglu" }, reporter = new { name = "刘秀英", phone = "13800004321" },
        }, System.Net.HttpStatusCode.Created);
        var needId = need.GetProperty("id").GetString()!;
        await office.PostAsync($"api/needs/needs/{needId}/accept", new { });

        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(Yongxinglu);
        var matches = console.Page.GetByTestId("need-matches");
        // Resources hears of the acceptance through the bus; until then the card says it has not.
        await console.OpenAsync($"#/needs/{needId}");
        await Eventually.HoldsAsync(async () =>
        {
            await Expect(matches.Locator(".loading")).ToHaveCountAsync(0);
            if (await matches.Locator("li", new() { HasText = "爱心腊八粥" }).CountAsync() > 0) return true;
            await console.Page.ReloadAsync();
            return false;
        }, "爱心腊八粥 suggested for the accepted need");

        await Expect(matches).ToContainTextAsync("「为老服务」类服务，可回应此类需求");
        await Expect(matches).ToContainTextAsync("老东粥皇");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("need-matches")}");
    }
}
