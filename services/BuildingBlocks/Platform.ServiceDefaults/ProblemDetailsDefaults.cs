using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>Every error leaves a host as RFC 7807 problem details carrying the trace id, and malformed
/// input is the caller's fault (400), never a 500.</summary>
public static class ProblemDetailsDefaults
{
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions["traceId"] = traceId;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.Configure<Microsoft.AspNetCore.Builder.ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = StatusCodeFor);
        return services;
    }

    private static int StatusCodeFor(Exception exception) => exception switch
    {
        BadHttpRequestException badRequest => badRequest.StatusCode,
        JsonException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
