using Microsoft.Extensions.Configuration.Json;
using JasperFx.Events.Projections;
using Marten;
using Platform.EventSourcing;
using Platform.EventSourcing.Commands;
using Platform.EventSourcing.Hosting;
using Platform.EventSourcing.Timers;
using Platform.Messaging;
using Platform.Messaging.Figures;
using Platform.Needs.Api;
using Platform.Needs.Audit;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.Handling;
using Platform.Needs.Intake;
using Platform.Needs.Integration;
using Platform.Needs.NeedList;
using Platform.Needs.Open311;
using Platform.Needs.ReadModels;
using Platform.Needs.Timers;
using Platform.ServiceDefaults;
using Platform.Kernel.Errors;

namespace Platform.Needs;

/// <summary>需求清单 and 吹哨报到: needs, whistle cases with their time limits, department scores, audit and Open311 intake.</summary>
public static class NeedsService
{
    public const string Name = "needs";

    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <param name="configureServices">Runs last: tests replace the clock (TimeProvider) here to move time.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(NeedsService).Assembly, bus =>
        {
            bus.AddConsumer<NeedMatchedToProjectConsumer>();
            bus.AddConsumer<ProjectCompletedConsumer>();
            bus.AddConsumer<ProjectProgressedConsumer>();
            bus.AddConsumer<ProjectTaskEscalatedConsumer>();
            bus.AddConsumer<ProjectDroppedConsumer>();
            bus.AddConsumer<MicroWishClaimedConsumer>();
            bus.AddConsumer<MicroWishFulfilledConsumer>();
            bus.AddConsumer<MicroWishReleasedConsumer>();
            bus.AddFiguresRequests();
        });
        AddCatalogueDefaults(builder.Configuration);
        var catalogue = builder.Configuration.GetSection(NeedsCatalogue.SectionName).Get<NeedsCatalogue>() ?? new NeedsCatalogue();
        if (catalogue.Problems().ToList() is { Count: > 0 } problems)
            throw new InvalidPlatformConfigurationException($"The needs catalogue is invalid: {string.Join("; ", problems)}.");

        var services = builder.Services;
        services.AddSingleton(catalogue);
        // The schema first: hosted services start in order, and the timers need the tables.
        services.AddHostedService<NeedsSchema>();
        services
            .AddPlatformEventStore(Name, options =>
            {
                options.RegisterEventTypes(typeof(NeedsService).Assembly);
                options.AddDecider(NeedDecider.For(catalogue));
                options.AddDecider(WhistleCaseDecider.For(catalogue));
                options.Projections.Add(new NeedsViewProjection(), ProjectionLifecycle.Inline);
            }, builder.Configuration)
            .AddSubscriptionWithServices<StatisticsProjection>(ServiceLifetime.Singleton)
            .AddOutboxRelay(map => NeedsIntegrationEvents.Map(map));
        services.AddDurableTimers<NeedsDeadlineHandler>(NeedsSchema.Name, builder.Configuration.GetSection(NeedsDeadlineHandler.SettingsSection));
        services.AddInbox();
        services.AddFiguresPublisher(new FiguresSource(Name, Name, StatisticsProjection.SubscriptionName));
        services.AddSingleton<NeedsCommandHandler>();
        services.AddAttachments(NeedsSchema.Name);
        services.AddSingleton<NeedsServiceRequestQueries>();
        services.AddOpen311<NeedsServiceDesk>(builder.Configuration, NeedsSchema.Name);
        services.AddSingleton<NeedsQueries>();
        services.AddNeedsAudit();
        configureServices?.Invoke(services);
        var app = builder.Build();
        app.UsePlatformService();
        app.MapReportingEndpoints();
        app.MapNeedEndpoints();
        app.MapCaseEndpoints();
        app.MapNeedsAudit();
        app.MapOpen311Endpoints();
        return app;
    }

    /// <summary>The published defaults sit below every other source, so appsettings, environment and command line override them.</summary>
    private static void AddCatalogueDefaults(ConfigurationManager configuration)
    {
        var resource = typeof(NeedsService).Assembly.GetManifestResourceStream("Platform.Needs.catalogue.json")
            ?? throw new InvalidOperationException("the embedded needs catalogue is missing");
        configuration.Sources.Insert(0, new JsonStreamConfigurationSource { Stream = resource });
    }
}
