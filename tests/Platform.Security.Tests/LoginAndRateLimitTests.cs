using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.SystemUnderTest;

namespace Platform.Security.Tests;

/// <summary>The platform with limits low enough to reach in a test.</summary>
public sealed class TightlyLimitedPlatform : RunningPlatform
{
    public const int RequestsPerUserPerMinute = 8;
    public const int LoginsPerMinute = 30;

    protected override IDictionary<string, string> GatewayOverrides => new Dictionary<string, string>
    {
        ["Gateway:RequestsPerUserPerMinute"] = RequestsPerUserPerMinute.ToString(),
        ["Gateway:LoginAttemptsPerIpPerMinute"] = LoginsPerMinute.ToString(),
    };
}

public sealed class LoginAndRateLimitTests(TightlyLimitedPlatform platform) : IClassFixture<TightlyLimitedPlatform>
{
    public static TheoryData<string, string> BadLoginBodies => new()
    {
        { "empty body", "" },
        { "empty object", "{}" },
        { "empty username", """{"username":"","password":"x"}""" },
        { "huge username", $$"""{"username":"{{new string('a', 200_000)}}","password":"x"}""" },
        { "not json", "username=district-admin&password=x" },
        { "wrong types", """{"username":["a"],"password":{"b":1}}""" },
    };

    [Theory]
    [MemberData(nameof(BadLoginBodies))]
    public async Task Bad_login_input_is_a_400_or_401_problem_never_a_500(string what, string body)
    {
        using var anonymous = platform.Anonymous();

        using var response = await anonymous.PostAsync("api/identity/token", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_login_body_in_a_wrong_encoding_is_a_400()
    {
        using var anonymous = platform.Anonymous();
        var latin1 = new ByteArrayContent([.. "{\"username\":\"caf"u8, 0xE9, .. "\",\"password\":\"x\"}"u8]);
        latin1.Headers.ContentType = new("application/json") { CharSet = "utf-8" };

        using var response = await anonymous.PostAsync("api/identity/token", latin1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_that_does_not_say_which_part_was_wrong()
    {
        using var anonymous = platform.Anonymous();

        using var wrongPassword = await anonymous.PostAsJsonAsync("api/identity/token", new { username = "xinghua-staff", password = "wrong" });
        using var noSuchUser = await anonymous.PostAsJsonAsync("api/identity/token", new { username = "nobody-here", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noSuchUser.StatusCode);
        Assert.Equal(Title(await wrongPassword.Content.ReadAsStringAsync()), Title(await noSuchUser.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_and_the_locked_account_says_so()
    {
        using var anonymous = platform.Anonymous();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last?.Dispose();
            last = await anonymous.PostAsJsonAsync("api/identity/token", new { username = "fangguan-dept", password = "guess" + attempt });
        }

        using var withRightPassword = await anonymous.PostAsJsonAsync("api/identity/token", new { username = "fangguan-dept", password = PlatformSettings.DemoPassword });

        Assert.Equal(HttpStatusCode.Forbidden, last!.StatusCode);
        last.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, withRightPassword.StatusCode);
        using var problem = JsonDocument.Parse(await withRightPassword.Content.ReadAsStringAsync());
        Assert.Equal("账户已锁定", problem.RootElement.GetProperty("title").GetString());
        Assert.True(problem.RootElement.GetProperty("lockedUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_username_without_an_account_is_locked_after_five_failures_exactly_as_an_account_is()
    {
        using var anonymous = platform.Anonymous();
        var answers = new List<(HttpStatusCode Status, string? Title)>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var response = await anonymous.PostAsJsonAsync("api/identity/token", new { username = "no-such-account", password = "guess" + attempt });
            answers.Add((response.StatusCode, Title(await response.Content.ReadAsStringAsync())));
        }

        Assert.Equal(
            [.. Enumerable.Repeat((HttpStatusCode.Unauthorized, (string?)"用户名或密码错误"), 4), (HttpStatusCode.Forbidden, "账户已锁定"), (HttpStatusCode.Forbidden, "账户已锁定")],
            answers);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_replayed_one_revokes_the_session()
    {
        using var anonymous = platform.Anonymous();
        using var login = await anonymous.PostAsJsonAsync("api/identity/token", new { username = "fumin-staff", password = PlatformSettings.DemoPassword });
        var first = await RefreshTokenOf(login);

        using var rotated = await anonymous.PostAsJsonAsync("api/identity/refresh", new { refreshToken = first });
        var second = await RefreshTokenOf(rotated);
        using var replayed = await anonymous.PostAsJsonAsync("api/identity/refresh", new { refreshToken = first });
        using var afterReplay = await anonymous.PostAsJsonAsync("api/identity/refresh", new { refreshToken = second });

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode);
    }

    [Fact]
    public async Task Going_over_the_per_user_rate_limit_is_a_429_with_retry_after()
    {
        using var client = await platform.LoginAsync("beijie-staff");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var request = 0; request < TightlyLimitedPlatform.RequestsPerUserPerMinute + 2; request++)
        {
            var response = await client.GetAsync("api/identity/me");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) rejected ??= response;
            else response.Dispose();
        }

        Assert.All(statuses.Take(TightlyLimitedPlatform.RequestsPerUserPerMinute), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.NotNull(rejected);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        rejected.Dispose();
    }

    private static string? Title(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("title").GetString();

    private static async Task<string> RefreshTokenOf(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("refreshToken").GetString()!;
    }
}
