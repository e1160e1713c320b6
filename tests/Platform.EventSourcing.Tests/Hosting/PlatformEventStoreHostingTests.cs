using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventSourcing.Audit;
using Platform.EventSourcing.Hosting;
using Platform.Testing;

namespace Platform.EventSourcing.Tests.Hosting;

[EventType("hosting.parcel-dispatched.v1")]
public sealed record ParcelDispatched(string ParcelCode, string Destination);

/// <summary>A service host's store, set up by the one registration every service uses.</summary>
public sealed class PlatformEventStoreHostingTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private const string Tenant = "310104";

    [Fact]
    public async Task Given_a_host_with_the_platform_store_When_it_starts_Then_the_schema_chain_names_and_readiness_check_are_in_place()
    {
        var schema = NewSchema();
        using var host = BuildHost(schema);
        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<IDocumentStore>();
            await using (var session = store.LightweightSession(Tenant))
            {
                session.LastModifiedBy = "李四";
                session.Events.StartStream("parcel-1", new ParcelDispatched("SF-1", "浦东新区"));
                await session.SaveChangesAsync();
            }

            await using var dataSource = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
            await using var command = dataSource.CreateCommand($"SELECT type, user_name FROM {schema}.mt_events");
            await using (var reader = await command.ExecuteReaderAsync())
            {
                Assert.True(await reader.ReadAsync());
                Assert.Equal(("hosting.parcel-dispatched.v1", "李四"), (reader.GetString(0), reader.GetString(1)));
            }
            var verification = await new StreamAuditor(store).VerifyStreamAsync(Tenant, "parcel-1");
            Assert.True(verification is { IsIntact: true, EventsChecked: 1 });

            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Contains("event-daemon", health.Entries.Keys);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Given_a_later_configuration_that_switches_to_rich_append_When_the_host_starts_Then_it_refuses()
    {
        using var host = BuildHost(NewSchema(), services => services.ConfigureMarten(options => options.Events.AppendMode = EventAppendMode.Rich));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("quick append", refusal.Message);
    }

    private IHost BuildHost(string schema, Action<IServiceCollection>? more = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(infrastructure.PostgresConnectionString));
        builder.Services.AddHealthChecks();
        builder.Services.AddPlatformEventStore(schema, options => options.RegisterEventTypes(typeof(ParcelDispatched).Assembly));
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    private static string NewSchema() => "host_" + Guid.NewGuid().ToString("N")[..12];
}
