using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class OrganizationTests(ConsolePlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task A_community_staff_member_who_types_another_community_address_is_refused_by_the_server()
    {
        await using var console = await platform.OpenConsoleAsync();
        var staff = DemoData.For("community_staff");
        var other = DemoData.Streets.SelectMany(street => street.Communities).First(community => community.Id != staff.ScopeId);
        await console.SignInAsync(staff);

        var answer = await console.Page.RunAndWaitForResponseAsync(
            () => console.OpenAsync($"#/org/{other.Id}"),
            response => response.Url.EndsWith($"/api/identity/organization/units/{other.Id}", StringComparison.Ordinal));

        Assert.Equal(403, answer.Status);
        var problem = await answer.JsonAsync();
        await Expect(console.AccessDenied).ToContainTextAsync("无权访问");
        await Expect(console.Page.GetByTestId("access-denied-reason")).ToHaveTextAsync(problem!.Value.GetProperty("detail").GetString()!);
        await Expect(console.Page.GetByTestId("unit-children")).ToHaveCountAsync(0);
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("community-staff-refused")}");
    }

    [Fact]
    public async Task A_community_staff_member_opens_their_own_community_with_its_grids()
    {
        await using var console = await platform.OpenConsoleAsync();
        var staff = DemoData.For("community_staff");
        var community = DemoData.Community(staff.ScopeId);
        await console.SignInAsync(staff);

        await console.Page.GetByTestId($"place-{community.Id}").ClickAsync();

        await Expect(console.Page).ToHaveURLAsync(new Regex($"#/org/{community.Id}$"));
        await Expect(console.PageTitle).ToContainTextAsync(community.Name);
        await Expect(console.Breadcrumbs.Last).ToHaveTextAsync(community.Name);
        await Expect(console.Page.GetByTestId("unit-children").First.Locator("tbody tr").First).ToContainTextAsync("网格");
        await Expect(console.AccessDenied).ToHaveCountAsync(0);
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("community-staff-own-community")}");
    }

    [Fact]
    public async Task The_district_tree_leads_to_a_community_with_its_path()
    {
        await using var console = await platform.OpenConsoleAsync();
        var street = DemoData.Streets[^1];
        var community = street.Communities[0];
        await console.SignInAsync(DemoData.For("district_admin"));
        await console.Page.GetByTestId("nav-organization").ClickAsync();

        await console.Page.GetByTestId($"tree-toggle-{street.Id}").ClickAsync();
        await console.Page.GetByTestId($"tree-{community.Id}").ClickAsync();

        await Expect(console.Page).ToHaveURLAsync(new Regex($"#/org/{community.Id}$"));
        await Expect(console.Breadcrumbs).ToHaveTextAsync([DemoData.DistrictName, street.Name, community.Name]);
        await Expect(console.Page.GetByTestId("unit-facts").First).ToBeVisibleAsync();
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("district-admin-community")}");
    }

    [Fact]
    public async Task The_scope_selector_of_a_street_offers_the_street_and_its_communities_narrows_the_workbench_and_opens_the_one_chosen_on_the_org_pages()
    {
        await using var console = await platform.OpenConsoleAsync();
        var staff = DemoData.For("street_staff");
        var street = DemoData.Streets.Single(candidate => candidate.Id == staff.ScopeId);
        await console.SignInAsync(staff);

        var options = console.ScopeSelector.Locator("option");
        await Expect(options).ToHaveCountAsync(1 + street.Communities.Count);
        await Expect(options.First).ToHaveTextAsync($"{street.Name}（全部）");
        Assert.Equal(
            street.Communities.Select(community => community.Name).Order(),
            (await options.AllTextContentsAsync()).Skip(1).Order());
        await Expect(console.Page.GetByTestId("places").Locator(".place-card")).ToHaveCountAsync(street.Communities.Count);

        // On the workbench the choice narrows the counts; on the org pages it opens the place.
        await console.ScopeSelector.SelectOptionAsync(street.Communities[0].Id);
        await Expect(console.Page).ToHaveURLAsync(new Regex("#/dashboard$"));
        await Expect(console.Page.GetByTestId("work-counts")).ToContainTextAsync($"待办概况 · {street.Communities[0].Name}");

        await console.Page.GetByTestId("nav-organization").ClickAsync();
        await console.ScopeSelector.SelectOptionAsync(street.Communities[^1].Id);

        await Expect(console.Page).ToHaveURLAsync(new Regex($"#/org/{street.Communities[^1].Id}$"));
        await Expect(console.PageTitle).ToContainTextAsync(street.Communities[^1].Name);
    }
}
