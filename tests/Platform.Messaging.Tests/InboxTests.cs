using MassTransit;
using Npgsql;
using Platform.Messaging.RelayHost.Contracts;
using Platform.Testing;

namespace Platform.Messaging.Tests;

public sealed class InboxTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IAsyncLifetime
{
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(30);
    private NpgsqlDataSource database = null!;

    public async Task InitializeAsync()
    {
        database = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        await InboxSchema.ApplyAsync(database);
        await ParcelLedger.CreateTableAsync(database);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_message_delivered_twice_takes_effect_once()
    {
        await using var host = await ConsumerHost.StartAsync(
            infrastructure.PostgresConnectionString, await infrastructure.CreateVirtualHostAsync(), bus => bus.AddConsumer<ParcelLedger>());
        var deliveries = new DeliveryLog();
        host.Bus().ConnectConsumeObserver(deliveries);
        var messageId = Guid.NewGuid();

        await host.Bus().Publish(Dispatched("SF-1001"), context => context.MessageId = messageId);
        await host.Bus().Publish(Dispatched("SF-1001"), context => context.MessageId = messageId);
        await deliveries.WaitForAsync(2, DeliveryLimit);

        Assert.Equal(1, await ParcelLedger.EffectsOfAsync(database, messageId));
    }

    [Fact]
    public async Task A_consumer_that_fails_after_writing_its_effect_leaves_nothing_behind_for_the_retry()
    {
        await using var host = await ConsumerHost.StartAsync(
            infrastructure.PostgresConnectionString, await infrastructure.CreateVirtualHostAsync(), bus => bus.AddConsumer<ParcelLedgerThatFailsOnce>());
        var deliveries = new DeliveryLog();
        host.Bus().ConnectConsumeObserver(deliveries);
        var messageId = Guid.NewGuid();

        await host.Bus().Publish(Dispatched("SF-2002"), context => context.MessageId = messageId);
        await deliveries.WaitForAsync(1, DeliveryLimit);

        Assert.Equal(1, await ParcelLedger.EffectsOfAsync(database, messageId));
    }

    [Fact]
    public async Task A_message_is_recorded_once_per_consumer()
    {
        var messageId = Guid.NewGuid();

        Assert.True(await RecordInOwnTransactionAsync("needs-projection", messageId));
        Assert.False(await RecordInOwnTransactionAsync("needs-projection", messageId));
        Assert.True(await RecordInOwnTransactionAsync("volunteer-matching", messageId));
    }

    [Fact]
    public async Task A_concurrent_delivery_waits_for_the_first_and_is_refused_when_the_first_commits()
    {
        var messageId = Guid.NewGuid();
        await using var first = await BeginAsync();
        Assert.True(await Inbox.TryRecordAsync("needs-projection", messageId, first));

        var second = RecordInOwnTransactionAsync("needs-projection", messageId);
        await WaitUntilBlockedOnALockAsync();
        await first.CommitAsync();

        Assert.False(await second);
    }

    [Fact]
    public async Task A_concurrent_delivery_waits_for_the_first_and_is_accepted_when_the_first_rolls_back()
    {
        var messageId = Guid.NewGuid();
        await using var first = await BeginAsync();
        Assert.True(await Inbox.TryRecordAsync("needs-projection", messageId, first));

        var second = RecordInOwnTransactionAsync("needs-projection", messageId);
        await WaitUntilBlockedOnALockAsync();
        await first.RollbackAsync();

        Assert.True(await second);
    }

    [Fact]
    public async Task A_message_without_a_usable_id_or_consumer_name_is_refused()
    {
        await using var transaction = await BeginAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Inbox.TryRecordAsync("needs-projection", Guid.Empty, transaction));
        await Assert.ThrowsAsync<ArgumentException>(() => Inbox.TryRecordAsync(" ", Guid.NewGuid(), transaction));
    }

    [Fact]
    public async Task Applying_the_schema_again_changes_nothing()
    {
        var messageId = Guid.NewGuid();
        Assert.True(await RecordInOwnTransactionAsync("needs-projection", messageId));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => InboxSchema.ApplyAsync(database)));

        Assert.False(await RecordInOwnTransactionAsync("needs-projection", messageId));
    }

    private static ParcelDispatched Dispatched(string parcelCode) => new(parcelCode, "徐汇区", DateTimeOffset.UtcNow);

    private async Task<NpgsqlTransaction> BeginAsync()
    {
        var connection = await database.OpenConnectionAsync();
        return await connection.BeginTransactionAsync();
    }

    private async Task<bool> RecordInOwnTransactionAsync(string consumerName, Guid messageId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var recorded = await Inbox.TryRecordAsync(consumerName, messageId, transaction);
        await transaction.CommitAsync();
        return recorded;
    }

    private Task WaitUntilBlockedOnALockAsync() =>
        Eventually.HoldsAsync(
            async () =>
            {
                await using var command = database.CreateCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
                return (long)(await command.ExecuteScalarAsync())! > 0;
            },
            TimeSpan.FromSeconds(10),
            () => "The second transaction never waited for the first.");
}
