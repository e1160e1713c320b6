using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The console on a 390 px phone, as a community worker on a home visit or a resident uses it: every page a role
/// works on fits the screen (nothing pushes the page sideways; wide tables scroll inside their card), and the
/// masthead's bell and the navigation stay reachable.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PhoneWidthTests(ConsolePlatform platform, ITestOutputHelper output)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "community_staff", "#/dashboard" },
        { "community_staff", "#/needs" },
        { "community_staff", "#/needs/new" },
        { "community_staff", "#/whistles" },
        { "street_staff", "#/whistles" },
        { "community_staff", "#/resources" },
        { "community_staff", "#/resources?tab=contributions" },
        { "district_admin", "#/resources/offers/R-demo-r-yxl-pu1" },
        { "unit_member", "#/resources?tab=bookings" },
        { "department_staff", "#/dashboard" },
        { "district_admin", "#/dashboard" },
        { "district_admin", "#/scores" },
        { "district_admin", "#/org" },
        { "district_admin", "#/system" },
        { "auditor", "#/audit" },
        { "resident", "#/needs/new" },
        { "volunteer", "#/dashboard" },
        { "volunteer", "#/volunteers" },
        { "community_staff", "#/volunteers?tab=households" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_fits_a_phone_screen(string role, string fragment)
    {
        await using var console = await platform.OpenConsoleAsync(ConsolePlatform.Phone);
        await console.SignInAsync(DemoData.For(role));

        await console.OpenAsync(fragment);
        await Expect(console.Page.Locator(".page")).ToBeVisibleAsync();
        // Lists and charts arrive after the page: wait until nothing is loading any more.
        await Expect(console.Page.Locator(".loading")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        var overflow = await console.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var wideElements = await console.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !element.closest('.table-scroll, .chart, .sidenav'))
              .slice(0, 5)
              .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
            """);
        output.WriteLine($"screenshot: {await console.ScreenshotAsync($"phone-{role}-{fragment.Trim('#', '/').Replace('/', '-')}")}");
        Assert.True(overflow <= 1, $"{fragment} as {role} is {overflow} px wider than the phone: {string.Join(", ", wideElements)}");
        // The whistle board's stages stack on a phone instead of scrolling sideways inside the page.
        var boardOverflow = await console.Page.EvaluateAsync<int>("() => { const board = document.querySelector('.board'); return board ? board.scrollWidth - board.clientWidth : 0; }");
        Assert.True(boardOverflow <= 1, $"the board on {fragment} as {role} scrolls {boardOverflow} px sideways");
        await Expect(console.Page.GetByTestId("main-nav")).ToBeVisibleAsync();
    }
}
