using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.EventSourcing.Hosting;
using Platform.Messaging.RelayHost;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>A consumer that reacts by appending to its own Marten store, in the transaction that holds its inbox row.</summary>
public sealed class ConsumerAppendTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_event_a_consumer_appends_carries_the_correlation_and_actor_and_names_the_message_as_its_cause()
    {
        var (storeDatabase, consumerDatabase, broker) = await OutboxRelayTests.IsolatedAsync(infrastructure);
        await using var consumer = await StartConsumerAsync<ParcelArrivalBook>(consumerDatabase, broker);
        var deliveries = new DeliveryLog();
        consumer.Bus().ConnectConsumeObserver(deliveries);
        await using var log = await ParcelEventLog.OpenAsync(storeDatabase);
        var stored = await log.AppendRoundsAsync(streams: 1, rounds: 1, (_, _) => new ParcelDispatched("SF-9", "黄浦区"),
            _ => new AppendContext("request-81", CausationId: "command-81", Actor: "街道办-王芳"));

        await using var relay = await OutboxRelayTests.StartRelayAsync(storeDatabase, broker);
        await deliveries.WaitForAsync(1, DeliveryLimit);

        var reaction = Assert.Single(await ArrivalEventsAsync(consumer, ParcelEventLog.Tenant, "SF-9"));
        Assert.Equal(new ParcelExpected("SF-9", "黄浦区"), reaction.Data);
        Assert.Equal("request-81", reaction.CorrelationId);
        Assert.Equal(stored[0].Id.ToString(), reaction.CausationId);
        Assert.Equal("街道办-王芳", reaction.UserName);
    }

    [Fact]
    public async Task A_consumer_that_fails_after_appending_leaves_no_event_behind_and_its_retry_appends_once()
    {
        var (_, consumerDatabase, broker) = await OutboxRelayTests.IsolatedAsync(infrastructure);
        await using var consumer = await StartConsumerAsync<ParcelArrivalBookThatFailsOnce>(consumerDatabase, broker);
        var deliveries = new DeliveryLog();
        consumer.Bus().ConnectConsumeObserver(deliveries);
        var messageId = Guid.NewGuid();

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await consumer.Bus().Publish(new RelayHost.Contracts.ParcelDispatched("SF-3003", "长宁区", DateTimeOffset.UtcNow), context =>
            {
                context.MessageId = messageId;
                context.Headers.Set(PlatformHeaders.Tenant, ParcelEventLog.Tenant);
            });
        }
        await deliveries.WaitForAsync(2, DeliveryLimit);

        var reaction = Assert.Single(await ArrivalEventsAsync(consumer, ParcelEventLog.Tenant, "SF-3003"));
        Assert.Equal(1, reaction.Version);
        Assert.Equal(messageId.ToString(), reaction.CausationId);
    }

    private static async Task<IReadOnlyList<JasperFx.Events.IEvent>> ArrivalEventsAsync(InProcessHost consumer, string tenant, string parcelCode)
    {
        var store = consumer.Application.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(tenant);
        return await session.Events.FetchStreamAsync(ParcelArrivalBook.StreamId(parcelCode));
    }

    private static Task<InProcessHost> StartConsumerAsync<TConsumer>(string database, Uri broker) where TConsumer : class, IConsumer =>
        ConsumerHost.StartAsync(database, broker, bus => bus.AddConsumer<TConsumer>(),
            services => services.AddPlatformEventStore(ParcelArrivalBook.Schema, ParcelArrivalBook.ConfigureStore));
}
