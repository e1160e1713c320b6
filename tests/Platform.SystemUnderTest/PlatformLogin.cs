using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.SystemUnderTest;

/// <summary>Logging in through the gateway with the demo accounts (deploy/demo/logins.json).</summary>
public static class PlatformLogin
{
    public static HttpClient Anonymous(Uri gateway) => new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<string> AccessTokenAsync(Uri gateway, string username)
    {
        using var http = Anonymous(gateway);
        using var response = await http.PostAsJsonAsync("api/identity/token", new { username, password = PlatformSettings.DemoPassword });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Login as {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public static async Task<HttpClient> LoginAsync(Uri gateway, string username) => WithToken(gateway, await AccessTokenAsync(gateway, username));

    public static HttpClient WithToken(Uri gateway, string accessToken)
    {
        var http = Anonymous(gateway);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    private sealed record TokenResponse(string AccessToken);
}
