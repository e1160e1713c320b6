using Marten;

namespace Platform.EventSourcing.Audit;

/// <summary>
/// Someone saw a person's personal data unmasked: a reporter, a unit's contact, a volunteer. Every service records it
/// in this one shape, so an auditor asks one question everywhere: who looked at whom, when, and at which fields.
/// </summary>
/// <param name="ViewerName">Who looked, as people call them, so that an auditor reads a name and not an account.</param>
/// <param name="SubjectKind">What the person was found under (need, community, volunteer …).</param>
/// <param name="SubjectName">What that record is called (a need's title, a unit's name), with personal data masked.</param>
/// <param name="Fields">The fields shown unmasked, as the API names them (reporter.name, contact.phone …).</param>
[EventType("audit.personal-data-viewed.v1")]
public sealed record PersonalDataViewed(
    string ViewerId, string ViewerName, string ViewerRole, string SubjectKind, string SubjectId, string SubjectName, IReadOnlyList<string> Fields,
    DateTimeOffset ViewedAt);

/// <summary>
/// The access log: one stream per district and day (UTC), appended to without an expected version, because many
/// people view at once and a view must never fail on a conflict. Its events are hash-chained like any other.
/// </summary>
public static class PersonalDataAccessLog
{
    /// <summary>The longest span one question may cover, so that a careless query cannot read a year of streams.</summary>
    public const int MaxDays = 31;

    public static string StreamId(string tenantId, DateOnly day) => $"personal-data-access-{tenantId}-{day:yyyyMMdd}";

    /// <summary>Adds the view to the session's unit of work; the caller saves it (with whatever else it writes).</summary>
    public static void RecordView(this IDocumentSession session, PersonalDataViewed viewed)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(viewed);
        session.Events.Append(StreamId(session.TenantId, DateOnly.FromDateTime(viewed.ViewedAt.UtcDateTime)), viewed);
    }

    /// <summary>The views recorded on the days from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest
    /// first, optionally only those of one subject.</summary>
    public static async Task<IReadOnlyList<PersonalDataViewed>> ReadAsync(
        StreamAuditor auditor, string tenantId, DateOnly from, DateOnly to, string? subjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditor);
        if (to < from) throw new ArgumentException("The span ends before it starts.", nameof(to));
        if (to.DayNumber - from.DayNumber + 1 > MaxDays) throw new ArgumentException($"At most {MaxDays} days at a time.", nameof(to));
        var views = new List<PersonalDataViewed>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var stored in await auditor.ReadHistoryAsync(tenantId, StreamId(tenantId, day), cancellationToken: cancellationToken))
            {
                if (stored.Data is PersonalDataViewed viewed && (subjectId is null || viewed.SubjectId == subjectId)) views.Add(viewed);
            }
        }
        return views;
    }
}
