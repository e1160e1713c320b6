namespace Platform.EventStore;

/// <summary>Base of every error the store raises on purpose, so a host can map the whole family at once.</summary>
public abstract class EventStoreException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The stream was appended to since the caller read it: answer 409 with <see cref="CurrentVersion"/>.</summary>
public sealed class WrongExpectedVersionException(string streamId, long expectedVersion, long currentVersion)
    : EventStoreException($"Stream '{streamId}' is at version {currentVersion}, not at the expected version {expectedVersion}.")
{
    public string StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;
    public long CurrentVersion { get; } = currentVersion;
}

/// <summary><c>StartStream</c> named a stream that already exists in the tenant.</summary>
public sealed class StreamAlreadyExistsException(string streamId, long currentVersion)
    : EventStoreException($"Stream '{streamId}' already exists (version {currentVersion}).")
{
    public string StreamId { get; } = streamId;
    public long CurrentVersion { get; } = currentVersion;
}

/// <summary>The stream was archived: it stays readable and verifiable, but takes no more events.</summary>
public sealed class StreamArchivedException(string streamId)
    : EventStoreException($"Stream '{streamId}' is archived and read-only.")
{
    public string StreamId { get; } = streamId;
}

/// <summary>An operation that needs an existing stream (lock, archive) named one the tenant does not have.</summary>
public sealed class StreamNotFoundException(string streamId)
    : EventStoreException($"Stream '{streamId}' does not exist.")
{
    public string StreamId { get; } = streamId;
}

/// <summary>A stored event's type name is neither registered nor upcast to a registered one.</summary>
public sealed class UnknownEventTypeException(string eventType, long sequence)
    : EventStoreException($"Event {sequence} has type '{eventType}', which is not registered (register it, upcast it, or set SkipUnknownEventTypes).")
{
    public string EventType { get; } = eventType;
    public long Sequence { get; } = sequence;
}

/// <summary>An event object of a CLR type that has no registered type name was appended.</summary>
public sealed class UnregisteredEventTypeException(Type clrType)
    : EventStoreException($"{clrType.FullName} has no event type name: mark it with [EventType(\"...\")] or register it.")
{
    public Type ClrType { get; } = clrType;
}
