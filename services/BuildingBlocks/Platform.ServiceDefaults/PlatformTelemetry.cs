using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>Traces, metrics and logs for every host, wired by hand because the hosting extensions
/// of OpenTelemetry are not in our package registry.</summary>
public static class PlatformTelemetry
{
    /// <summary>Prefix of every ActivitySource and Meter the platform itself creates.</summary>
    public const string SourcePrefix = "Platform";

    public static readonly IReadOnlyList<string> TracedSources =
    [
        "Microsoft.AspNetCore", "System.Net.Http", "Yarp.ReverseProxy", "MassTransit", "Npgsql",
        SourcePrefix, SourcePrefix + ".*",
    ];

    public static readonly IReadOnlyList<string> MeteredSources =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "System.Net.Http", "MassTransit", "Npgsql", SourcePrefix, SourcePrefix + ".*",
    ];

    // Declared after the lists above: static fields initialize in order, and creating a source runs listeners that read them.
    public static readonly ActivitySource Source = new(SourcePrefix);
    public static readonly Meter Meter = new(SourcePrefix);

    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var exportOverOtlp = !string.IsNullOrWhiteSpace(otlpEndpoint);
        var version = typeof(PlatformTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName, serviceVersion: version);

        // The tracer provider is built even without an exporter: it is what makes ASP.NET Core, YARP and
        // MassTransit create activities, and so what puts a trace id into every log line.
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. TracedSources]);
        if (exportOverOtlp) tracing.AddOtlpExporter();
        builder.Services.AddSingleton(tracing.Build());

        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. MeteredSources]);
        if (exportOverOtlp) metrics.AddOtlpExporter();
        builder.Services.AddSingleton(metrics.Build());

        builder.Logging.ClearProviders();
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            // Keep Chinese text readable in the logs instead of \uXXXX escapes.
            options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
        if (exportOverOtlp)
        {
            builder.Logging.AddOpenTelemetry(options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
                options.SetResourceBuilder(resource);
                options.AddOtlpExporter();
            });
        }
        return builder;
    }
}
