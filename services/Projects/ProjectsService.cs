using JasperFx.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Hosting;
using Platform.Messaging;
using Platform.Messaging.Figures;
using Platform.Projects.Audit;
using Platform.Projects.Copies;
using Platform.EventSourcing.Timers;
using Platform.Projects.Integration;
using Platform.Projects.Meetings;
using Platform.Projects.ProjectList;

namespace Platform.Projects;

/// <summary>项目清单 and 责任清单: the projects that joint meetings decide from the communities' needs, their tasks with
/// named owners and deadlines, and progress shown by milestones, on the platform's kernel.</summary>
public static class ProjectsService
{
    public const string Name = "projects";

    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <param name="configureServices">Runs last: tests replace the clock (TimeProvider) here.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(ProjectsService).Assembly, bus =>
        {
            bus.AddConsumer<NeedRaisedConsumer>();
            bus.AddConsumer<NeedAcceptedConsumer>();
            bus.AddConsumer<NeedReopenedConsumer>();
            bus.AddConsumer<NeedResolvedConsumer>();
            bus.AddConsumer<NeedDeclinedConsumer>();
            bus.AddConsumer<NeedClosedConsumer>();
            bus.AddConsumer<UnitJoinedConsumer>();
            bus.AddConsumer<UnitLeftConsumer>();
            bus.AddConsumer<OfferPublishedConsumer>();
            bus.AddConsumer<OfferAvailabilityChangedConsumer>();
            bus.AddConsumer<OfferWithdrawnConsumer>();
            bus.AddConsumer<ResourceBookedConsumer>();
            bus.AddConsumer<BookingReleasedConsumer>();
            bus.AddConsumer<ProjectList.ResourceBookedForProjectConsumer>();
            bus.AddConsumer<ProjectList.ResourceBookingRefusedConsumer>();
            bus.AddConsumer<AgreementSignedConsumer>();
            bus.AddConsumer<AgreementRenewedConsumer>();
            bus.AddConsumer<AgreementEndedConsumer>();
            bus.AddConsumer<ContributionConfirmedConsumer>();
            bus.AddConsumer<ContributionCorrectedConsumer>();
            bus.AddFiguresRequests();
        });
        var services = builder.Services;
        services.AddHostedService<ProjectsSchema>();
        services
            .AddPlatformEventStore(Name, options =>
            {
                options.RegisterEventTypes(typeof(ProjectsService).Assembly);
                options.AddDecider(ProjectDecider.Decider);
                options.AddDecider(CouncilDecider.Decider);
                options.Projections.Add(new ProjectsViewProjection(), ProjectionLifecycle.Inline);
            }, builder.Configuration)
            .AddSubscriptionWithServices<ReadModels.ProjectsFigures>(ServiceLifetime.Singleton)
            .AddOutboxRelay(map => ProjectsIntegrationEvents.Map(map));
        services.AddFiguresPublisher(new FiguresSource(Name, Name, ReadModels.ProjectsFigures.SubscriptionName));
        services.AddDurableTimers<ProjectsTimers>(ProjectsSchema.Name, builder.Configuration.GetSection(ProjectsTimers.SettingsSection));
        services.Configure<MeetingSettings>(builder.Configuration.GetSection(MeetingSettings.Section));
        services.AddSingleton<AgendaDrafting>();
        services.AddSingleton<MeetingQueries>();
        services.AddInbox();
        services.AddAttachments(ReadModels.ProjectsSchema.Name);
        services.AddSingleton<ProjectQueries>();
        services.AddSingleton<ProjectCopies>();
        services.AddProjectsAudit();
        configureServices?.Invoke(services);
        var app = builder.Build();
        app.UsePlatformService();
        app.MapProjectEndpoints();
        app.MapMeetingEndpoints();
        app.MapListCountsEndpoints();
        app.MapProjectsAudit();
        return app;
    }
}
