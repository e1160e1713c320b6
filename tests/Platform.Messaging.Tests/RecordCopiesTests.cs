using Npgsql;
using Platform.Messaging.Copies;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// Copies of another service's records on real PostgreSQL: whatever order the messages arrive in, and however often,
/// the copy ends as the latest message left it: a stage never goes back, the introduction never overwrites a stage,
/// and a change of some facts that overtook the introduction survives it.
/// </summary>
public sealed class RecordCopiesTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IAsyncLifetime
{
    private sealed record Offer(string Title, decimal CapacityAmount, string Until);

    private static readonly RecordCopies<Offer> Offers = new("copies_test.copied_offers", "published");
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));
    private NpgsqlDataSource database = null!;

    public async Task InitializeAsync()
    {
        database = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        await using var command = database.CreateCommand($"CREATE SCHEMA IF NOT EXISTS copies_test; {Offers.Ddl}");
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private async Task InTransactionAsync(Func<NpgsqlTransaction, Task> write)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await write(transaction);
        await transaction.CommitAsync();
    }

    private Task IntroduceAsync(string id, DateTimeOffset at) => InTransactionAsync(transaction =>
        Offers.RecordFactsAsync(transaction, new CopiedFacts<Offer>("990101", id, new Offer("助老陪诊", 3, "2027-03-01"), "yongchang", "yongxinglu", at), default));

    [Fact]
    public async Task A_stage_that_arrives_before_the_introduction_stands_and_the_copy_is_usable_only_once_introduced()
    {
        await InTransactionAsync(transaction => Offers.RecordStatusAsync(transaction, "990101", "R1", "withdrawn", T0.AddHours(2), default));
        Assert.Null(await Offers.FindAsync(database, "990101", "R1", default));

        await IntroduceAsync("R1", T0);

        var copy = await Offers.FindAsync(database, "990101", "R1", default);
        Assert.Equal(("withdrawn", "助老陪诊", "yongxinglu"), (copy!.Status, copy.Facts.Title, copy.CommunityId));
    }

    [Fact]
    public async Task An_earlier_stage_arriving_late_does_not_undo_a_later_one_and_a_redelivery_changes_nothing()
    {
        await IntroduceAsync("R2", T0);
        await InTransactionAsync(transaction => Offers.RecordStatusAsync(transaction, "990101", "R2", "withdrawn", T0.AddHours(3), default));
        await InTransactionAsync(transaction => Offers.RecordStatusAsync(transaction, "990101", "R2", "published", T0.AddHours(1), default));
        await IntroduceAsync("R2", T0);

        Assert.Equal("withdrawn", (await Offers.FindAsync(database, "990101", "R2", default))!.Status);
        Assert.Empty(await Offers.ListAsync(database, "990101", "published", null, "yongxinglu", 10, default));
    }

    [Fact]
    public async Task A_change_of_some_facts_that_overtook_the_introduction_survives_it_and_an_older_change_does_not_win()
    {
        await InTransactionAsync(transaction => Offers.RecordChangedFactsAsync(transaction, "990101", "R3", new { CapacityAmount = 5m, Until = "2027-06-30" }, T0.AddDays(2), default));
        await IntroduceAsync("R3", T0);
        await InTransactionAsync(transaction => Offers.RecordChangedFactsAsync(transaction, "990101", "R3", new { CapacityAmount = 4m }, T0.AddDays(1), default));

        var copy = await Offers.FindAsync(database, "990101", "R3", default);
        Assert.Equal(new Offer("助老陪诊", 5, "2027-06-30"), copy!.Facts);
        Assert.Equal("published", copy.Status);
    }
}
