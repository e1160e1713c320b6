using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Authorization;

/// <summary>
/// Bearer tokens for every host. A service trusts one issuer, found by OpenID Connect discovery at
/// <c>Identity:Authority</c>: in local and demo use that is the gateway's identity module, in production an external
/// OpenID Connect issuer. Nothing else changes between the two.
/// </summary>
public static class PlatformAuthentication
{
    public const string PolicyName = "platform-user";
    public const string Audience = "platform";
    public const string SectionName = "Identity";

    public static IServiceCollection AddPlatformAuthentication(
        this IServiceCollection services, IConfiguration configuration, Action<JwtBearerOptions>? configure = null)
    {
        var identity = configuration.GetSection(SectionName);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.Authority = identity["Authority"];
            options.Audience = identity["Audience"] ?? Audience;
            options.RequireHttpsMetadata = identity.GetValue("RequireHttpsMetadata", true);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidAudience = identity["Audience"] ?? Audience,
                NameClaimType = PlatformClaims.Name,
                RoleClaimType = PlatformClaims.Role,
                // Access tokens live minutes; the default five minutes of skew would double that.
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            configure?.Invoke(options);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy.RequireAuthenticatedUser().RequireClaim(PlatformClaims.District).RequireClaim(PlatformClaims.Role));
        services.AddScoped<AccessGuard>();
        services.AddScoped<IAuthorizationHandler, PlatformAccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddSingleton<OrganizationDirectory>();
        services.AddHostedService<AccessSetupCheck>();
        return services;
    }

    /// <summary>Authentication, then <paramref name="afterAuthentication"/> (the gateway's rate limiter, which needs to
    /// know the user), then the rule that auditors never write, whatever route they take.</summary>
    public static IApplicationBuilder UsePlatformAuthentication(this IApplicationBuilder app, Action<IApplicationBuilder>? afterAuthentication = null)
    {
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !HttpMethods.IsOptions(context.Request.Method)
                && PlatformUser.From(context.User) is { Role: PlatformRole.Auditor })
            {
                throw new AccessDeniedException("审计角色只读，不能执行任何修改操作。");
            }
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// At start: creates the org directory's table, and refuses to run a host with an endpoint that has no access
    /// rule, so a new endpoint cannot ship open by accident.
    /// </summary>
    private sealed class AccessSetupCheck(
        OrganizationDirectory directory, IEnumerable<EndpointDataSource> endpointSources, Microsoft.Extensions.Options.IOptions<AccessRuleOptions> options)
        : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => directory.MigrateAsync(cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var unguarded = endpointSources.SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .Where(endpoint => endpoint.Metadata.GetMetadata<PlatformAction>() is null
                    && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
                    && !(options.Value.AcceptAuthorizationPolicies && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null))
                .Select(endpoint => endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "?")
                .ToList();
            if (unguarded.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Endpoints without an access rule (RequireAccess or AllowPublicAccess): {string.Join(", ", unguarded)}.");
            }
            return Task.CompletedTask;
        }

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public sealed class AccessRuleOptions
{
    /// <summary>Accept endpoints guarded by an authorization policy alone: the gateway's proxied routes, whose
    /// role and scope rules are enforced again by the service behind them.</summary>
    public bool AcceptAuthorizationPolicies { get; set; }
}
