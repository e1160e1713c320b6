using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The landing page of the district, a street and a community is the district view of their own place, with the demo
/// year's real figures, at a desk's width and on a phone; a figure opens the list it counts, and that list holds as
/// many as the figure says.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class DistrictOverviewConsoleTests(ConsolePlatform platform, ITestOutputHelper output)
{
    public static TheoryData<string, string> Desks => new()
    {
        { "district_admin", "desktop" },
        { "district_admin", "phone" },
        { "street_staff", "desktop" },
        { "street_staff", "phone" },
        { "community_staff", "desktop" },
        { "community_staff", "phone" },
    };

    [Theory]
    [MemberData(nameof(Desks))]
    public async Task The_landing_page_is_the_view_of_the_desks_own_place_with_the_demo_years_figures(string role, string width)
    {
        await using var console = await platform.OpenConsoleAsync(width == "phone" ? ConsolePlatform.Phone : ConsolePlatform.Desktop);
        var login = DemoData.For(role);
        await console.SignInAsync(login);

        var placeName = login.ScopeType switch
        {
            "street" => DemoData.Streets.Single(street => street.Id == login.ScopeId).Name,
            "community" => DemoData.Community(login.ScopeId).Name,
            _ => DemoData.DistrictName,
        };
        var overview = console.Page.GetByTestId("overview");
        await Expect(overview.GetByTestId("overview-scope")).ToContainTextAsync(placeName, new() { Timeout = 15_000 });
        // The needs' figures arrive over RabbitMQ after the demo load; the page says how current they are.
        await Expect(overview.GetByTestId("freshness-needs")).ToContainTextAsync("数据截至", new() { Timeout = 30_000 });
        var trend = overview.GetByTestId("overview-trend");
        await Expect(trend).ToHaveAttributeAsync("aria-label", new Regex("提出 [1-9]"));
        switch (role)
        {
            case "district_admin":
                await Expect(overview.GetByTestId("overview-streets").Locator("tbody tr")).ToHaveCountAsync(DemoData.Streets.Count);
                await Expect(overview.GetByTestId("overview-communities")).ToBeVisibleAsync();
                await Expect(overview.GetByTestId("overview-scores")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                await Expect(overview.GetByTestId("report-xlsx")).ToBeVisibleAsync();
                break;
            case "street_staff":
                await Expect(overview.GetByTestId("overview-communities").Locator("tbody tr"))
                    .ToHaveCountAsync(DemoData.Streets.Single(street => street.Id == login.ScopeId).Communities.Count);
                break;
            default:
                await Expect(overview.GetByTestId("overview-communities")).ToHaveCountAsync(0);
                break;
        }
        await Expect(console.Page.Locator(".loading")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        output.WriteLine($"screenshot: {await console.ScreenshotAsync($"overview-{role}-{width}")}");
        if (width == "phone")
        {
            var overflow = await console.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the overview as {role} is {overflow} px wider than the phone");
        }
    }

    [Fact]
    public async Task A_month_of_the_funnel_opens_the_needs_it_counts()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));
        var overview = console.Page.GetByTestId("overview");
        await Expect(overview.GetByTestId("freshness-needs")).ToContainTextAsync("数据截至", new() { Timeout = 30_000 });

        // Last month is a whole month of the demo year.
        var lastMonth = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await overview.GetByTestId("overview-period").SelectOptionAsync(lastMonth);
        var whistled = overview.GetByTestId("funnel-needs.whistled");
        await Expect(whistled.Locator("b")).ToHaveTextAsync(Number(), new() { Timeout = 15_000 });
        var figure = (await whistled.Locator("b").TextContentAsync())!;
        Assert.NotEqual("0", figure);

        await whistled.ClickAsync();
        await Expect(console.Page.GetByTestId("module-needs")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("filter-raised-in")).ToHaveValueAsync(lastMonth);
        await Expect(console.Page.GetByTestId("filter-stage")).ToHaveValueAsync("whistled");
        await Expect(console.Page.GetByTestId("need-total")).ToHaveTextAsync($"共 {figure} 条");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("overview-whistled-needs")}");
    }

    [Fact]
    public async Task The_org_tree_carries_each_places_figures_of_the_month_on_its_node()
    {
        using var api = await platform.LoginAsync("district-admin");
        var overview = await Eventually.ReachesAsync(() => api.GetJsonAsync("api/insights/overview"),
            answer => answer.GetProperty("sources").GetArrayLength() >= 3, "needs, projects and volunteers reporting");
        var linxiaolu = overview.GetProperty("streets").EnumerateArray().Single(street => street.GetProperty("id").GetString() == "linxiaolu");

        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));
        await console.OpenAsync("#/org");

        var district = console.Page.GetByTestId($"tree-figures-{overview.GetProperty("place").GetProperty("id").GetString()}");
        await Expect(district).ToContainTextAsync($"本月需求 {Figure(overview.GetProperty("figures"), "needs.raised"):N0}", new() { Timeout = 15_000 });
        await Expect(console.Page.GetByTestId("tree-figures-linxiaolu"))
            .ToContainTextAsync($"办理中吹哨 {Figure(linxiaolu.GetProperty("figures"), "cases.open"):N0}");
        await console.Page.GetByTestId("tree-toggle-linxiaolu").ClickAsync();
        await Expect(console.Page.GetByTestId("tree-figures-xinghuananli")).ToContainTextAsync("本月需求");
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("org-tree-figures")}");
    }

    private static long Figure(System.Text.Json.JsonElement figures, string name) => figures.TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    [GeneratedRegex(@"^[\d,]+$")]
    private static partial Regex Number();
}
