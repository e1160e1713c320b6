using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ApiDocsTests(ConsolePlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task The_api_docs_page_lists_the_four_services_with_their_operations_and_raw_documents()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));

        await console.Page.GetByTestId("nav-apiDocs").ClickAsync();

        foreach (var service in new[] { "needs", "resources", "projects", "volunteers" })
        {
            var section = console.Page.GetByTestId($"api-doc-{service}");
            await Expect(section.Locator("tbody tr").First).ToContainTextAsync($"/api/{service}/");
            await Expect(section.Locator("tbody code", new() { HasText = "/version" })).ToHaveCountAsync(1);
            await Expect(console.Page.GetByTestId($"api-doc-raw-{service}")).ToHaveAttributeAsync("href", $"/api/{service}/openapi/v1.json");
        }
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("api-docs")}");
    }
}
