using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore;

/// <summary>
/// The event store of one service database: opens tenant-scoped sessions to append and read, and gives the
/// cross-tenant <see cref="Admin"/> operations to the daemon and operators. One instance per data source (a singleton).
/// </summary>
public sealed class EventStoreClient
{
    public EventStoreClient(NpgsqlDataSource dataSource, EventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        DataSource = dataSource;
        Options = options;
        Sql = new EventStoreSql(options.Schema);
        Admin = new EventStoreAdmin(this);
    }

    public EventStoreOptions Options { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Operations that span tenants or concern the store itself; they say so in their names.</summary>
    public EventStoreAdmin Admin { get; }

    internal EventStoreSql Sql { get; }

    /// <summary>A unit of work for one tenant: its reads see only that tenant's streams, its appends write to them.</summary>
    public EventSession OpenSession(string tenantId, EventMetadata? metadata = null) =>
        new(this, ValidTenant(tenantId), metadata ?? new EventMetadata(), externalTransaction: null);

    /// <summary>
    /// A session that works inside <paramref name="transaction"/>: it reads and appends there, and
    /// <see cref="EventSession.SaveChangesAsync"/> leaves the commit to the caller, who may write its own tables too.
    /// </summary>
    public EventSession OpenSession(string tenantId, NpgsqlTransaction transaction, EventMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Connection is null) throw new ArgumentException("The transaction has already completed.", nameof(transaction));
        return new EventSession(this, ValidTenant(tenantId), metadata ?? new EventMetadata(), transaction);
    }

    /// <summary>Creates or upgrades the schema; <c>AddEventStore</c> runs it at start-up.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        new EventStoreMigrator(DataSource, Options).MigrateAsync(cancellationToken);

    private static string ValidTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return tenantId;
    }

    internal static NpgsqlParameter Parameter(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
