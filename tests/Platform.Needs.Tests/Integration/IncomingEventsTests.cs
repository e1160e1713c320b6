using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.EventSourcing.Commands;
using Platform.Kernel.Deciding;
using Platform.Needs.Handling;
using ProjectEvents = Platform.Contracts.Projects;
using VolunteerEvents = Platform.Contracts.Volunteers;

namespace Platform.Needs.Tests.Integration;

/// <summary>What the Projects and Volunteers services tell the Needs service, over real RabbitMQ, applied once per message.</summary>
public sealed class IncomingEventsTests : TestInfrastructure
{
    private const string District = "990101";
    private static readonly CommandOrigin Community = new(District, "fumin-staff", "incoming-test");
    private InProcessHost host = null!;
    private string database = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        database = await CreateDatabaseAsync("needs-incoming");
        host = await InProcessHost.StartAsync(NeedsService.Build, new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["ConnectionStrings:RabbitMq"] = RabbitMqUri.ToString(),
            ["Identity:Authority"] = "http://127.0.0.1:9",
        });
    }

    public override async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await base.DisposeAsync();
    }

    private NeedsCommandHandler Commands => host.Application.Services.GetRequiredService<NeedsCommandHandler>();

    private async Task<string> AcceptedNeedAsync(string category, string title)
    {
        var needId = RecordIds.New("N", DateTimeOffset.UtcNow);
        await Commands.RaiseAsync(Community, new RaiseNeed(
            needId, title, "富民街邮电局家属楼居民反映。", category, "normal", new Place("yongchang", "fuminjie", null, null, "邮电局家属楼"),
            new ReporterContact("周晓燕", "13800005123"), null, "resident", null), default);
        await Commands.OnNeedAsync(Community, needId, new AcceptNeed(null), null, _ => { }, default);
        return needId;
    }

    [Fact]
    public async Task A_project_takes_a_need_and_its_completion_resolves_it_once_even_when_redelivered()
    {
        var needId = await AcceptedNeedAsync("parking", "邮电局家属楼停车难");
        var bus = host.Application.Services.GetRequiredService<IBus>();
        var completedId = Guid.NewGuid();

        await bus.Publish(new ProjectEvents.NeedMatchedToProject(District, needId, "p-fmj-parking", "富民街停车场改造", DateTimeOffset.UtcNow),
            context => context.MessageId = Guid.NewGuid());
        await Eventually.HoldsAsync(async () => await StatusAsync(needId) == "in-project", "matched to the project");

        var completed = new ProjectEvents.ProjectCompleted(District, "p-fmj-parking", "富民街停车场改造", [needId, "N-unknown"], "新增车位 60 个", DateTimeOffset.UtcNow);
        await bus.Publish(completed, context => context.MessageId = completedId);
        await bus.Publish(completed, context => context.MessageId = completedId);
        await Eventually.HoldsAsync(async () => await StatusAsync(needId) == "resolved", "resolved by the project");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await CountAsync(needId, "needs.need-resolved.v1"));
    }

    [Fact]
    public async Task A_micro_wish_is_published_claimed_and_fulfilled()
    {
        var needId = await AcceptedNeedAsync("wish", "为独居老人更换厨房灯泡");
        Assert.Equal(1, await CountAsync(needId, "needs.micro-wish-published.v1"));
        var bus = host.Application.Services.GetRequiredService<IBus>();

        await bus.Publish(new VolunteerEvents.MicroWishClaimed(District, needId, "v-fmj-001", "王志强", DateTimeOffset.UtcNow), context => context.MessageId = Guid.NewGuid());
        await Eventually.HoldsAsync(async () => await CountAsync(needId, "needs.micro-wish-claimed.v1") == 1, "claimed");
        await bus.Publish(new VolunteerEvents.MicroWishFulfilled(District, needId, "v-fmj-001", "已上门更换", DateTimeOffset.UtcNow), context => context.MessageId = Guid.NewGuid());

        await Eventually.HoldsAsync(async () => await StatusAsync(needId) == "resolved", "fulfilled");
    }

    private async Task<string?> StatusAsync(string needId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM needs.need_views WHERE need_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = needId });
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<long> CountAsync(string needId, string type)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM needs.mt_events WHERE stream_id = $1 AND type = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Need.StreamId(needId) });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        return (long)(await command.ExecuteScalarAsync())!;
    }

}
