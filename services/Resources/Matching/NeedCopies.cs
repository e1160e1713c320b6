using MassTransit;
using Npgsql;
using Platform.Messaging;
using Needs = Platform.Contracts.Needs;

namespace Platform.Resources.Matching;

/// <summary>
/// What Resources knows of needs: only what the Needs service published (no reporter, no description), kept in its
/// own table to match offers against. A need is open to matching once accepted and until it is resolved, declined or
/// closed; a reopened need is open again. Messages may arrive out of order: a later state is never overwritten by an
/// earlier one (the rank of each state decides).
/// </summary>
public static class NeedCopies
{
    public const string Table = $"{ReadModels.ResourcesSchema.Name}.need_copies";

    public const string Raised = "raised";
    public const string Accepted = "accepted";
    public const string Done = "done";

    public static string Ddl => $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            tenant_id text NOT NULL,
            need_id text NOT NULL,
            title text,
            category text,
            street_id text,
            community_id text,
            status text NOT NULL,
            changed_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, need_id));
        """;

    /// <summary>Records a need's facts (from <c>NeedRaised</c>) without touching a status a later message set.</summary>
    internal static async Task RecordRaisedAsync(NpgsqlTransaction transaction, Needs.NeedRaised raised, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table} (tenant_id, need_id, title, category, street_id, community_id, status, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, '{Raised}', $7)
            ON CONFLICT (tenant_id, need_id) DO UPDATE SET
                title = excluded.title, category = excluded.category, street_id = excluded.street_id, community_id = excluded.community_id
            """, transaction.Connection, transaction);
        foreach (var value in new object[] { raised.DistrictCode, raised.NeedId, raised.Title, raised.Category, raised.Place.StreetId, raised.Place.CommunityId, raised.RaisedAt })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Moves a need to <paramref name="status"/> as of <paramref name="at"/>, unless a later message already moved it.</summary>
    internal static async Task RecordStatusAsync(
        NpgsqlTransaction transaction, string tenantId, string needId, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table} (tenant_id, need_id, status, changed_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, need_id) DO UPDATE SET status = excluded.status, changed_at = excluded.changed_at
            WHERE {Table}.status = '{Raised}' OR {Table}.changed_at <= excluded.changed_at
            """, transaction.Connection, transaction);
        foreach (var value in new object[] { tenantId, needId, status, at }) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<(NeedToMatch Need, string Status)?> FindAsync(NpgsqlDataSource dataSource, string tenantId, string needId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT title, category, street_id, community_id, status FROM {Table} WHERE tenant_id = $1 AND need_id = $2 AND category IS NOT NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = needId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (new NeedToMatch(needId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)), reader.GetString(4));
    }
}

public sealed class NeedRaisedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<Needs.NeedRaised>(dataSource)
{
    protected override Task ConsumeOnceAsync(ConsumeContext<Needs.NeedRaised> context, NpgsqlTransaction transaction) =>
        NeedCopies.RecordRaisedAsync(transaction, context.Message, context.CancellationToken);
}

/// <summary>Moves the copy of a need to the status a message of the Needs service means.</summary>
public abstract class NeedStatusConsumer<TMessage>(NpgsqlDataSource dataSource, Func<TMessage, (string DistrictCode, string NeedId, DateTimeOffset At)> read, string status)
    : IdempotentConsumer<TMessage>(dataSource) where TMessage : class
{
    protected override Task ConsumeOnceAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction)
    {
        var (districtCode, needId, at) = read(context.Message);
        return NeedCopies.RecordStatusAsync(transaction, districtCode, needId, status, at, context.CancellationToken);
    }
}

public sealed class NeedAcceptedConsumer(NpgsqlDataSource dataSource)
    : NeedStatusConsumer<Needs.NeedAccepted>(dataSource, message => (message.DistrictCode, message.NeedId, message.AcceptedAt), NeedCopies.Accepted);

public sealed class NeedReopenedConsumer(NpgsqlDataSource dataSource)
    : NeedStatusConsumer<Needs.NeedReopened>(dataSource, message => (message.DistrictCode, message.NeedId, message.ReopenedAt), NeedCopies.Accepted);

public sealed class NeedResolvedConsumer(NpgsqlDataSource dataSource)
    : NeedStatusConsumer<Needs.NeedResolved>(dataSource, message => (message.DistrictCode, message.NeedId, message.ResolvedAt), NeedCopies.Done);

public sealed class NeedDeclinedConsumer(NpgsqlDataSource dataSource)
    : NeedStatusConsumer<Needs.NeedDeclined>(dataSource, message => (message.DistrictCode, message.NeedId, message.DeclinedAt), NeedCopies.Done);

public sealed class NeedClosedConsumer(NpgsqlDataSource dataSource)
    : NeedStatusConsumer<Needs.NeedClosed>(dataSource, message => (message.DistrictCode, message.NeedId, message.ClosedAt), NeedCopies.Done);
