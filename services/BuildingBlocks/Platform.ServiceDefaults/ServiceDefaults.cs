using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Authorization;

namespace Platform.ServiceDefaults;

/// <summary>What every platform host has: telemetry, problem details, health endpoints, OpenAPI, a version endpoint.</summary>
public static class ServiceDefaults
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        // MassTransit reads this variable too; set it before any bus exists so no usage report is ever sent.
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");

        AddDefaultSettings(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ServiceIdentity(serviceName, InformationalVersion()));
        builder.AddPlatformTelemetry(serviceName);
        builder.Services.AddPlatformProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new UnsafeInputGuard.SafeStringConverter()));
        builder.Services.MapExceptionProblems(problems => problems
            .MapDomainErrors()
            .Map<AccessDeniedException>(StatusCodes.Status403Forbidden, "无权访问")
            .Map<UnknownOrganizationUnitException>(StatusCodes.Status404NotFound, "组织单元不存在"));
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        // The console's 接口文档 shows each operation's summary; an endpoint without one is described by the Chinese
        // name of the action it requires, never by its English operation id.
        builder.Services.AddOpenApi(options => options.AddOperationTransformer((operation, context, _) =>
        {
            if (string.IsNullOrEmpty(operation.Summary)
                && context.Description.ActionDescriptor.EndpointMetadata.OfType<PlatformAction>().FirstOrDefault() is { } action)
                operation.Summary = action.Description;
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// Settings every service shares, below every other source. They live here rather than in an appsettings.json per
    /// service because a test project that references several hosts gets one output folder, where their
    /// appsettings.json files would overwrite each other (and the gateway would lose its routes).
    /// </summary>
    private static void AddDefaultSettings(ConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:MassTransit"] = "Warning",
                ["AllowedHosts"] = "*",
            },
        });

    /// <summary>Error handling first, so that anything later in the pipeline answers with problem details.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseUnsafeInputGuard();
        return app;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = WriteHealthReport,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteHealthReport,
        }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/version", (ServiceIdentity identity) => identity)
            .WithName("GetVersion")
            .WithSummary("本服务的名称和构建版本。")
            .AllowAnonymous();
        return app;
    }

    private static Task WriteHealthReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new HealthReportBody(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new HealthEntryBody(entry.Value.Status.ToString(), entry.Value.Description ?? entry.Value.Exception?.Message)));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }

    private static string InformationalVersion() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? FileVersionInfo.GetVersionInfo(typeof(ServiceDefaults).Assembly.Location).ProductVersion
        ?? "0.0.0";

    private sealed record HealthReportBody(string Status, double DurationMs, Dictionary<string, HealthEntryBody> Checks);

    private sealed record HealthEntryBody(string Status, string? Description);
}

public sealed record ServiceIdentity(string Service, string Version);
