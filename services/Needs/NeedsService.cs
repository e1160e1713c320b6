using Microsoft.Extensions.Configuration.Json;
using JasperFx.Events.Projections;
using Marten;
using Platform.EventSourcing;
using Platform.EventSourcing.Hosting;
using Platform.Messaging;
using Platform.Needs.Api;
using Platform.Needs.Audit;
using Platform.Needs.Catalogue;
using Platform.Needs.DemoData;
using Platform.Needs.Handling;
using Platform.Needs.Integration;
using Platform.Needs.Open311;
using Platform.Needs.ReadModels;
using Platform.Needs.Timers;
using Platform.ServiceDefaults;

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
            bus.AddConsumer<MicroWishClaimedConsumer>();
            bus.AddConsumer<MicroWishFulfilledConsumer>();
        });
        AddCatalogueDefaults(builder.Configuration);
        var catalogue = builder.Configuration.GetSection(NeedsCatalogue.SectionName).Get<NeedsCatalogue>() ?? new NeedsCatalogue();
        if (catalogue.Problems().ToList() is { Count: > 0 } problems)
            throw new InvalidPlatformConfigurationException($"The needs catalogue is invalid: {string.Join("; ", problems)}.");

        var services = builder.Services;
        services.AddSingleton(catalogue);
        // The schema first: hosted services start in order, and the demo loader and timers need the tables.
        services.AddHostedService<NeedsSchema>();
        services
            .AddPlatformEventStore(Name, options =>
            {
                options.RegisterEventTypes(typeof(NeedsService).Assembly);
                options.Projections.Add(new NeedsViewProjection(), ProjectionLifecycle.Inline);
            }, builder.Configuration)
            .AddSubscriptionWithServices<StatisticsProjection>(ServiceLifetime.Singleton)
            .AddOutboxRelay(map => NeedsIntegrationEvents.Map(map));
        services.AddHostedService<NeedsDemoDataLoader>();
        services.AddInbox();
        services.AddSingleton<NeedsCommands>();
        services.AddOpen311(builder.Configuration);
        services.AddSingleton<NeedsQueries>();
        services.Configure<DeadlineTimerOptions>(builder.Configuration.GetSection(DeadlineTimerOptions.SectionName));
        services.AddSingleton<DeadlineTimers>();
        services.AddHostedService(provider => provider.GetRequiredService<DeadlineTimers>());
        services.MapExceptionProblems(problems => problems
            .Map<InvalidCommandException>(StatusCodes.Status400BadRequest, "请求内容有误", (exception, problem) =>
            {
                if (exception.Errors.Count > 0) problem.Extensions["errors"] = exception.Errors;
            })
            .Map<RuleViolationException>(StatusCodes.Status422UnprocessableEntity, "当前状态不允许此操作")
            .Map<NotFoundException>(StatusCodes.Status404NotFound, "未找到")
            .Map<StreamVersionConflictException>(StatusCodes.Status409Conflict, "数据已被他人修改，请刷新后重试", (exception, problem) =>
            {
                if (exception.CurrentVersion is { } current)
                {
                    problem.Detail = $"记录已更新到第 {current} 版（您看到的是第 {exception.ExpectedVersion} 版）。";
                    problem.Extensions["currentVersion"] = current;
                }
                else problem.Detail = "就在您提交时，他人也修改了这条记录，请刷新后重试。";
            })
            .Map<StreamAlreadyExistsException>(StatusCodes.Status409Conflict, "记录已存在"));

        configureServices?.Invoke(services);
        var app = builder.Build();
        app.UsePlatformService();
        app.MapReportingEndpoints();
        app.MapNeedEndpoints();
        app.MapCaseEndpoints();
        app.MapAuditEndpoints();
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
