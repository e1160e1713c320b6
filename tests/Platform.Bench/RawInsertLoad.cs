using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Bench;

/// <summary>
/// The baseline of the Needs benchmark: what the same PostgreSQL does for the same writers without any service in
/// front, one durable single-row INSERT of the command's JSON per transaction, each on a pooled connection.
/// </summary>
internal sealed class RawInsertLoad(NpgsqlDataSource dataSource)
{
    private const string Table = "bench_raw.raised_needs";

    public async Task CreateTableAsync()
    {
        await using var command = dataSource.CreateCommand(
            $"CREATE SCHEMA bench_raw; CREATE TABLE {Table} (id uuid PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts per second of <paramref name="writers"/> writers inserting one after another for <paramref name="duration"/>.</summary>
    public async Task<double> RunAsync(int writers, TimeSpan duration)
    {
        var counts = new int[writers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await InsertAsync();
                counts[writer]++;
            }
        })));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    private async Task InsertAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"INSERT INTO {Table} (id, body) VALUES ($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = RaiseNeedLoad.BodyJson });
        await command.PrepareAsync();
        await command.ExecuteNonQueryAsync();
    }
}
