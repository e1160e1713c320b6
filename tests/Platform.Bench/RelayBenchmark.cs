using System.Diagnostics;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Messaging;
using Platform.ServiceDefaults;
using RabbitMQ.Client;

namespace Platform.Bench;

/// <summary>
/// STILL ON THE OLD STORE (Platform.EventStore) until the outbox relay runs as a Marten subscription.
/// The outbox relay as a service runs it (AddPlatformBus with publisher confirms, AddEventStore, AddOutboxRelay),
/// publishing into a durable queue that nobody consumes meanwhile: the broker must store every message before it
/// confirms it, as it does for a real consumer's queue.
/// </summary>
internal sealed class RelayBenchmark : IAsyncDisposable
{
    private const string SinkQueue = "bench-relay-sink";

    private readonly WebApplication host;
    private readonly Uri rabbitMq;

    private RelayBenchmark(WebApplication host, Uri rabbitMq)
    {
        this.host = host;
        this.rabbitMq = rabbitMq;
    }

    public static async Task<RelayBenchmark> StartAsync(string database, Uri rabbitMq)
    {
        var builder = WebApplication.CreateBuilder([
            $"--ConnectionStrings:Postgres={database}",
            $"--ConnectionStrings:RabbitMq={rabbitMq}",
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
        ]);
        builder.Services.AddSingleton(new ServiceIdentity("bench", "0"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformPostgres();
        builder.AddPlatformBus("bench");
        builder.Services.AddEventStore(options =>
        {
            options.Schema = "relay_bench";
            options.RunDaemon = false;
            BenchEvents.Register(options);
        });
        builder.Services.AddOutboxRelay(map => map
            .Publish<NeedRaised>(raised => new Contracts.NeedRaised(raised.NeedId, raised.District, raised.Title, raised.RaisedAt))
            .Publish<NeedAssigned>(assigned => new Contracts.NeedAssigned(assigned.NeedId, assigned.VolunteerId, assigned.AssignedAt))
            .Publish<NeedClosed>(closed => new Contracts.NeedClosed(closed.NeedId, closed.Outcome, closed.ClosedAt)));
        var host = builder.Build();
        await host.StartAsync();

        var bus = host.Services.GetRequiredService<IBusControl>();
        var started = Stopwatch.StartNew();
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (started.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"The bus did not connect: {bus.CheckHealth().Description}");
            await Task.Delay(100);
        }
        var benchmark = new RelayBenchmark(host, rabbitMq);
        await benchmark.BindSinkAsync(bus);
        return benchmark;
    }

    /// <summary>Messages per second from the log to the broker's confirms. The relay keeps each stream in order, so
    /// how many streams a batch spans (<paramref name="eventsPerStreamPerTransaction"/>) sets how much it can overlap.</summary>
    public async Task<double> MeasureAsync(int streams, int eventsPerStream, int eventsPerStreamPerTransaction)
    {
        var store = host.Services.GetRequiredService<EventStoreClient>();
        var daemon = host.Services.GetRequiredService<ProjectionDaemon>();

        // Warm-up: connections, channels and exchanges exist, and the code is compiled, before the clock starts.
        await LoadAsync(store, EventLoader.NewNeeds(1000), 5, 1);
        await daemon.CatchUpAsync();

        await LoadAsync(store, EventLoader.NewNeeds(streams), eventsPerStream, eventsPerStreamPerTransaction);
        var clock = Stopwatch.StartNew();
        var result = (await daemon.CatchUpAsync()).Single(catchUp => catchUp.Subscription == OutboxRelay.SubscriptionName);
        var elapsed = clock.Elapsed;
        if (result.Outcome != CatchUpOutcome.CaughtUp || result.EventsProcessed != streams * eventsPerStream)
            throw new InvalidOperationException($"The relay did not publish every event: {result}.");
        return result.EventsProcessed / elapsed.TotalSeconds;
    }

    /// <summary>The old store's batch append: a thousand streams per transaction, a few events of each.</summary>
    private static async Task LoadAsync(EventStoreClient store, IReadOnlyList<Guid> needs, int eventsPerStream, int eventsPerStreamPerTransaction)
    {
        await Parallel.ForEachAsync(needs.Chunk(EventLoader.StreamsPerTransaction), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (chunk, cancellationToken) =>
        {
            for (var version = 0; version < eventsPerStream; version += eventsPerStreamPerTransaction)
            {
                await using var session = store.OpenSession(BenchEvents.Tenant, BenchEvents.Metadata);
                var count = Math.Min(eventsPerStreamPerTransaction, eventsPerStream - version);
                foreach (var need in chunk) session.Append(EventLoader.StreamId(need), version, BenchEvents.Events(need, version, count));
                await session.SaveChangesAsync(cancellationToken);
            }
        });
    }

    /// <summary>A durable queue bound to the exchange of each message type the relay publishes, as a consumer's would be.</summary>
    private async Task BindSinkAsync(IBus bus)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(SinkQueue, durable: true, exclusive: false, autoDelete: false);
        foreach (var messageType in new[] { typeof(Contracts.NeedRaised), typeof(Contracts.NeedAssigned), typeof(Contracts.NeedClosed) })
        {
            if (!bus.Topology.TryGetPublishAddress(messageType, out var address))
                throw new InvalidOperationException($"MassTransit has no publish address for {messageType.Name}.");
            var exchange = Uri.UnescapeDataString(address.Segments[^1]);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(SinkQueue, exchange, routingKey: "");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync(SinkQueue);
        }
        await host.StopAsync();
        await host.DisposeAsync();
    }
}
