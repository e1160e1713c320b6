using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventSourcing.Hosting;
using Platform.EventSourcing.Tests.Support;
using Platform.Testing;
using Platform.Kernel.Errors;

namespace Platform.EventSourcing.Tests.Hosting;

/// <summary>
/// Two people acting on the same record at once: the second gets a typed conflict (a 409 at the API), nothing of
/// theirs is written, and the log shows no error for what is an ordinary outcome.
/// </summary>
public sealed class StreamConflictTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IAsyncLifetime
{
    private const string Tenant = "310104";
    private readonly RecordingLoggerProvider logs = new();
    private readonly string schema = "conflict_" + Guid.NewGuid().ToString("N")[..12];
    private IHost host = null!;

    private IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(infrastructure.PostgresConnectionString));
        builder.Services.AddHealthChecks();
        builder.Services.AddPlatformEventStore(schema, options => options.RegisterEventTypes(typeof(ParcelDispatched).Assembly));
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public async Task Given_two_writers_who_read_version_3_When_both_append_Then_the_second_gets_the_typed_conflict_and_no_error_is_logged()
    {
        await StartAsync("parcel-1", 3);
        await using var first = Store.LightweightSession(Tenant);
        await using var second = Store.LightweightSession(Tenant);
        first.Events.Append("parcel-1", 4, Dispatched(4));
        second.Events.Append("parcel-1", 4, Dispatched(40));

        await first.SaveChangesOrConflictAsync();
        var conflict = await Assert.ThrowsAsync<StreamVersionConflictException>(() => second.SaveChangesOrConflictAsync());

        Assert.Equal(("parcel-1", 3L), (conflict.StreamId, conflict.ExpectedVersion));
        Assert.Equal(["SF-1", "SF-2", "SF-3", "SF-4"], await ParcelCodesAsync("parcel-1"));
        Assert.DoesNotContain(logs.Records, record => record.Level >= LogLevel.Error);
        Assert.Contains(logs.Records, record => record is { Category: "Marten", Level: LogLevel.Debug });
    }

    [Fact]
    public async Task Given_appends_to_two_streams_in_one_session_When_the_second_conflicts_Then_neither_is_written()
    {
        await StartAsync("parcel-2", 1);
        await StartAsync("parcel-3", 2);
        await using var session = Store.LightweightSession(Tenant);
        session.Events.Append("parcel-2", 2, Dispatched(2));
        session.Events.Append("parcel-3", 2, Dispatched(2));

        await Assert.ThrowsAsync<StreamVersionConflictException>(() => session.SaveChangesOrConflictAsync());

        Assert.Equal(["SF-1"], await ParcelCodesAsync("parcel-2"));
        Assert.Equal(["SF-1", "SF-2"], await ParcelCodesAsync("parcel-3"));
    }

    [Fact]
    public async Task Given_8_sessions_starting_the_same_stream_at_once_When_they_save_Then_one_wins_and_the_others_are_told_it_exists()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(async writer =>
        {
            await using var session = Store.LightweightSession(Tenant);
            session.Events.StartStream("parcel-race", Dispatched(writer));
            try
            {
                await session.SaveChangesOrConflictAsync();
                return "won";
            }
            catch (StreamAlreadyExistsException exception)
            {
                Assert.Equal("parcel-race", exception.StreamId);
                return "exists";
            }
        }));

        Assert.Equal(1, outcomes.Count(outcome => outcome == "won"));
        Assert.Equal(7, outcomes.Count(outcome => outcome == "exists"));
        Assert.Single(await ParcelCodesAsync("parcel-race"));
        Assert.DoesNotContain(logs.Records, record => record.Level >= LogLevel.Error);
    }

    private static ParcelDispatched Dispatched(int number) => new($"SF-{number}", "浦东新区");

    private async Task StartAsync(string streamId, int events)
    {
        await using var session = Store.LightweightSession(Tenant);
        session.Events.StartStream(streamId, [.. Enumerable.Range(1, events).Select(Dispatched)]);
        await session.SaveChangesOrConflictAsync();
    }

    private async Task<List<string>> ParcelCodesAsync(string streamId)
    {
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.FetchStreamAsync(streamId);
        return [.. events.Select(stored => ((ParcelDispatched)stored.Data).ParcelCode)];
    }
}
