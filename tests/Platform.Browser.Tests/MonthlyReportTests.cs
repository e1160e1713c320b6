using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// The monthly report of the district and of a street, on the whole demo district: the printable page and the Excel
/// file hold the district view's figures, the streets or communities, the departments' scores as the Needs service
/// ranks them, and the month's notable cases; a community, another street and a community's desk are refused.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class MonthlyReportTests(ConsolePlatform platform, ITestOutputHelper output)
{
    private static string LastMonth =>
        DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_districts_workbook_holds_the_views_figures_its_streets_and_the_departments_scores()
    {
        using var district = await platform.LoginAsync("district-admin");
        var month = LastMonth;
        string? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            var overview = await district.GetJsonAsync($"api/insights/overview?period={month}");
            using var response = await district.GetAsync($"api/insights/report.xlsx?period={month}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
            using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            var lists = Rows(workbook, "五张清单");
            var raised = lists.Single(row => row.Count > 2 && row[0] == "需求清单" && row[1] == "提出需求")[2];
            var overdue = lists.Single(row => row.Count > 2 && row[1] == "超时的吹哨")[2];
            var streets = Rows(workbook, "各街道").Skip(1).Select(row => row[0]).ToList();
            var departments = Rows(workbook, "部门考评").Skip(1).Select(row => row[1]).ToList();
            var scores = await district.GetJsonAsync($"api/needs/scores?period={month}");
            var ranked = scores.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("departmentName").GetString()!).ToList();
            last = $"raised {raised}/{Figure(overview, "needs.raised")}, overdue {overdue}/{Figure(overview, "cases.overdue")}, "
                + $"streets {streets.Count}/{overview.GetProperty("streets").GetArrayLength()}, departments {string.Join("、", departments)} / {string.Join("、", ranked)}";
            return raised == Figure(overview, "needs.raised").ToString(CultureInfo.InvariantCulture)
                && overdue == Figure(overview, "cases.overdue").ToString(CultureInfo.InvariantCulture)
                && streets.SequenceEqual(overview.GetProperty("streets").EnumerateArray().Select(street => street.GetProperty("name").GetString()!))
                && departments.SequenceEqual(ranked);
        }, TimeSpan.FromSeconds(60), () => last ?? "no answer");
        output.WriteLine(last);
        Assert.Matches("raised [1-9]", last!);
        Assert.Matches("departments [^ ]", last!);
    }

    [Fact]
    public async Task A_streets_printable_report_shows_every_figure_of_the_view_and_its_communities()
    {
        var login = DemoData.For("street_staff");
        var street = DemoData.Streets.Single(candidate => candidate.Id == login.ScopeId);
        using var staff = await platform.LoginAsync(login.Username);
        var month = LastMonth;
        string? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            var overview = await staff.GetJsonAsync($"api/insights/overview?period={month}");
            var html = await staff.GetStringAsync($"api/insights/report.html?period={month}");
            var shown = FigureRow().Matches(html).ToDictionary(match => match.Groups["key"].Value, match => decimal.Parse(match.Groups["value"].Value.Replace(",", ""), CultureInfo.InvariantCulture));
            var differing = shown
                .Where(figure => figure.Value != (figure.Key == "volunteers.service_minutes"
                    ? Math.Round(Figure(overview, figure.Key) / 60m, 1)
                    : Figure(overview, figure.Key)))
                .Select(figure => $"{figure.Key}={figure.Value}/{Figure(overview, figure.Key)}")
                .ToList();
            last = $"{shown.Count} figures, differing: {string.Join(" ", differing)}; title {html.Contains($"{street.Name}{MonthName(month)}", StringComparison.Ordinal)}";
            return shown.Count >= 30 && differing.Count == 0
                && html.Contains($"<h1 data-testid=\"report-title\">{street.Name}{MonthName(month)}大党委协同工作月报</h1>", StringComparison.Ordinal)
                && street.Communities.All(community => html.Contains($"<tr><th>{community.Name}</th>", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(60), () => last ?? "no answer");
        output.WriteLine(last);
    }

    [Fact]
    public async Task A_report_of_a_community_of_another_street_or_for_a_communitys_desk_is_refused()
    {
        using var street = await platform.LoginAsync(DemoData.For("street_staff").Username);
        var community = DemoData.Streets.Single(candidate => candidate.Id == DemoData.For("street_staff").ScopeId).Communities[0].Id;
        var otherStreet = DemoData.Streets.First(candidate => candidate.Id != DemoData.For("street_staff").ScopeId).Id;
        using var communityDesk = await platform.LoginAsync(DemoData.For("community_staff").Username);

        var ofCommunity = await street.GetJsonAsync($"api/insights/report.html?place={community}", HttpStatusCode.BadRequest);
        Assert.Contains("errors", ofCommunity.GetRawText(), StringComparison.Ordinal);
        await street.GetJsonAsync($"api/insights/report.xlsx?place={otherStreet}", HttpStatusCode.NotFound);
        await street.GetJsonAsync("api/insights/report.xlsx?period=2026-13", HttpStatusCode.BadRequest);
        await communityDesk.GetJsonAsync("api/insights/report.html", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_district_office_prints_the_months_report_from_its_landing_page()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));
        var overview = console.Page.GetByTestId("overview");
        await Expect(overview.GetByTestId("freshness-needs")).ToContainTextAsync("数据截至", new() { Timeout = 30_000 });
        await overview.GetByTestId("overview-period").SelectOptionAsync(LastMonth);
        await Expect(overview.GetByTestId("overview-scope")).ToContainTextAsync(MonthName(LastMonth), new() { Timeout = 15_000 });

        var printable = await console.Page.RunAndWaitForPopupAsync(() => overview.GetByTestId("report-html").ClickAsync());
        await Expect(printable.GetByTestId("report-title")).ToHaveTextAsync($"{DemoData.DistrictName}{MonthName(LastMonth)}大党委协同工作月报", new() { Timeout = 30_000 });
        await Expect(printable.GetByTestId("report-places").Locator("tbody tr")).ToHaveCountAsync(DemoData.Streets.Count);
        // The stylesheet is the console's, so the page is laid out, not bare HTML.
        Assert.Equal("collapse", await printable.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('table')).borderCollapse"));
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "monthly-report-district.png");
        await printable.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        await printable.CloseAsync();

        var download = await console.Page.RunAndWaitForDownloadAsync(() => overview.GetByTestId("report-xlsx").ClickAsync());
        Assert.EndsWith("大党委协同工作月报.xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        using var workbook = SpreadsheetDocument.Open((await download.PathAsync())!, false);
        Assert.Equal(["五张清单", "各街道", "部门考评", "重点案件"], workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(sheet => sheet.Name!.Value!));
    }

    /// <summary>A sheet's rows as the text a reader sees in each cell.</summary>
    private static List<List<string>> Rows(SpreadsheetDocument workbook, string sheetName)
    {
        var sheet = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(candidate => candidate.Name == sheetName);
        var part = (WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!);
        return [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(row => row.Elements<Cell>().Select(cell => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "").ToList())];
    }

    private static long Figure(JsonElement overview, string name) =>
        overview.GetProperty("figures").TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    private static string MonthName(string period) => $"{period[..4]}年{int.Parse(period[5..], CultureInfo.InvariantCulture)}月";

    [GeneratedRegex("""<tr data-figure="(?<key>[a-z_.]+)"><th>[^<]*</th><td>(?<value>[\d,.]+) """)]
    private static partial Regex FigureRow();
}
