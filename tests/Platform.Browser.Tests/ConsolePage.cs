using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>One browser tab on the console, with the parts of it the tests look at, found by their data-testid.</summary>
public sealed class ConsolePage(IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ILocator Navigation => Page.GetByTestId("main-nav").Locator(".nav-label");
    public ILocator PageTitle => Page.GetByTestId("page-title");
    public ILocator Role => Page.GetByTestId("current-role");
    public ILocator UserName => Page.GetByTestId("current-user-name");
    public ILocator ScopeSelector => Page.GetByTestId("scope-selector");
    public ILocator LoginError => Page.GetByTestId("login-error");
    public ILocator LoginNotice => Page.GetByTestId("login-notice");
    public ILocator AccessDenied => Page.GetByTestId("access-denied");
    public ILocator ReadOnlyBanner => Page.GetByTestId("readonly-banner");
    public ILocator Breadcrumbs => Page.GetByTestId("breadcrumbs").Locator("li");

    public ILocator SignInButton => Page.GetByRole(AriaRole.Button, new() { Name = "登录" });

    /// <summary>Signs in with the demo password and waits until the workbench (or the page asked for before) is shown.</summary>
    public async Task SignInAsync(DemoLogin login)
    {
        await SubmitCredentialsAsync(login.Username, DemoData.Password);
        await Expect(Page.GetByTestId("main-nav")).ToBeVisibleAsync();
    }

    /// <summary>A sign-in the console refuses; returns once the page has the answer, so that attempts never overlap
    /// (the page clears the password field when an answer comes).</summary>
    public async Task AttemptSignInAsync(string username, string password)
    {
        await SubmitCredentialsAsync(username, password);
        await Expect(SignInButton).ToBeEnabledAsync();
    }

    private async Task SubmitCredentialsAsync(string username, string password)
    {
        await Page.GetByLabel("用户名").FillAsync(username);
        await Page.GetByLabel("密码").FillAsync(password);
        await SignInButton.ClickAsync();
    }

    /// <summary>What a user does by typing an address: the console is a single page, so only the fragment changes.</summary>
    public Task OpenAsync(string fragment) => Page.GotoAsync($"/{fragment}");

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public Task<string?> SessionValueAsync() => Page.EvaluateAsync<string?>("() => sessionStorage.getItem('platform.session')");

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
