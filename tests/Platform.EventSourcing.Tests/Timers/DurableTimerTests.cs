using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventSourcing.Tests.Support;
using Platform.EventSourcing.Timers;
using Platform.Testing;

namespace Platform.EventSourcing.Tests.Timers;

/// <summary>
/// The kernel's durable timers on real PostgreSQL, with the clock moved by the test: rows that follow what a stream
/// says is running, fired exactly once by any number of workers in the transaction that removes them, and a firing
/// that fails put off with a growing back-off while the others go ahead.
/// </summary>
public sealed class DurableTimerTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IAsyncLifetime
{
    private const string Tenant = MartenTestStore.Tenant;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly AdjustableClock clock = new(Start);
    private readonly DurableTimerOptions options = new() { BatchSize = 10, FirstBackOff = TimeSpan.FromMinutes(1), LongestBackOff = TimeSpan.FromMinutes(5) };
    private MartenTestStore store = null!;

    public async Task InitializeAsync()
    {
        store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString);
        await new DurableTimerSchema(store.Schema, store.DataSource).StartAsync(default);
        await using var command = store.DataSource.CreateCommand($"CREATE TABLE {store.Schema}.fired (stream_id text, timer_key text)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task Given_30_due_timers_When_three_workers_fire_at_once_Then_each_fires_once_with_what_it_appended_and_none_is_left()
    {
        for (var parcel = 1; parcel <= 30; parcel++)
            await SyncAsync($"parcel-{parcel}", new RunningTimer("deliver", "deliver", Start.AddHours(1), new Dictionary<string, string?> { ["round"] = "1" }));
        var handler = new RecordingHandler(store.Schema);
        Assert.Equal(0, await Worker(handler).FireDueAsync(default));

        clock.Advance(TimeSpan.FromMinutes(61));
        var claimed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => DrainAsync(Worker(handler)))));

        Assert.Equal(30, claimed.Sum());
        Assert.Equal(30, handler.Fired.Distinct().Count());
        Assert.Equal(30, handler.Fired.Count);
        Assert.All(handler.Seen, timer => Assert.Equal(("deliver", "1", Start.AddHours(1)), (timer.Kind, timer.Fact("round"), timer.DueAt)));
        Assert.Equal(30, await CountAsync("fired"));
        Assert.Equal(0, await CountAsync(DurableTimers.Table));
    }

    [Fact]
    public async Task Given_a_firing_that_fails_When_the_workers_run_Then_the_others_fire_and_it_is_retried_after_a_growing_back_off()
    {
        await SyncAsync("parcel-bad", new RunningTimer("deliver", "deliver", Start.AddMinutes(5)));
        await SyncAsync("parcel-good", new RunningTimer("deliver", "deliver", Start.AddMinutes(10)));
        var handler = new RecordingHandler(store.Schema) { FailingStream = "parcel-bad" };
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(2, await Worker(handler).FireDueAsync(default));
        Assert.Equal(["parcel-good"], handler.Fired.Select(fired => fired.StreamId));
        Assert.Equal((1, Start.AddMinutes(11), "网点暂时无法接单"), await AttemptOfAsync("parcel-bad"));
        Assert.Equal(1, await CountAsync("fired"));

        // Nothing before the retry is due; then a second failure waits twice as long.
        Assert.Equal(0, await Worker(handler).FireDueAsync(default));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Worker(handler).FireDueAsync(default));
        Assert.Equal((2, Start.AddMinutes(13), "网点暂时无法接单"), await AttemptOfAsync("parcel-bad"));

        handler.FailingStream = null;
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Worker(handler).FireDueAsync(default));
        Assert.Contains(handler.Fired, fired => fired.StreamId == "parcel-bad");
        Assert.Equal(0, await CountAsync(DurableTimers.Table));
    }

    [Fact]
    public async Task Given_a_stream_whose_limits_change_When_synced_Then_new_ones_are_armed_moved_ones_start_afresh_and_ended_ones_are_gone()
    {
        await SyncAsync("parcel-9", new RunningTimer("sign", "sign", Start.AddHours(1)), new RunningTimer("handle", "handle", Start.AddDays(1)));
        var handler = new RecordingHandler(store.Schema) { FailingStream = "parcel-9" };
        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(2, await Worker(handler).FireDueAsync(default));
        Assert.Equal(1, (await AttemptOfAsync("parcel-9", "sign")).Attempts);
        Assert.Equal(1, (await AttemptOfAsync("parcel-9", "handle")).Attempts);

        // The stream moves on: the sign limit ends, the handling limit is moved, and a callback limit starts.
        await SyncAsync("parcel-9", new RunningTimer("handle", "handle", Start.AddDays(2)), new RunningTimer("callback", "callback", Start.AddDays(3)));

        Assert.Equal(["callback", "handle"], await KeysAsync("parcel-9"));
        Assert.Equal((0, Start.AddDays(2), null), await AttemptOfAsync("parcel-9", "handle"));
        Assert.Equal((0, Start.AddDays(3), null), await AttemptOfAsync("parcel-9", "callback"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    [InlineData(40, 5)]
    public void The_back_off_doubles_from_the_first_up_to_the_longest(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), DurableTimerWorker.BackOff(options, failures));

    private DurableTimerWorker Worker(IDueTimerHandler handler) => new(
        store.DataSource, handler, clock, Options.Create(options), new DurableTimerSchema(store.Schema, store.DataSource), NullLogger<DurableTimerWorker>.Instance);

    private static async Task<int> DrainAsync(DurableTimerWorker worker)
    {
        var total = 0;
        for (int claimed; (claimed = await worker.FireDueAsync(default)) > 0;) total += claimed;
        return total;
    }

    private async Task SyncAsync(string streamId, params RunningTimer[] running)
    {
        await using var session = store.OpenSession();
        DurableTimers.Sync(session, store.Schema, Tenant, streamId, running);
        await session.SaveChangesAsync();
    }

    private async Task<long> CountAsync(string table)
    {
        await using var command = store.DataSource.CreateCommand($"SELECT count(*) FROM {store.Schema}.{table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> KeysAsync(string streamId)
    {
        await using var command = store.DataSource.CreateCommand($"SELECT timer_key FROM {store.Schema}.{DurableTimers.Table} WHERE stream_id = $1 ORDER BY timer_key");
        command.Parameters.Add(new() { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }

    private async Task<(int Attempts, DateTimeOffset? NextAt, string? LastError)> AttemptOfAsync(string streamId, string key = "deliver")
    {
        await using var command = store.DataSource.CreateCommand(
            $"SELECT attempts, coalesce(retry_at, due_at), last_error FROM {store.Schema}.{DurableTimers.Table} WHERE stream_id = $1 AND timer_key = $2");
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no timer {key} on {streamId}");
        return (reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1).ToOffset(Start.Offset), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Records each firing, and writes a row in the firing's own transaction, as a service's handler appends.</summary>
    private sealed class RecordingHandler(string schema) : IDueTimerHandler
    {
        public ConcurrentQueue<(string StreamId, string Key)> Fired { get; } = new();
        public ConcurrentQueue<DueTimer> Seen { get; } = new();
        public string? FailingStream { get; set; }

        public async Task<int> FireAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"INSERT INTO {schema}.fired VALUES ($1, $2)", transaction.Connection, transaction)
            {
                Parameters = { new() { Value = timer.StreamId }, new() { Value = timer.Key } },
            };
            await command.ExecuteNonQueryAsync(cancellationToken);
            // Fails after writing, so that a rollback is what keeps the write out.
            if (timer.StreamId == FailingStream) throw new InvalidOperationException("网点暂时无法接单");
            Fired.Enqueue((timer.StreamId, timer.Key));
            Seen.Enqueue(timer);
            return 1;
        }
    }
}
