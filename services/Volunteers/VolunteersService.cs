using JasperFx.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Hosting;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Audit;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;

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
        var builder = PlatformService.CreateBuilder(Name, args, typeof(VolunteersService).Assembly);
        var services = builder.Services;
        services.AddHostedService<VolunteersSchema>();
        services.AddPlatformEventStore(Name, options =>
        {
            options.RegisterEventTypes(typeof(VolunteersService).Assembly);
            options.AddDecider(VolunteerDecider.Decider);
            options.AddDecider(TeamDecider.Decider);
            options.AddDecider(ActivityDecider.Decider);
            options.Projections.Add(new VolunteersViewProjection(), ProjectionLifecycle.Inline);
        }, builder.Configuration);
        services.Configure<ServiceRules>(builder.Configuration.GetSection(ServiceRules.Section));
        services.AddSingleton<VolunteersQueries>();
        services.AddVolunteersAudit();
        configureServices?.Invoke(services);
        var app = builder.Build();
        app.UsePlatformService();
        app.MapVolunteerEndpoints();
        app.MapTeamEndpoints();
        app.MapActivityEndpoints();
        app.MapVolunteersAudit();
        return app;
    }
}
