using JasperFx.Events;
using Marten;
using Platform.Kernel.Errors;

namespace Platform.EventSourcing;

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
            throw new StreamVersionConflictException(stream?.Key ?? conflict.Id?.ToString() ?? "", stream?.ExpectedVersionOnServer ?? -1, null, conflict);
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

    /// <summary>The stream Marten names; when an inline projection's batch raised the conflict, Marten names none, and
    /// the only stream the session appended to is the one.</summary>
    private static StreamAction? ConflictingStream(IDocumentSession session, object? id)
    {
        var streams = session.PendingChanges.Streams().ToList();
        return id is null && streams.Count == 1 ? streams[0] : streams.FirstOrDefault(stream => Equals(stream.Key, id?.ToString()));
    }
}
