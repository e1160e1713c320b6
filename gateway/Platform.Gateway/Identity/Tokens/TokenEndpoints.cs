using Platform.Authorization;
using Platform.Gateway.Identity.Accounts;
using Platform.Gateway.Identity.Organization;

namespace Platform.Gateway.Identity.Tokens;

public static class TokenEndpoints
{
    public const string LoginRateLimitPolicy = "login";
    private const int MaxUsernameLength = 64;
    private const int MaxPasswordLength = 256;

    /// <param name="issuesTokens">False when an external issuer signs the tokens: then only /me is served here.</param>
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder endpoints, bool issuesTokens)
    {
        var group = endpoints.MapGroup("/api/identity").WithTags("Identity");
        group.MapGet("/me", Me).RequireAccess(IdentityActions.ReadOwnAccount)
            .WithName("GetCurrentUser").WithSummary("当前用户的账号、角色和工作范围。");
        if (!issuesTokens) return endpoints;

        group.MapPost("/token", Login).AllowPublicAccess().RequireRateLimiting(LoginRateLimitPolicy)
            .WithName("Login").WithSummary("用用户名和密码换取访问令牌和刷新令牌。");
        group.MapPost("/refresh", Refresh).AllowPublicAccess().RequireRateLimiting(LoginRateLimitPolicy)
            .WithName("RefreshToken").WithSummary("用刷新令牌（仅限一次）换取新令牌。");
        group.MapPost("/logout", Logout).AllowPublicAccess()
            .WithName("Logout").WithSummary("注销刷新令牌及由其轮换出的全部令牌。");

        endpoints.MapGet("/.well-known/openid-configuration", (TokenService tokens) => TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = tokens.Issuer,
            ["jwks_uri"] = $"{tokens.Issuer.TrimEnd('/')}/.well-known/jwks.json",
            ["token_endpoint"] = $"{tokens.Issuer.TrimEnd('/')}/api/identity/token",
            ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            ["subject_types_supported"] = new[] { "public" },
            ["response_types_supported"] = new[] { "token" },
        })).AllowPublicAccess().ExcludeFromDescription();
        endpoints.MapGet("/.well-known/jwks.json", (SigningKeys keys) => TypedResults.Json(new { keys = new[] { keys.PublicJwk() } }))
            .AllowPublicAccess().ExcludeFromDescription();
        return endpoints;
    }

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record ScopeView(string Kind, string Id, string Name);

    public sealed record UserView(
        string Username, string DisplayName, string Role, string RoleName, string DistrictCode, string? StreetId, string? CommunityId,
        string? DepartmentId, string? UnitId, ScopeView Scope);

    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, UserView User);

    private static async Task<IResult> Login(
        LoginRequest request, AccountStore accounts, TokenService tokens, OrganizationQueries organization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
            return Problem(StatusCodes.Status400BadRequest, "请输入用户名和密码");
        if (request.Username.Length > MaxUsernameLength || request.Password.Length > MaxPasswordLength)
            return Problem(StatusCodes.Status400BadRequest, "用户名或密码过长", $"用户名不超过 {MaxUsernameLength} 个字符，密码不超过 {MaxPasswordLength} 个字符。");

        // A missing account and a wrong password answer alike, in status, text, lockout and time, so that nobody
        // learns from the answers which usernames exist.
        var username = request.Username.Trim();
        if (await accounts.LockedUntilAsync(username, cancellationToken) is { } lockedUntil) return Locked(lockedUntil);
        var account = await accounts.FindAsync(username, cancellationToken);
        // Without an account, a dummy hash is checked all the same, so that the time spent reveals nothing either.
        var verified = AccountStore.Verify(account ?? DummyAccount.Value, request.Password);
        if (account is null || !verified)
        {
            var lockedNow = await accounts.RecordFailureAsync(username, cancellationToken);
            return lockedNow is { } until ? Locked(until) : WrongCredentials();
        }

        await accounts.RecordSuccessAsync(account.User.UserId, cancellationToken);
        var issued = await tokens.IssueAsync(account.User, cancellationToken);
        return TypedResults.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresIn, issued.RefreshToken,
            await ViewOf(account.User, organization, cancellationToken)));
    }

    public sealed record RefreshRequest(string? RefreshToken);

    private static async Task<IResult> Refresh(
        RefreshRequest request, AccountStore accounts, TokenService tokens, OrganizationQueries organization, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
            return Problem(StatusCodes.Status400BadRequest, "缺少刷新令牌");
        var refreshed = await tokens.RefreshAsync(request.RefreshToken, async (username, token) =>
        {
            var account = await accounts.FindAsync(username, token);
            return account is null || account.LockedUntil > clock.GetUtcNow() ? null : account.User;
        }, cancellationToken);
        if (refreshed is not { } result) return Problem(StatusCodes.Status401Unauthorized, "登录已失效，请重新登录");
        var user = (await accounts.FindAsync(result.Username, cancellationToken))!.User;
        return TypedResults.Ok(new TokenResponse(result.Tokens.AccessToken, "Bearer", result.Tokens.ExpiresIn, result.Tokens.RefreshToken,
            await ViewOf(user, organization, cancellationToken)));
    }

    private static async Task<IResult> Logout(RefreshRequest request, TokenService tokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
            return Problem(StatusCodes.Status400BadRequest, "缺少刷新令牌");
        await tokens.RevokeAsync(request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Me(HttpContext http, AccessGuard guard, OrganizationQueries organization, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewOf(guard.CurrentUser(http), organization, cancellationToken));

    private static async Task<UserView> ViewOf(PlatformUser user, OrganizationQueries organization, CancellationToken cancellationToken)
    {
        var (kind, id) = user.Role switch
        {
            PlatformRole.DistrictAdmin or PlatformRole.Auditor => ("district", user.DistrictCode),
            PlatformRole.StreetStaff => ("street", user.StreetId ?? user.DistrictCode),
            PlatformRole.CommunityStaff => ("community", user.CommunityId ?? user.DistrictCode),
            PlatformRole.DepartmentStaff => ("department", user.DepartmentId ?? user.DistrictCode),
            PlatformRole.UnitMember => ("unit", user.UnitId ?? user.DistrictCode),
            _ => ("person", user.UserId),
        };
        var name = kind == "person"
            ? user.DisplayName
            : (await organization.FindAsync(user.DistrictCode, id, cancellationToken))?.Name ?? id;
        return new UserView(user.UserId, user.DisplayName, user.Role.Code(), user.Role.ChineseName(), user.DistrictCode, user.StreetId,
            user.CommunityId, user.DepartmentId, user.UnitId, new ScopeView(kind, id, name));
    }

    private static IResult WrongCredentials() => Problem(StatusCodes.Status401Unauthorized, "用户名或密码错误");

    private static IResult Locked(DateTimeOffset until) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "账户已锁定",
        detail: $"连续 {AccountStore.FailuresBeforeLockout} 次登录失败，账户已锁定至 {until:yyyy-MM-dd HH:mm:ss} (UTC)。",
        extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });

    private static IResult Problem(int status, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static readonly Lazy<Account> DummyAccount = new(() =>
    {
        var nobody = new PlatformUser("nobody", "nobody", PlatformRole.Resident, "000000");
        return new Account(nobody, AccountStore.Hash(nobody, Guid.NewGuid().ToString()), null);
    });
}
