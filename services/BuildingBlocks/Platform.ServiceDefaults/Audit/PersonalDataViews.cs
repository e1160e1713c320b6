using Microsoft.AspNetCore.Http;
using Marten;
using Platform.Authorization;
using Platform.EventSourcing.Audit;

namespace Platform.ServiceDefaults.Audit;

public static class PersonalDataViews
{
    /// <summary>
    /// Records, in the service's own event store and under the request's correlation, that the caller saw the
    /// <paramref name="fields"/> of a person unmasked: the access log auditors read.
    /// </summary>
    /// <param name="subjectName">What the record is called, with personal data already masked.</param>
    public static async Task RecordUnmaskedViewAsync(
        this IDocumentStore store, HttpContext http, PlatformUser user, string subjectKind, string subjectId, string subjectName,
        IReadOnlyList<string> fields, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clock);
        await using var session = store.LightweightSession(user.DistrictCode);
        session.CorrelationId = CommandRequests.CorrelationId(http);
        session.LastModifiedBy = user.UserId;
        session.RecordView(new PersonalDataViewed(
            user.UserId, user.DisplayName, user.Role.Code(), subjectKind, subjectId, subjectName, fields, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
    }
}
