using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Platform.Authorization;
using Platform.Kernel.Errors;

namespace Platform.ServiceDefaults.Idempotency;

/// <summary>
/// Marks an endpoint that creates something as idempotent under the <c>Idempotency-Key</c> header: a retried
/// request (a phone on a flaky network, a client that timed out) gets the first answer again instead of creating a
/// second record. <paramref name="Caller"/> names whose key it is; by default the signed-in user.
/// </summary>
public sealed record IdempotentEndpoint(Func<HttpContext, Task<string?>>? Caller = null);

public static class IdempotentRequests
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long a key is remembered; a retry after that creates anew.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long a first request may run before a retry with its key may take over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint, Func<HttpContext, Task<string?>>? caller = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.WithMetadata(new IdempotentEndpoint(caller));
    }

    internal static IServiceCollection AddIdempotentRequests(this IServiceCollection services) => services.AddSingleton<IdempotencyStore>();

    /// <summary>After authentication, so a key belongs to the caller who sent it, and before the endpoint runs.</summary>
    public static IApplicationBuilder UseIdempotentRequests(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not { } idempotent
            || http.Request.Headers[KeyHeader].ToString() is not { Length: > 0 } key)
        {
            await next(http);
            return;
        }
        await RunOnceAsync(http, next, idempotent, key);
    });

    private static async Task RunOnceAsync(HttpContext http, RequestDelegate next, IdempotentEndpoint idempotent, string key)
    {
        if (key.Length > 100 || key.Any(character => character is < '!' or > '~'))
            throw new InvalidCommandException($"{KeyHeader} 须为 1–100 个可见 ASCII 字符。");
        // The body first, while it is still unread: a caller found in a form reads it.
        var fingerprint = await FingerprintAsync(http.Request);
        var caller = idempotent.Caller is null ? PlatformUser.From(http.User)?.UserId : await idempotent.Caller(http);
        if (caller is null)
        {
            await next(http);
            return;
        }
        var scope = $"{http.GetEndpoint()!.DisplayName}|{caller}";
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var claim = await store.ClaimAsync(scope, key, fingerprint, http.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Replay replay:
                await WriteAsync(http.Response, replay.Response);
                return;
            case IdempotencyClaim.Mismatch:
                throw new RuleViolationException($"{KeyHeader}「{key}」已用于另一个请求；重试时请求内容须与第一次相同。");
            case IdempotencyClaim.InProgress:
                http.Response.Headers.RetryAfter = "2";
                throw new AlreadyExistsException($"使用 {KeyHeader}「{key}」的同一请求正在处理，请稍后重试。");
        }

        var original = http.Response.Body;
        await using var captured = new MemoryStream();
        http.Response.Body = captured;
        var remembered = false;
        try
        {
            await next(http);
            var response = new StoredResponse(
                http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString(), http.Response.Headers.ETag.ToString(),
                captured.ToArray());
            // A conflict, a refusal for load or a server fault says nothing final about the request: a retry may succeed.
            if (response.Status is < 500 and not StatusCodes.Status409Conflict and not StatusCodes.Status429TooManyRequests)
            {
                await store.CompleteAsync(scope, key, response, http.RequestAborted);
                remembered = true;
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!remembered) await store.ReleaseAsync(scope, key, CancellationToken.None);
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>What makes two requests the same one: the method, the path with its query, and the body.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task WriteAsync(HttpResponse response, StoredResponse stored)
    {
        response.StatusCode = stored.Status;
        if (stored.ContentType is { Length: > 0 }) response.ContentType = stored.ContentType;
        if (stored.Location is { Length: > 0 }) response.Headers.Location = stored.Location;
        if (stored.ETag is { Length: > 0 }) response.Headers.ETag = stored.ETag;
        response.Headers[ReplayedHeader] = "true";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        await response.Body.WriteAsync(stored.Body, response.HttpContext.RequestAborted);
    }
}
