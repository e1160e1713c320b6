using System.Net;
using System.Text.Json;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// 提醒中心 on the whole demo district: every alert of a community says what the district view counts there now; a
/// desk reads and acknowledges its own (another desk of the same place still sees it unread); the digest adds up the
/// list; the page reads in Chinese at a desk's width and on a phone.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AlertCentreTests(ConsolePlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task A_communitys_alerts_say_what_its_figures_count_and_each_desk_reads_and_acknowledges_its_own()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        // Read together until they agree: figures still arriving move both, the alert in the same transaction as its figure.
        JsonElement alerts = default;
        await Eventually.HoldsAsync(async () =>
        {
            alerts = await community.GetJsonAsync("api/insights/alerts?state=all&pageSize=200");
            var view = await community.GetJsonAsync("api/insights/overview");
            return alerts.GetProperty("total").GetInt64() > 0 && alerts.GetProperty("items").EnumerateArray()
                .Where(alert => alert.GetProperty("clearedAt").ValueKind == JsonValueKind.Null)
                .All(alert => alert.GetProperty("count").GetInt64() == Figure(view, alert.GetProperty("kind").GetString()!));
        }, "兴华南里's alerts, each counting what the district view counts there now");
        var items = alerts.GetProperty("items").EnumerateArray().ToList();
        foreach (var alert in items.Where(alert => alert.GetProperty("clearedAt").ValueKind == JsonValueKind.Null))
        {
            Assert.Equal("xinghuananli", alert.GetProperty("placeId").GetString());
            Assert.StartsWith($"{alert.GetProperty("count").GetInt64()} ", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        output.WriteLine(string.Join("; ", items.Select(alert => $"{alert.GetProperty("placeName").GetString()} {alert.GetProperty("message").GetString()}")));

        var open = items.First(alert => alert.GetProperty("clearedAt").ValueKind == JsonValueKind.Null);
        var id = open.GetProperty("id").GetString()!;
        var unreadBefore = (await community.GetJsonAsync("api/insights/alerts?state=unread")).GetProperty("total").GetInt64();

        await Post(community, $"api/insights/alerts/{id}/read", HttpStatusCode.NoContent);
        var unread = await community.GetJsonAsync("api/insights/alerts?state=unread&pageSize=200");
        Assert.Equal(unreadBefore - 1, unread.GetProperty("total").GetInt64());
        Assert.DoesNotContain(unread.GetProperty("items").EnumerateArray(), alert => alert.GetProperty("id").GetString() == id);

        await Post(community, $"api/insights/alerts/{id}/acknowledge", HttpStatusCode.NoContent);
        var stillOpen = await community.GetJsonAsync("api/insights/alerts?pageSize=200");
        Assert.DoesNotContain(stillOpen.GetProperty("items").EnumerateArray(), alert => alert.GetProperty("id").GetString() == id);
        var all = await community.GetJsonAsync("api/insights/alerts?state=all&pageSize=200");
        Assert.True(all.GetProperty("items").EnumerateArray().Single(alert => alert.GetProperty("id").GetString() == id).GetProperty("acknowledged").GetBoolean());

        // The street's desk has its own receipts: for it the alert is still open and unread.
        var streets = await street.GetJsonAsync("api/insights/alerts?state=unread&pageSize=200");
        Assert.Contains(streets.GetProperty("items").EnumerateArray(), alert => alert.GetProperty("id").GetString() == id);

        // The digest adds up the open list by kind.
        var digest = await community.GetJsonAsync("api/insights/alerts/digest");
        var openNow = await community.GetJsonAsync("api/insights/alerts?pageSize=200");
        Assert.Equal(openNow.GetProperty("total").GetInt64(), digest.GetProperty("lines").EnumerateArray().Sum(line => line.GetProperty("places").GetInt64()));
        Assert.Contains("兴华南里", digest.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // Another community's desk may neither read nor acknowledge it; an auditor reads the list but writes nothing, not
        // even a receipt (the gateway refuses every write of the auditor's role).
        using var other = await platform.LoginAsync("yongxinglu-staff");
        await Post(other, $"api/insights/alerts/{id}/acknowledge", HttpStatusCode.Forbidden);
        using var auditor = await platform.LoginAsync("auditor");
        await Post(auditor, $"api/insights/alerts/{id}/acknowledge", HttpStatusCode.Forbidden);
        await Post(auditor, $"api/insights/alerts/{id}/read", HttpStatusCode.Forbidden);
        Assert.Contains(id, (await auditor.GetJsonAsync("api/insights/alerts?state=all&pageSize=200")).GetRawText(), StringComparison.Ordinal);
        await Post(community, $"api/insights/alerts/{Guid.NewGuid()}/read", HttpStatusCode.NotFound);
        await community.GetJsonAsync("api/insights/alerts?state=later", HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_alert_centre_reads_in_chinese_and_a_desk_marks_an_alert_read(string width)
    {
        var login = DemoData.For("community_staff");
        await using var console = await platform.OpenConsoleAsync(width == "phone" ? ConsolePlatform.Phone : ConsolePlatform.Desktop);
        await console.SignInAsync(login);
        using var api = await platform.LoginAsync(login.Username);
        await Eventually.ReachesAsync(() => api.GetJsonAsync("api/insights/alerts"), answer => answer.GetProperty("total").GetInt64() > 0,
            $"{login.DisplayName}'s alerts");

        await console.OpenAsync("#/alerts");
        var page = console.Page.GetByTestId("module-alerts");
        await Expect(page.GetByTestId("alert-summary")).ToContainTextAsync(DemoData.Community(login.ScopeId).Name, new() { Timeout = 15_000 });
        var first = page.GetByTestId("alert-table").Locator("tbody tr").First;
        await Expect(first.GetByTestId("alert-message")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^\\d+ [\u4e00-\u9fff]"));
        output.WriteLine($"screenshot: {await console.ScreenshotAsync($"alerts-community-{width}")}");
        if (width == "phone")
        {
            var overflow = await console.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the alert centre is {overflow} px wider than the phone");
            return;
        }

        var readButtons = page.GetByTestId("alert-read");
        var before = await readButtons.CountAsync();
        if (before > 0)
        {
            await readButtons.First.ClickAsync();
            await Expect(readButtons).ToHaveCountAsync(before - 1);
        }
        await first.GetByTestId("alert-message").ClickAsync();
        await Expect(console.Page.GetByTestId("module-alerts")).ToHaveCountAsync(0);
    }

    private static async Task Post(HttpClient client, string path, HttpStatusCode expected)
    {
        using var response = await client.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
    }

    private static long Figure(JsonElement overview, string name) =>
        overview.GetProperty("figures").TryGetProperty(name, out var value) ? value.GetInt64() : 0;
}
