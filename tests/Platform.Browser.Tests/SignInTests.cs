using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed partial class SignInTests(ConsolePlatform platform)
{
    [Fact]
    public async Task A_wrong_password_keeps_the_user_on_the_sign_in_page_and_says_why()
    {
        await using var console = await platform.OpenConsoleAsync();

        await console.AttemptSignInAsync(DemoData.For("district_admin").Username, "not-the-password");

        await Expect(console.LoginError).ToHaveTextAsync("用户名或密码错误，请重新输入。");
        await Expect(console.Page).ToHaveURLAsync(new Regex("#/login$"));
        Assert.Null(await console.SessionValueAsync());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_and_the_page_says_until_when()
    {
        await using var console = await platform.OpenConsoleAsync();
        var login = DemoData.SpareFor("street_staff");

        // The identity module locks an account after five failures in a row.
        for (var attempt = 1; attempt <= 5; attempt++) await console.AttemptSignInAsync(login.Username, $"wrong-{attempt}");

        await Expect(console.LoginError).ToHaveTextAsync(LockedMessage());
        await console.AttemptSignInAsync(login.Username, DemoData.Password);
        await Expect(console.LoginError).ToHaveTextAsync(LockedMessage());
    }

    [Fact]
    public async Task Empty_fields_are_pointed_out_without_asking_the_server()
    {
        await using var console = await platform.OpenConsoleAsync();
        var requests = new List<string>();
        console.Page.Request += (_, request) => requests.Add(request.Url);

        await console.AttemptSignInAsync("", "");

        await Expect(console.LoginError).ToHaveTextAsync("请输入用户名和密码。");
        Assert.DoesNotContain(requests, url => url.Contains("/api/identity/token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_asked_for_before_signing_in_opens_after_signing_in()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.OpenAsync("#/api-docs");
        await Expect(console.Page.GetByTestId("login-page")).ToBeVisibleAsync();

        await console.SignInAsync(DemoData.For("district_admin"));

        await Expect(console.PageTitle).ToHaveTextAsync("接口文档");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_its_refresh_token()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("community_staff"));
        var (_, refreshToken) = await StoredTokensAsync(console);

        await console.Page.RunAndWaitForResponseAsync(
            () => console.Page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync(),
            response => response.Url.EndsWith("/api/identity/logout", StringComparison.Ordinal));

        await Expect(console.LoginNotice).ToHaveTextAsync("您已安全退出。");
        Assert.Null(await console.SessionValueAsync());
        await console.OpenAsync("#/dashboard");
        await Expect(console.Page.GetByTestId("login-page")).ToBeVisibleAsync();
        var refresh = await console.Page.APIRequest.PostAsync("/api/identity/refresh", new() { DataObject = new { refreshToken } });
        Assert.Equal(401, refresh.Status);
    }

    [Fact]
    public async Task An_access_token_the_gateway_no_longer_accepts_is_renewed_with_the_refresh_token()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("district_admin"));
        var signedIn = await StoredTokensAsync(console);

        // An expired access token and a spoiled one get the same answer from the gateway: 401.
        await console.Page.EvaluateAsync("""
            () => {
              const session = JSON.parse(sessionStorage.getItem('platform.session'));
              sessionStorage.setItem('platform.session', JSON.stringify({ ...session, accessToken: session.accessToken + 'x' }));
            }
            """);
        await console.Page.ReloadAsync();

        await Expect(console.Page.GetByTestId("places").Locator(".place-card")).ToHaveCountAsync(DemoData.Streets.Count);
        var renewed = await StoredTokensAsync(console);
        Assert.NotEqual(signedIn.AccessToken, renewed.AccessToken);
        Assert.NotEqual(signedIn.RefreshToken, renewed.RefreshToken);
    }

    private static async Task<(string AccessToken, string RefreshToken)> StoredTokensAsync(ConsolePage console)
    {
        using var session = JsonDocument.Parse((await console.SessionValueAsync())!);
        return (session.RootElement.GetProperty("accessToken").GetString()!, session.RootElement.GetProperty("refreshToken").GetString()!);
    }

    [GeneratedRegex(@"^账户已锁定，请于 \d{2}:\d{2} 后重试$")]
    private static partial Regex LockedMessage();
}
