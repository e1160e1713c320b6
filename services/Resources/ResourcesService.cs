using JasperFx.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Hosting;
using Platform.Messaging;
using Platform.Messaging.Figures;
using Platform.EventSourcing.Timers;
using Platform.Resources.Agreements;
using Platform.Resources.Audit;
using Platform.Resources.Contributions;
using Platform.Resources.Integration;
using Platform.Resources.Matching;
using Platform.Resources.Offers;
using Platform.Resources.ReadModels;
using Platform.Resources.Timers;
using Platform.Resources.Units;

namespace Platform.Resources;

/// <summary>资源清单: the co-building units of the district's communities, their agreements, and the offers communities book, on the platform's kernel.</summary>
public static class ResourcesService
{
    public const string Name = "resources";

    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <param name="configureServices">Runs last: tests replace the clock (TimeProvider) here.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(ResourcesService).Assembly, bus =>
        {
            bus.AddConsumer<NeedRaisedConsumer>();
            bus.AddConsumer<Contributions.ProjectContributionDeliveredConsumer>();
            bus.AddConsumer<Offers.ProjectResourceRequestedConsumer>();
            bus.AddConsumer<NeedAcceptedConsumer>();
            bus.AddConsumer<NeedReopenedConsumer>();
            bus.AddConsumer<NeedResolvedConsumer>();
            bus.AddConsumer<NeedDeclinedConsumer>();
            bus.AddConsumer<NeedClosedConsumer>();
            bus.AddFiguresRequests();
        });
        var services = builder.Services;
        services.AddHostedService<ResourcesSchema>();
        services
            .AddPlatformEventStore(Name, options =>
            {
                options.RegisterEventTypes(typeof(ResourcesService).Assembly);
                options.AddDecider(UnitDecider.Decider);
                options.AddDecider(AgreementDecider.Decider);
                options.AddDecider(OfferDecider.Decider);
                options.AddDecider(ContributionDecider.Decider);
                options.Projections.Add(new ResourcesViewProjection(), ProjectionLifecycle.Inline);
            }, builder.Configuration)
            .AddSubscriptionWithServices<ResourcesFigures>(ServiceLifetime.Singleton)
            .AddOutboxRelay(map => ResourcesIntegrationEvents.Map(map));
        services.AddFiguresPublisher(new FiguresSource(Name, Name, ResourcesFigures.SubscriptionName));
        services.AddDurableTimers<AgreementDeadlines>(ResourcesSchema.Name, builder.Configuration.GetSection(AgreementDeadlines.SettingsSection));
        services.AddInbox();
        services.AddSingleton<ResourcesQueries>();
        services.AddResourcesAudit();
        configureServices?.Invoke(services);
        var app = builder.Build();
        app.UsePlatformService();
        app.MapCatalogueEndpoints();
        app.MapUnitEndpoints();
        app.MapAgreementEndpoints();
        app.MapOfferEndpoints();
        app.MapBookingEndpoints();
        app.MapContributionEndpoints();
        app.MapMatchEndpoints();
        app.MapResourcesAudit();
        return app;
    }
}
