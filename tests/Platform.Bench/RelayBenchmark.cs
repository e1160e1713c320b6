using System.Diagnostics;
using Marten;
using Marten.Events.Daemon.Coordination;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.EventSourcing.Hosting;
using Platform.Messaging;
using Platform.ServiceDefaults;
using RabbitMQ.Client;

namespace Platform.Bench;

/// <summary>
/// The outbox relay as a service runs it: AddPlatformBus with publisher confirms, AddPlatformEventStore (Marten, its
/// daemon hot/cold) and <c>.AddOutboxRelay(…)</c>, the <see cref="OutboxRelaySubscription"/> with default options.
/// It publishes into a durable queue that nobody consumes meanwhile: the broker must store every message before it
/// confirms it, as it does for a real consumer's queue.
/// </summary>
internal sealed class RelayBenchmark : IAsyncDisposable
{
    public const string Schema = "relay_bench";
    private const string SinkQueue = "bench-relay-sink";
    private static readonly TimeSpan ProgressPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private readonly WebApplication host;
    private readonly Uri rabbitMq;

    private RelayBenchmark(WebApplication host, Uri rabbitMq, int batchSize)
    {
        this.host = host;
        this.rabbitMq = rabbitMq;
        BatchSize = batchSize;
    }

    /// <summary>Events per page the daemon hands the relay (Marten's default subscription options).</summary>
    public int BatchSize { get; }

    private IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();

    public static async Task<RelayBenchmark> StartAsync(string database, Uri rabbitMq)
    {
        var builder = WebApplication.CreateBuilder([
            $"--ConnectionStrings:Postgres={database}",
            $"--ConnectionStrings:RabbitMq={rabbitMq}",
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            // Marten's coordinator keeps its LISTEN connection after the host has stopped (after a pause and resume
            // at least) and warns when the benchmark drops the database at the end; errors still show.
            "--Logging:LogLevel:Marten.Events.Daemon.Coordination.ProjectionCoordinator=Error",
        ]);
        builder.Services.AddSingleton(new ServiceIdentity("bench", "0"));
        builder.AddPlatformPostgres();
        builder.AddPlatformBus("bench");
        var batchSize = 0;
        builder.Services
            .AddPlatformEventStore(Schema, BenchEvents.Register, builder.Configuration)
            .AddOutboxRelay(
                map => map
                    .Publish<NeedRaised>(raised => new Contracts.NeedRaised(raised.NeedId, raised.District, raised.Title, raised.RaisedAt))
                    .Publish<NeedAssigned>(assigned => new Contracts.NeedAssigned(assigned.NeedId, assigned.VolunteerId, assigned.AssignedAt))
                    .Publish<NeedClosed>(closed => new Contracts.NeedClosed(closed.NeedId, closed.Outcome, closed.ClosedAt)),
                relay => batchSize = relay.Options.BatchSize);
        var host = builder.Build();
        await host.StartAsync();

        var bus = host.Services.GetRequiredService<IBusControl>();
        var started = Stopwatch.StartNew();
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (started.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"The bus did not connect: {bus.CheckHealth().Description}");
            await Task.Delay(100);
        }
        var benchmark = new RelayBenchmark(host, rabbitMq, batchSize);
        await benchmark.BindSinkAsync(bus);
        return benchmark;
    }

    /// <summary>
    /// Messages per second from the log to the broker's confirms: the daemon's agents are paused while the events are
    /// appended, and the clock runs from resuming them until the relay has committed its progress past the last
    /// event. The relay keeps each stream in order, so how many streams a page spans
    /// (<paramref name="eventsPerStreamPerTransaction"/>) sets how much it can overlap.
    /// </summary>
    public async Task<Measurement> MeasureAsync(int streams, int eventsPerStream, int eventsPerStreamPerTransaction)
    {
        var coordinator = host.Services.GetRequiredService<IProjectionCoordinator>();

        // Warm-up: the daemon holds the leadership and runs the relay, connections, channels and exchanges exist, and
        // the code is compiled, before the clock starts.
        await EventLoader.AppendAsync(Store, EventLoader.NewNeeds(1000), 5, 1);
        await WaitUntilRelayedAsync(await LastSequenceAsync(), Stopwatch.StartNew());

        await coordinator.PauseAsync();
        var before = await SinkDepthAsync();
        await EventLoader.AppendAsync(Store, EventLoader.NewNeeds(streams), eventsPerStream, eventsPerStreamPerTransaction);
        var last = await LastSequenceAsync();
        var clock = Stopwatch.StartNew();
        await coordinator.ResumeAsync();
        var firstPage = await WaitUntilRelayedAsync(last, clock);
        var elapsed = clock.Elapsed;

        var published = await SinkDepthAsync() - before;
        var events = streams * eventsPerStream;
        if (published != events)
            throw new InvalidOperationException($"The relay got past the last event, but the sink queue holds {published:N0} new messages, not {events:N0}.");
        return new Measurement(events / elapsed.TotalSeconds, firstPage);
    }

    /// <param name="MessagesPerSecond">Every event's message confirmed, over the time from resuming the daemon.</param>
    /// <param name="FirstPage">From resuming the daemon to the relay's first committed page (the agent's start included).</param>
    public sealed record Measurement(double MessagesPerSecond, TimeSpan FirstPage);

    /// <summary>Polls the relay's committed progress until it reaches <paramref name="sequence"/>; returns when it first moved.</summary>
    private async Task<TimeSpan> WaitUntilRelayedAsync(long sequence, Stopwatch clock)
    {
        var start = await RelayPositionAsync();
        TimeSpan? firstPage = null;
        while (true)
        {
            var position = await RelayPositionAsync();
            if (position > start) firstPage ??= clock.Elapsed;
            if (position >= sequence) return firstPage ?? clock.Elapsed;
            if (clock.Elapsed > Limit) throw new TimeoutException($"The relay got to {position:N0} of {sequence:N0} in {Limit}.");
            await Task.Delay(ProgressPoll);
        }
    }

    /// <summary>The last sequence number the relay committed as handled.</summary>
    private async Task<long> RelayPositionAsync()
    {
        var progress = await Store.Advanced.AllProjectionProgress();
        return progress.FirstOrDefault(shard => shard.ShardName.StartsWith(OutboxRelaySubscription.SubscriptionName + ":", StringComparison.Ordinal))?.Sequence ?? 0;
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var command = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"SELECT max(seq_id) FROM {Schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
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

    private async Task<uint> SinkDepthAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(SinkQueue)).MessageCount;
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
