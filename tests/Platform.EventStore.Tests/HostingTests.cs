using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.EventStore.Tests.Support;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class HostingTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    [Fact]
    public async Task Given_a_host_with_AddEventStore_When_it_starts_Then_the_schema_is_migrated_and_the_daemon_feeds_the_registered_subscription()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(NpgsqlDataSource.Create(infrastructure.PostgresConnectionString));
        builder.Services.AddEventStore(options =>
        {
            options.Schema = "hosted";
            options.EventTypes.RegisterAll(typeof(CaseOpened).Assembly);
            options.DaemonPollingInterval = TimeSpan.FromMilliseconds(20);
        });
        builder.Services.AddSingleton(new RecordingSubscription("hosted-relay"));
        builder.Services.AddEventSubscription<RecordingSubscription>();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            await using var session = host.Services.GetRequiredService<EventStoreClient>().OpenSession(TestStore.Tenant);
            session.StartStream("case-1", new CaseOpened("托管", "310101"));
            var appended = await session.SaveChangesAsync();
            var subscription = host.Services.GetRequiredService<RecordingSubscription>();
            await EventuallyAsync(() => subscription.Handled.Count > 0);
            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            Assert.Equal(appended, subscription.Handled);
            Assert.Equal(HealthStatus.Healthy, health.Status);
            Assert.Contains("eventstore", health.Entries.Keys);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Waits for the background daemon; the limit only bounds a failing test, it asserts nothing about speed.</summary>
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }
}
