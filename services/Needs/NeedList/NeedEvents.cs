using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Needs.NeedList;

/// <summary>Everything that can happen to a need: a closed set, so that Evolve and every switch over it name each case.</summary>
[ClosedHierarchy]
public abstract record NeedEvent
{
    private protected NeedEvent() { }
}

/// <summary>Where a need sits: street and community always, grid and building when known, and a free-text place.</summary>
public sealed record Place(string StreetId, string CommunityId, string? GridId, string? BuildingId, string? Address);

/// <summary>The reporter's name and phone: personal data, shown masked except to those who handle the need.</summary>
public sealed record ReporterContact(string Name, string Phone);

/// <summary>How a need ended up resolved: in the community, by a whistle case, by a project or by a volunteer.</summary>
public static class ResolutionSources
{
    public const string Community = "community";
    public const string WhistleCase = "case";
    public const string Project = "project";
    public const string MicroWish = "micro-wish";
}

/// <summary>A photo or document of a need or of a case's handling: one the service keeps (<see cref="AttachmentId"/>, with
/// the SHA-256 of the bytes kept, so that the event's place in the audit chain also vouches for the file), or one kept
/// elsewhere that the sender linked to (<see cref="Url"/>, as a GeoReport client's media_url).</summary>
public sealed record MediaReference(string? AttachmentId, string? Url, string? Sha256 = null)
{
    /// <summary>Exactly one of the two: a kept attachment's id with its digest, or an absolute web link (no other scheme:
    /// a link is shown to people).</summary>
    public bool IsWellFormed => this switch
    {
        { AttachmentId: { Length: > 0 and <= 64 }, Url: null, Sha256: { Length: 64 } digest } => digest.All(char.IsAsciiHexDigitLower),
        { AttachmentId: null, Url: { Length: > 0 and <= 500 } url, Sha256: null } =>
            Uri.TryCreate(url, UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttp || link.Scheme == Uri.UriSchemeHttps),
        _ => false,
    };
}

/// <param name="FromProject">The project task it came from, when a community whistled an overdue task of its project.</param>
[EventType("needs.need-raised.v1")]
public sealed record NeedRaised(
    string NeedId,
    string Title,
    string Description,
    string Category,
    string Urgency,
    Place Place,
    ReporterContact Reporter,
    string? ReporterUserId,
    string Channel,
    string? ExternalId,
    string RaisedBy,
    DateTimeOffset RaisedAt,
    IReadOnlyList<MediaReference>? Media = null,
    ProjectTaskOrigin? FromProject = null) : NeedEvent;

[EventType("needs.need-accepted.v1")]
public sealed record NeedAccepted(string NeedId, string HandlingClass, DateTimeOffset HandleBy, string AcceptedBy, DateTimeOffset AcceptedAt) : NeedEvent;

[EventType("needs.need-rejected.v1")]
public sealed record NeedRejected(string NeedId, string Reason, string RejectedBy, DateTimeOffset RejectedAt) : NeedEvent;

[EventType("needs.need-merged.v1")]
public sealed record NeedMergedAsDuplicate(string NeedId, string DuplicateOfNeedId, string Reason, string MergedBy, DateTimeOffset MergedAt) : NeedEvent;

/// <summary>The community works on it itself (or with its co-building units), with a plan.</summary>
[EventType("needs.community-handling-started.v1")]
public sealed record CommunityHandlingStarted(string NeedId, string Plan, string StartedBy, DateTimeOffset StartedAt) : NeedEvent;

/// <summary>The community's own time limit passed; the need is escalated by an automatic whistle.</summary>
[EventType("needs.need-overdue.v1")]
public sealed record NeedOverdue(string NeedId, DateTimeOffset DueAt, DateTimeOffset DetectedAt) : NeedEvent;

[EventType("needs.need-escalated.v1")]
public sealed record NeedEscalatedByWhistle(string NeedId, string CaseId, string Level, bool Automatic, string EscalatedBy, DateTimeOffset EscalatedAt) : NeedEvent;

[EventType("needs.need-matched-to-project.v1")]
public sealed record NeedMatchedToProject(string NeedId, string ProjectId, string ProjectName, DateTimeOffset MatchedAt) : NeedEvent;

[EventType("needs.micro-wish-published.v1")]
public sealed record MicroWishPublished(string NeedId, string Title, string Description, Place Place, DateTimeOffset PublishedAt) : NeedEvent;

[EventType("needs.micro-wish-claimed.v1")]
public sealed record MicroWishClaimed(string NeedId, string VolunteerId, string VolunteerName, DateTimeOffset ClaimedAt) : NeedEvent;

/// <summary>The claimer did not fulfil the wish by the day promised; it is open to others again, and the community sees why.</summary>
[EventType("needs.micro-wish-claim-lapsed.v1")]
public sealed record MicroWishClaimLapsed(string NeedId, string VolunteerId, string Reason, DateTimeOffset LapsedAt) : NeedEvent;

[EventType("needs.need-resolved.v1")]
public sealed record NeedResolved(string NeedId, string Resolution, string Source, string ResolvedBy, DateTimeOffset ResolvedAt) : NeedEvent;

/// <summary>The resident's answer at the callback (回访).</summary>
[EventType("needs.feedback-recorded.v1")]
public sealed record FeedbackRecorded(string NeedId, bool Resolved, bool Satisfied, string? Comment, string RecordedBy, DateTimeOffset RecordedAt) : NeedEvent;

[EventType("needs.need-closed.v1")]
public sealed record NeedClosed(string NeedId, string ClosedBy, DateTimeOffset ClosedAt) : NeedEvent;

/// <summary>The project that carried the need was dropped by its joint meeting: the need is the community's again.</summary>
[EventType("needs.need-returned-from-project.v1")]
public sealed record NeedReturnedFromProject(
    string NeedId, string ProjectId, string ProjectName, string Reason, DateTimeOffset HandleBy, string ReturnedBy, DateTimeOffset ReturnedAt) : NeedEvent;

[EventType("needs.need-reopened.v1")]
public sealed record NeedReopened(string NeedId, string Reason, DateTimeOffset HandleBy, string ReopenedBy, DateTimeOffset ReopenedAt) : NeedEvent;

/// <summary>The resident was not satisfied and the whistle case went back to its department (重办).</summary>
[EventType("needs.need-returned-to-case.v1")]
public sealed record NeedReturnedToCase(string NeedId, string CaseId, string Reason, DateTimeOffset ReturnedAt) : NeedEvent;

[EventType("needs.need-media-added.v1")]
public sealed record NeedMediaAdded(string NeedId, IReadOnlyList<MediaReference> Media, string AddedBy, DateTimeOffset AddedAt) : NeedEvent;
