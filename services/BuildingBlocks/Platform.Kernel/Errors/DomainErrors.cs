namespace Platform.Kernel.Errors;

// Every host maps these to problem details once (Platform.ServiceDefaults); a domain throws them from its pure
// functions and never thinks about HTTP. Unsealed so that a domain may name its own (an organization rule, say) and
// still be answered the same way.

/// <summary>The request itself is malformed or incomplete (400); nothing was stored. <see cref="Errors"/> holds the
/// messages per field, so one answer lists all of them.</summary>
public class InvalidCommandException(string message, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();
}

/// <summary>The request is well formed but what it refers to is not in a state that allows it (422).</summary>
public class RuleViolationException(string message) : Exception(message);

/// <summary>
/// A command refers, in <see cref="Field"/>, to something that does not exist, is of the wrong kind, or lies outside
/// the caller's scope (422). The request is well formed; what it points at is not there to act on.
/// </summary>
public class InvalidReferenceException(string field, string message) : RuleViolationException(message)
{
    public string Field { get; } = field;
}

/// <summary>What the request names does not exist, or not where the caller may see it (404).</summary>
public class NotFoundException(string message) : Exception(message);

/// <summary>
/// A command was decided on a stream at one version while another writer moved it on (409): the user retries on what
/// is there now. <see cref="CurrentVersion"/> is known when the conflict was seen on reading, unknown when the
/// database saw it on writing.
/// </summary>
public sealed class StreamVersionConflictException(string streamId, long expectedVersion, long? currentVersion, Exception? innerException = null)
    : Exception(currentVersion is { } current
        ? $"Stream '{streamId}' is at version {current}, not at the expected version {expectedVersion}."
        : $"Stream '{streamId}' was changed by another writer after version {expectedVersion}.", innerException)
{
    public string StreamId { get; } = streamId;

    /// <summary>The version the caller decided on (the stream's version before its events).</summary>
    public long ExpectedVersion { get; } = expectedVersion;

    public long? CurrentVersion { get; } = currentVersion;
}

/// <summary>What the command creates exists already (409).</summary>
public class AlreadyExistsException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>A command started a stream under an id that already exists (409).</summary>
public sealed class StreamAlreadyExistsException(string streamId, Exception? innerException = null)
    : AlreadyExistsException($"Stream '{streamId}' already exists.", innerException)
{
    public string StreamId { get; } = streamId;
}
