using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>Traces, metrics and logs for every host, through OpenTelemetry's hosting integration.</summary>
public static class PlatformTelemetry
{
    /// <summary>Prefix of every ActivitySource and Meter the platform itself creates.</summary>
    public const string SourcePrefix = "Platform";

    /// <summary>Sources and meters of libraries without an instrumentation package, subscribed to by name.
    /// Marten's is listened to before Marten is used; a source that does not exist yet costs nothing.</summary>
    private static readonly string[] NamedSources = ["Yarp.ReverseProxy", "MassTransit", "Marten", SourcePrefix, SourcePrefix + ".*"];
    private static readonly string[] NamedMeters = ["MassTransit", "Marten", SourcePrefix, SourcePrefix + ".*"];

    /// <summary>Every ActivitySource the tracer provider records: those the ASP.NET Core, HttpClient and Npgsql
    /// instrumentations subscribe to, and the named ones. An in-process listener sees the platform's spans through these.</summary>
    public static readonly IReadOnlyList<string> TracedSources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", .. NamedSources];

    // Declared after the lists above: static fields initialize in order, and creating a source runs listeners that read them.
    public static readonly ActivitySource Source = new(SourcePrefix);
    public static readonly Meter Meter = new(SourcePrefix);

    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var exportOverOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var version = typeof(PlatformTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

        // The tracer provider is built (when the host starts) even without an exporter: it is what makes ASP.NET Core,
        // YARP and MassTransit create activities, and so what puts a trace id into every log line.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(NamedSources);
                if (exportOverOtlp) tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(NamedMeters);
                if (exportOverOtlp) metrics.AddOtlpExporter();
            });

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
            // The resource configured above applies to logs too.
            builder.Logging.AddOpenTelemetry(options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
                options.AddOtlpExporter();
            });
        }
        return builder;
    }
}
