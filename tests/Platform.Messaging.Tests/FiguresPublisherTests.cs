using System.Collections.Concurrent;
using MassTransit;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Insights;
using Platform.EventSourcing;
using Platform.Messaging.Figures;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// A service's figures, recounted in a Marten unit of work and sent by the <see cref="FiguresPublisher"/> over
/// RabbitMQ: a changed recount raises the revision and goes out once confirmed, an unchanged one raises nothing, and a
/// request sends everything again.
/// </summary>
public sealed class FiguresPublisherTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private const string Schema = "parcel_figures";
    private const string Tenant = "310104";
    private const string Count = "SELECT jsonb_build_object('parcels.sent', $4::bigint, 'parcels.returned', $5::bigint)";

    [Fact]
    public async Task A_changed_recount_is_sent_under_a_higher_revision_an_unchanged_one_not_at_all_and_a_request_sends_all_again()
    {
        var (storeDatabase, receiverDatabase, broker) = (await infrastructure.CreateDatabaseAsync("figures"),
            await infrastructure.CreateDatabaseAsync("receiver"), await infrastructure.CreateVirtualHostAsync());
        using var store = DocumentStore.For(options =>
        {
            options.Connection(storeDatabase);
            options.UsePlatformEventStore(Schema);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var publisher = await ConsumerHost.StartAsync(storeDatabase, broker, bus => bus.AddFiguresRequests(),
            services => services.AddFiguresPublisher(new FiguresSource("parcels", Schema, "parcel-figures")));
        var received = new ReceivedFigures();
        await using var receiver = await ConsumerHost.StartAsync(receiverDatabase, broker,
            bus => bus.AddConsumer<FiguresReceiver>(), services => services.AddSingleton(received));

        await RecountAsync(store, sent: 3, returned: 0);
        var first = await Eventually.ReachesAsync(() => Task.FromResult(received.Figures.ToList()), all => all.Count > 0, "the first figures sent");
        Assert.Equal(1, first[0].Revision);
        Assert.Equal(3, first[0].Figures["parcels.sent"]);
        Assert.Equal(("徐汇", "c-1", "2026-11"), (first[0].StreetId, first[0].PlaceId, first[0].Period));

        await RecountAsync(store, sent: 3, returned: 0);
        await RecountAsync(store, sent: 5, returned: 1);
        var second = await Eventually.ReachesAsync(() => Task.FromResult(received.Figures.ToList()),
            all => all.Any(figures => figures.Revision == 2), "the changed figures sent");
        Assert.Equal([1, 2], second.Select(figures => figures.Revision).Distinct().Order());
        Assert.Equal(5, second.Single(figures => figures.Revision == 2).Figures["parcels.sent"]);
        Assert.Equal(2, await RevisionAsync(storeDatabase));

        await receiver.Bus().Publish(new FiguresRequested(Tenant, DateTimeOffset.UtcNow));
        await Eventually.HoldsAsync(() => Task.FromResult(received.Figures.Count(figures => figures.Revision == 2) >= 2), "revision 2 sent again on request");
        await Eventually.HoldsAsync(() => Task.FromResult(received.Current.Any(current => current.Source == "parcels")), "the figures' currency reported");
    }

    private static async Task RecountAsync(DocumentStore store, long sent, long returned)
    {
        await using var session = store.LightweightSession(Tenant);
        PlaceFigures.Recount(session, Tenant, "徐汇", "c-1", "2026-11", Count, sent, returned);
        await session.SaveChangesAsync();
    }

    private static async Task<long> RevisionAsync(string database)
    {
        await using var data = NpgsqlDataSource.Create(database);
        await using var command = data.CreateCommand($"SELECT revision FROM {PlaceFigures.Table} WHERE place_id = 'c-1'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public sealed class ReceivedFigures
    {
        public ConcurrentQueue<PlaceFiguresReported> Figures { get; } = new();

        public ConcurrentQueue<FiguresCurrent> Current { get; } = new();
    }

    public sealed class FiguresReceiver(ReceivedFigures received) : IConsumer<PlaceFiguresReported>, IConsumer<FiguresCurrent>
    {
        public Task Consume(ConsumeContext<PlaceFiguresReported> context)
        {
            received.Figures.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<FiguresCurrent> context)
        {
            received.Current.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
