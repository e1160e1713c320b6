using System.Diagnostics;
using MassTransit;
using Npgsql;
using Platform.Messaging.RelayHost;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Messaging.Tests;

/// <summary>The relay's promise under the worst stop there is: SIGKILL in the middle of publishing.</summary>
public sealed class RelayCrashTests(TestInfrastructure infrastructure, ITestOutputHelper output) : IClassFixture<TestInfrastructure>
{
    private const int Streams = 50;
    private const int Rounds = 100;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly Guid LastMessageId = Guid.NewGuid();

    [Fact]
    public async Task A_relay_killed_while_publishing_loses_nothing_and_the_consumer_acts_once_per_event()
    {
        var consumerDatabase = await infrastructure.CreateDatabaseAsync("consumer");
        await using var consumerData = NpgsqlDataSource.Create(consumerDatabase);
        await ParcelLedger.CreateTableAsync(consumerData);
        await using var log = await ParcelEventLog.OpenAsync(infrastructure.PostgresConnectionString);
        var stored = await log.AppendRoundsAsync(Streams, Rounds, (stream, round) => new ParcelDispatched($"SF-{stream}-{round}", "浦东新区"));
        var lastEvent = stored.Max(storedEvent => storedEvent.Sequence);
        var deliveries = new DeliveryLog();
        long positionAtKill;
        int deliveredAtKill;

        await using (var consumer = await ConsumerHost.StartAsync(consumerDatabase, infrastructure.RabbitMqUri, bus => bus.AddConsumer<ParcelLedger>()))
        {
            consumer.Bus().ConnectConsumeObserver(deliveries);
            await using (var relay = StartRelayProcess())
            {
                // The relay's own committed progress decides the moment, not the consumer's deliveries: a consumer
                // behind a fast relay would see a fifth of the events only once the relay had published them all.
                var fifth = stored.OrderBy(storedEvent => storedEvent.Sequence).ElementAt(stored.Count / 5).Sequence;
                await WaitForRelayPositionAsync(log, fifth);
                Kill(relay);
            }
            positionAtKill = await log.RelayPositionAsync();
            deliveredAtKill = deliveries.Count;
            Assert.True(positionAtKill < lastEvent, "The relay had published everything before it was killed; the test proves nothing.");

            await using (StartRelayProcess())
            {
                await Eventually.HoldsAsync(async () => await log.RelayPositionAsync() >= lastEvent, Limit,
                    () => $"The restarted relay did not get past {lastEvent}.");
                // Published after the relay's last confirm, so it queues behind every message the relay sent.
                await WaitForLastMessageAsync(consumer, deliveries);
            }
        } // Stopping the consumer waits for the messages it is still handling.

        var deliveredIds = deliveries.Deliveries.Select(delivery => delivery.MessageId).ToHashSet();
        Assert.Superset(stored.Select(storedEvent => storedEvent.Id).ToHashSet(), deliveredIds);
        var effects = await ParcelLedger.EffectsAsync(consumerData);
        Assert.Equal(stored.Select(storedEvent => storedEvent.Id).Order(), effects.Keys.Where(id => id != LastMessageId).Order());
        Assert.All(effects.Values, count => Assert.Equal(1, count));
        output.WriteLine($"Killed after {deliveredAtKill} deliveries with the relay's progress at {positionAtKill}; " +
            $"{deliveries.Count - 1 - stored.Count} duplicate deliveries of {stored.Count} events.");
    }

    private static async Task WaitForRelayPositionAsync(ParcelEventLog log, long position)
    {
        var deadline = Stopwatch.StartNew();
        while (await log.RelayPositionAsync() < position)
        {
            if (deadline.Elapsed > Limit) throw new TimeoutException($"The relay did not get past {position} in {Limit.TotalSeconds:F0} s.");
            await Task.Delay(5);
        }
    }

    private static async Task WaitForLastMessageAsync(InProcessHost consumer, DeliveryLog deliveries)
    {
        await consumer.Bus().Publish(new RelayHost.Contracts.ParcelDispatched("SF-LAST", "浦东新区", DateTimeOffset.UtcNow),
            context => context.MessageId = LastMessageId);
        await Eventually.HoldsAsync(() => Task.FromResult(deliveries.Deliveries.Any(delivery => delivery.MessageId == LastMessageId)), Limit,
            () => "The last message never arrived.");
    }

    private HostedProcess StartRelayProcess() => HostedProcess.Start(
        ParcelRelayService.Name,
        RepositoryRoot.BuildOutput("tests/Platform.Messaging.RelayHost", "Platform.Messaging.RelayHost"),
        new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = infrastructure.PostgresConnectionString,
            ["ConnectionStrings__RabbitMq"] = infrastructure.RabbitMqUri.ToString(),
            // Small batches commit progress often, so the kill lands between a committed batch and a published one.
            ["Relay__BatchSize"] = "100",
            ["Logging__LogLevel__Default"] = "Warning",
        });

    private static void Kill(HostedProcess relay)
    {
        using var process = Process.GetProcessById(relay.ProcessId);
        process.Kill();
        process.WaitForExit();
    }
}
