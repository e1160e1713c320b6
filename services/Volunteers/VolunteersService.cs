using JasperFx.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Hosting;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Audit;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Households;
using Platform.Volunteers.Redemption;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;
using Platform.Volunteers.Wishes;
using Platform.EventSourcing.Timers;
using Platform.Messaging;
using Platform.Messaging.Figures;
using Platform.Volunteers.Integration;

namespace Platform.Volunteers;

/// <summary>志愿服务: 双报到 of party members, volunteers and their teams, activities with check-in, and the hours and
/// points ledgers that verified service is credited to, on the platform's kernel.</summary>
public static class VolunteersService
{
    public const string Name = "volunteers";

    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <param name="configureServices">Runs last: tests replace the clock (TimeProvider) here.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = PlatformService.CreateBuilder(Name, args, typeof(VolunteersService).Assembly, bus =>
        {
            bus.AddConsumer<MicroWishPublishedConsumer>();
            bus.AddFiguresRequests();
        });
        var services = builder.Services;
        services.AddHostedService<VolunteersSchema>();
        services
            .AddPlatformEventStore(Name, options =>
            {
                options.RegisterEventTypes(typeof(VolunteersService).Assembly);
                options.AddDecider(VolunteerDecider.Decider);
                options.AddDecider(TeamDecider.Decider);
                options.AddDecider(ActivityDecider.Decider);
                options.AddDecider(WishDecider.Decider);
                options.AddDecider(GiftDecider.Decider);
                options.AddDecider(HouseholdDecider.Decider);
                options.AddDecider(UnitReportDecider.Decider);
                options.Projections.Add(
                    new VolunteersViewProjection(
                        builder.Configuration.GetSection(ServiceRules.Section).Get<ServiceRules>() ?? ServiceRules.Default,
                        builder.Configuration.GetSection(CareRules.Section).Get<CareRules>() ?? CareRules.Default),
                    ProjectionLifecycle.Inline);
            }, builder.Configuration)
            .AddSubscriptionWithServices<ReadModels.VolunteersFigures>(ServiceLifetime.Singleton)
            .AddOutboxRelay(map => VolunteersIntegrationEvents.Map(map));
        services.AddFiguresPublisher(new FiguresSource(Name, Name, ReadModels.VolunteersFigures.SubscriptionName));
        services.AddDurableTimers<VolunteersTimers>(VolunteersSchema.Name, builder.Configuration.GetSection(VolunteersTimers.SettingsSection));
        services.AddInbox();
        services.AddAttachments(VolunteersSchema.Name);
        services.Configure<ServiceRules>(builder.Configuration.GetSection(ServiceRules.Section));
        services.Configure<CareRules>(builder.Configuration.GetSection(CareRules.Section));
        services.AddSingleton<VolunteersQueries>();
        services.AddVolunteersAudit();
        configureServices?.Invoke(services);
        var app = builder.Build();
        app.UsePlatformService();
        app.MapVolunteerEndpoints();
        app.MapTeamEndpoints();
        app.MapActivityEndpoints();
        app.MapWishEndpoints();
        app.MapLedgerEndpoints();
        app.MapHouseholdEndpoints();
        app.MapVolunteersAudit();
        return app;
    }
}
