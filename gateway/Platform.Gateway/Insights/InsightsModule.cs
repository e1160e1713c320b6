using MassTransit;
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
        return builder;
    }

    public static WebApplication MapInsightsModule(this WebApplication app)
    {
        app.MapInsightsEndpoints();
        return app;
    }
}
