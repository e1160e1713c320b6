using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.EventSourcing.Hosting;

/// <summary>
/// Marten's own logging, except that an optimistic-concurrency conflict is not an error: two people acting on the
/// same need at once is ordinary, the loser gets a 409, and an error line per 409 would bury the real failures.
/// Those go to Debug; every other failure is logged by Marten's logger as before.
/// </summary>
internal sealed class PlatformMartenLogger(IMartenLogger inner, ILogger logger) : IMartenLogger
{
    /// <summary>Marten's quick-append function raises this when a stream is not at the version the writer expected.</summary>
    private const string StreamVersionMismatch = "MT003";

    public IMartenSessionLogger StartSession(IQuerySession session) => new SessionLogger(inner.StartSession(session), logger);

    public void SchemaChange(string sql) => inner.SchemaChange(sql);

    /// <summary>A version mismatch on append, or a second writer starting a stream or appending the same version.</summary>
    internal static bool IsConcurrencyConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is JasperFx.Events.EventStreamUnexpectedMaxEventIdException
                or JasperFx.Events.ExistingStreamIdCollisionException
                or Marten.Exceptions.ExistingStreamIdCollisionException) return true;
            if (current is PostgresException postgres &&
                (postgres.SqlState == StreamVersionMismatch ||
                 postgres.SqlState == PostgresErrorCodes.UniqueViolation && postgres.TableName is "mt_streams" or "mt_events")) return true;
        }
        return false;
    }

    private sealed class SessionLogger(IMartenSessionLogger inner, ILogger logger) : IMartenSessionLogger
    {
        public void LogSuccess(NpgsqlCommand command) => inner.LogSuccess(command);

        public void LogSuccess(NpgsqlBatch batch) => inner.LogSuccess(batch);

        public void LogFailure(NpgsqlCommand command, Exception ex)
        {
            if (IsConcurrencyConflict(ex)) LogConflict(ex);
            else inner.LogFailure(command, ex);
        }

        public void LogFailure(NpgsqlBatch batch, Exception ex)
        {
            if (IsConcurrencyConflict(ex)) LogConflict(ex);
            else inner.LogFailure(batch, ex);
        }

        public void LogFailure(Exception ex, string message)
        {
            if (IsConcurrencyConflict(ex)) LogConflict(ex);
            else inner.LogFailure(ex, message);
        }

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) => inner.RecordSavedChanges(session, commit);

        public void OnBeforeExecute(NpgsqlCommand command) => inner.OnBeforeExecute(command);

        public void OnBeforeExecute(NpgsqlBatch batch) => inner.OnBeforeExecute(batch);

        private void LogConflict(Exception exception) =>
            logger.LogDebug(exception, "A concurrent writer changed the stream first; the caller answers 409.");
    }
}
