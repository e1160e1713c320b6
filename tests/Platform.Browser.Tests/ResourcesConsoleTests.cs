using System.Text.RegularExpressions;
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
}
