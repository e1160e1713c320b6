using Npgsql;

namespace Platform.EventStore;

/// <summary>One events row as selected by <see cref="EventStoreSql"/>, before its data is deserialized.</summary>
internal readonly record struct EventRow(
    long Sequence, Guid Id, string TenantId, string StreamId, long Version, string EventType, string Data,
    EventMetadata Metadata, DateTimeOffset Timestamp, ulong TransactionId, string Hash)
{
    public LogPosition Position => new(TransactionId, Sequence);

    private static readonly EventMetadata NoMetadata = new();

    public static EventRow Read(NpgsqlDataReader reader)
    {
        var correlationId = reader.IsDBNull(7) ? null : reader.GetString(7);
        var causationId = reader.IsDBNull(8) ? null : reader.GetString(8);
        var actor = reader.IsDBNull(9) ? null : reader.GetString(9);
        return new EventRow(
            reader.GetInt64(0),
            reader.GetGuid(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetInt64(4),
            reader.GetString(5),
            reader.GetString(6),
            correlationId is null && causationId is null && actor is null ? NoMetadata : new EventMetadata(correlationId, causationId, actor),
            reader.GetFieldValue<DateTimeOffset>(10),
            reader.GetFieldValue<ulong>(11),
            reader.GetString(12));
    }

    /// <summary>The stored event with its data deserialized (and upcast), or with the JSON text itself when
    /// <paramref name="deserialize"/> is false; null when its type is unknown and the store skips unknown types.</summary>
    public StoredEvent? ToStoredEvent(EventStoreOptions options, bool deserialize = true)
    {
        var data = deserialize
            ? options.EventTypes.Deserialize(EventType, Data, Sequence, options.SerializerOptions, options.SkipUnknownEventTypes)
            : Data;
        return data is null
            ? null
            : new StoredEvent(Id, Sequence, StreamId, Version, EventType, data, Metadata, TenantId, TransactionId, Timestamp, Hash);
    }
}
