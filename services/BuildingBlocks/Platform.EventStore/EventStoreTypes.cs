namespace Platform.EventStore;

/// <summary>
/// A place in the log as the daemon reads it: ordered by the writing transaction's id first, then by sequence, so
/// that events of a transaction that commits late are read after the fence passes it instead of being skipped.
/// </summary>
public readonly record struct LogPosition(ulong TransactionId, long Sequence) : IComparable<LogPosition>
{
    public static LogPosition Start => default;

    public int CompareTo(LogPosition other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;
    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;
    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    public static LogPosition Of(StoredEvent @event) => new(@event.TransactionId, @event.Sequence);
}

/// <summary>A stream's row: its current version is what an HTTP layer returns as the ETag.</summary>
public sealed record StreamState(string StreamId, long Version, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset LastEventAt);

/// <summary>A page of the log across tenants; <see cref="Next"/> is where the following page starts.</summary>
public sealed record LogPage(IReadOnlyList<StoredEvent> Events, LogPosition Next);

/// <summary>Runs in the transaction that appends the events, so the read model it writes commits or fails with them.</summary>
public interface IInlineProjection
{
    Task ApplyAsync(IReadOnlyList<StoredEvent> events, Npgsql.NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
