using MassTransit;
using Platform.ServiceDefaults;
using Platform.Storage;

namespace Platform.Gateway.Insights;

/// <summary>
/// The district view: the figures every service reports per community and month, with the org tree beside them in
/// the same database. It lives in the gateway because the gateway already keeps the org tree the view is laid out
/// on, and the figures are the services' own summaries, not their tables (docs/ARCHITECTURE.md says more).
/// </summary>
public static class InsightsModule
{
    public static IBusRegistrationConfigurator AddInsightsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PlaceFiguresReportedConsumer>();
        bus.AddConsumer<FiguresCurrentConsumer>();
        return bus;
    }

    public static WebApplicationBuilder AddInsightsModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddSchemaScriptAtStart("insights", InsightsSchema.Ddl);
        builder.Services.AddSingleton<InsightsQueries>();
        builder.Services.AddSingleton<Alerts.AlertsQueries>();
        builder.Services.AddReceiveEndpointObserver<FiguresCatchUp>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<Reports.NeedsReader>(client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddScoped<Reports.MonthlyReports>();
        // The Needs service cannot answer for a report: the caller may try again, nothing of theirs was lost.
        builder.Services.MapExceptionProblems(problems => problems.Map<Reports.UpstreamUnavailableException>(
            StatusCodes.Status503ServiceUnavailable, "业务服务暂不可用"));
        return builder;
    }

    public static WebApplication MapInsightsModule(this WebApplication app)
    {
        app.MapInsightsEndpoints();
        Alerts.AlertEndpoints.MapAlertEndpoints(app);
        return app;
    }
}
