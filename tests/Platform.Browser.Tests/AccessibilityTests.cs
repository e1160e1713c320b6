using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The console against WCAG 2 A and AA (GB/T 37668 follows WCAG 2), as axe-core checks it in Debian's Chromium: every
/// page each role reaches from its navigation, each page's tabs, and one record's page behind each list, on the demo
/// year. Older staff and residents use this console; a violation is a defect whatever the page.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsolePlatform platform, ITestOutputHelper output)
{
    private static readonly string[] Standards = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>The pages behind a list, as far as they are followed: enough to reach each kind of record's page once.</summary>
    private const int RecordsPerPage = 2;

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    public static TheoryData<string> Roles => new()
    {
        "district_admin", "street_staff", "community_staff", "department_staff", "unit_member", "volunteer", "resident", "auditor",
    };

    [Fact]
    public async Task The_sign_in_page_passes_wcag_2_a_and_aa()
    {
        await using var console = await platform.OpenConsoleAsync();
        // Signed out, any address shows the sign-in form.
        await console.OpenAsync("#/dashboard");
        await Expect(console.SignInButton).ToBeVisibleAsync();
        var violations = await ViolationsAsync(console.Page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_of_a_role_passes_wcag_2_a_and_aa(string role)
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For(role));
        var toVisit = new Queue<string>(await LinksAsync(console.Page, "[data-testid=main-nav] a[href^='#/']"));
        var visited = new List<string>();
        var kindsOfRecord = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        while (toVisit.TryDequeue(out var fragment))
        {
            if (visited.Contains(fragment)) continue;
            visited.Add(fragment);
            await console.OpenAsync(fragment);
            await Expect(console.Page.Locator(".page")).ToBeVisibleAsync();
            await Expect(console.Page.Locator(".loading")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            foreach (var tab in await LinksAsync(console.Page, ".tab-bar a[href^='#/']")) toVisit.Enqueue(tab);
            foreach (var record in (await LinksAsync(console.Page, "main .page a[href^='#/']"))
                .Where(link => link.Count(character => character == '/') >= 2 && kindsOfRecord.Add(KindOf(link))).Take(RecordsPerPage))
                toVisit.Enqueue(record);
            failures.AddRange((await ViolationsAsync(console.Page)).Select(violation => $"{fragment}: {violation}"));
        }
        output.WriteLine($"{role}: {visited.Count} pages: {string.Join(", ", visited)}");
        Assert.True(failures.Count == 0, $"{failures.Count} violations as {role}:\n{string.Join("\n", failures)}");
    }

    /// <summary>"#/needs/N2026-1" and "#/needs/N2026-2" are the same kind of page, "#/needs/*"; "#/needs/new" is one of its own.</summary>
    private static string KindOf(string fragment) =>
        string.Join('/', fragment.Split('?')[0].Split('/').Select(segment => segment.Any(character => char.IsDigit(character) || char.IsUpper(character)) ? "*" : segment));

    private static async Task<IReadOnlyList<string>> LinksAsync(IPage page, string selector) =>
        await page.Locator(selector).EvaluateAllAsync<string[]>("links => links.map((link) => link.getAttribute('href'))");

    /// <summary>axe-core's violations of <see cref="Standards"/> on the page as it is now, one line each, naming the rule,
    /// its impact and the first elements that break it.</summary>
    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the console's content security policy does not govern.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(Axe.Value);
        var found = await page.EvaluateAsync<JsonElement>(
            """
            async (standards) => (await axe.run(document, { runOnly: { type: 'tag', values: standards } })).violations
              .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length}): ${violation.help} — `
                + violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}${node.any[0]?.message ? ` [${node.any[0].message}]` : ''}`).join('; '))
            """, Standards);
        return [.. found.EnumerateArray().Select(line => line.GetString()!)];
    }
}
