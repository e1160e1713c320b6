using JasperFx.Events;
using Marten;

namespace Platform.EventSourcing;

/// <summary>
/// A command decided on a stream at one version while another writer moved it on: the caller answers 409 and the
/// user retries on what is there now. <see cref="CurrentVersion"/> is known when the conflict was seen on reading,
/// and unknown when it was seen by the database on writing.
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

/// <summary>A command started a stream under an id the district already has.</summary>
public sealed class StreamAlreadyExistsException(string streamId, Exception? innerException = null)
    : Exception($"Stream '{streamId}' already exists.", innerException)
{
    public string StreamId { get; } = streamId;
}

public static class StreamConflicts
{
    /// <summary>
    /// Saves the session and turns Marten's optimistic-concurrency failures into the platform's two conflicts, which
    /// every host maps to 409; anything else stays what it was.
    /// </summary>
    public static async Task SaveChangesOrConflictAsync(this IDocumentSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (EventStreamUnexpectedMaxEventIdException conflict)
        {
            var stream = ConflictingStream(session, conflict.Id);
            throw new StreamVersionConflictException(stream?.Key ?? conflict.Id.ToString() ?? "", stream?.ExpectedVersionOnServer ?? -1, null, conflict);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException collision)
        {
            throw new StreamAlreadyExistsException(collision.Id.ToString() ?? "", collision);
        }
        catch (JasperFx.Events.ExistingStreamIdCollisionException collision)
        {
            throw new StreamAlreadyExistsException(collision.Id.ToString() ?? "", collision);
        }
    }

    private static StreamAction? ConflictingStream(IDocumentSession session, object? id) =>
        session.PendingChanges.Streams().FirstOrDefault(stream => Equals(stream.Key, id?.ToString()));
}
