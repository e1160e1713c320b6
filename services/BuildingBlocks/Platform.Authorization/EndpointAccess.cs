using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Authorization;

public static class EndpointAccess
{
    /// <summary>Route or query values that place a request in the org tree; each one present is checked against
    /// the caller's scope before the endpoint runs.</summary>
    public static readonly IReadOnlyList<string> ScopeParameters = ["streetId", "communityId", "gridId", "buildingId", "departmentId", "unitId"];

    /// <summary>
    /// The endpoint performs <paramref name="action"/>: the caller must hold a platform token, a role the action
    /// allows, and a scope that covers every org unit the request names. It is checked by the authorization
    /// middleware, before the request body is even read, so a refusal never depends on what was sent. Entity-level
    /// checks (whose need is this?) stay in the handler, through <see cref="AccessGuard"/>.
    /// </summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, PlatformAction action) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PlatformAccessRequirement(action))
            .Build());
        builder.WithMetadata(action);
        return builder;
    }

    /// <summary>The endpoint is deliberately open to anyone (health, OpenAPI, login).</summary>
    public static TBuilder AllowPublicAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous();
}

public sealed record PlatformAccessRequirement(PlatformAction Action) : IAuthorizationRequirement;

internal sealed class PlatformAccessHandler(AccessGuard guard) : AuthorizationHandler<PlatformAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformAccessRequirement requirement)
    {
        if (context.Resource is not HttpContext http) return;
        try
        {
            var user = guard.CurrentUser(http);
            guard.EnsureAllowed(user, requirement.Action);
            foreach (var parameter in EndpointAccess.ScopeParameters)
            {
                var value = http.Request.RouteValues.TryGetValue(parameter, out var routeValue) ? routeValue?.ToString() : http.Request.Query[parameter].ToString();
                if (string.IsNullOrEmpty(value)) continue;
                await guard.EnsureCoversUnitAsync(user, parameter, value, http.RequestAborted);
            }
            context.Succeed(requirement);
        }
        catch (AccessDeniedException denied)
        {
            context.Fail(new AuthorizationFailureReason(this, denied.Message));
        }
        catch (UnknownOrganizationUnitException unknown)
        {
            http.Items[typeof(UnknownOrganizationUnitException)] = unknown;
            context.Fail(new AuthorizationFailureReason(this, unknown.Message));
        }
    }
}

/// <summary>Says why a request was refused: 401 and 403 carry problem details with the reason, and a request that
/// names an org unit nobody knows is a 404.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || context.User.Identity?.IsAuthenticated != true)
        {
            await fallback.HandleAsync(next, context, policy, result);
            return;
        }
        var unknown = context.Items[typeof(UnknownOrganizationUnitException)] as UnknownOrganizationUnitException;
        var reasons = result.AuthorizationFailure?.FailureReasons.Select(reason => reason.Message).ToList() ?? [];
        await Results.Problem(
                statusCode: unknown is null ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound,
                title: unknown is null ? "无权访问" : "组织单元不存在",
                detail: unknown?.Message ?? (reasons.Count > 0 ? string.Join(" ", reasons) : "您没有执行此操作的权限。"))
            .ExecuteAsync(context);
    }
}
