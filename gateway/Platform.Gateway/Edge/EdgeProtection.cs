using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Authorization;
using Platform.Gateway.Identity.Tokens;

using Platform.ServiceDefaults;

namespace Platform.Gateway.Edge;

public sealed class EdgeOptions
{
    public const string SectionName = "Gateway";

    public int RequestsPerUserPerMinute { get; set; } = 600;
    public int RequestsPerIpPerMinute { get; set; } = 1200;
    public int LoginAttemptsPerIpPerMinute { get; set; } = 60;
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What the gateway does to every request before it reaches a service: limits, headers, timeouts.</summary>
public static partial class EdgeProtection
{
    public const string CorrelationHeader = CommandRequests.CorrelationHeader;

    public static WebApplicationBuilder AddEdgeProtection(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EdgeOptions.SectionName).Get<EdgeOptions>() ?? new EdgeOptions();
        builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    http.User.FindFirst(PlatformClaims.Subject)?.Value is { } subject
                        ? RateLimitPartition.GetFixedWindowLimiter($"user:{subject}", _ => PerMinute(options.RequestsPerUserPerMinute))
                        : RateLimitPartition.GetNoLimiter("anonymous")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    RateLimitPartition.GetFixedWindowLimiter($"ip:{http.Connection.RemoteIpAddress}", _ => PerMinute(options.RequestsPerIpPerMinute))));
            limiter.AddPolicy(TokenEndpoints.LoginRateLimitPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter($"login:{http.Connection.RemoteIpAddress}", _ => PerMinute(options.LoginAttemptsPerIpPerMinute)));
        });
        return builder;
    }

    /// <summary>Runs first: forwarded headers, correlation id and security headers apply to every response.</summary>
    public static WebApplication UseEdgeHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(async (context, next) =>
        {
            var correlationId = context.Request.Headers[CorrelationHeader].ToString();
            if (!ValidCorrelationId().IsMatch(correlationId)) correlationId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            // Overwritten on the way in, so services and logs see one id per request whatever the client sent.
            context.Request.Headers[CorrelationHeader] = correlationId;
            System.Diagnostics.Activity.Current?.SetTag("correlation.id", correlationId);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[CorrelationHeader] = correlationId;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
                if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
                return Task.CompletedTask;
            });
            var app = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Gateway.Requests");
            using (app.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
                await next(context);
        });
        return app;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "请求过于频繁",
                detail: $"请在 {seconds} 秒后重试。")
            .ExecuteAsync(context.HttpContext);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidCorrelationId();
}
