using Platform.Storage.Attachments;

namespace Platform.Needs.Open311;

/// <summary>
/// What stands behind the GeoReport endpoint: the service that offers the service types, takes the requests and knows
/// their status. The endpoint speaks the protocol; the desk speaks it only in these records, so neither knows the
/// other's inside.
/// </summary>
public interface IServiceRequestDesk
{
    /// <summary>The service types, in the order clients should list them.</summary>
    IReadOnlyList<Open311Service> Services { get; }

    /// <summary>Takes a request and answers its id at once (every service is realtime). A request the desk refuses is an
    /// <see cref="Kernel.Errors.InvalidCommandException"/> whose fields are GeoReport arguments.</summary>
    Task<Open311Submitted> SubmitAsync(Open311Submission submission, CancellationToken cancellationToken);

    Task<Open311ServiceRequest?> FindAsync(string jurisdictionId, string serviceRequestId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Open311ServiceRequest>> SearchAsync(string jurisdictionId, ServiceRequestQuery query, CancellationToken cancellationToken);

    /// <summary>A photo that a request published (its submitter sent it through this endpoint); null for any other file.</summary>
    Task<AttachmentContent?> OpenPublishedMediaAsync(string jurisdictionId, Guid attachmentId, CancellationToken cancellationToken);
}

/// <summary>A service type as GeoReport lists it.</summary>
public sealed record Open311Service(string Code, string Name, string Description, string Keywords, string Group);

/// <summary>Where a request belongs in the district's org tree, with the community's name for answers.</summary>
public sealed record Open311Address(string StreetId, string CommunityId, string? GridId, string? BuildingId, string Address, string CommunityName);

/// <summary>A request as a client sent it, checked against the protocol: a known api key, a known service, a place.</summary>
/// <param name="CorrelationId">The request's correlation id, for the events it causes.</param>
/// <param name="Photo">The <c>media</c> file, already accepted by the attachment rules; <paramref name="MediaUrl"/> is a link instead.</param>
public sealed record Open311Submission(
    IntakeChannel Channel, string CorrelationId, string ServiceCode, string Description, Open311Address Address,
    string ReporterName, string Phone, string? MediaUrl, AcceptedFile? Photo);

public sealed record Open311Submitted(string ServiceRequestId, string ServiceNotice);

/// <summary>A request as GeoReport answers it. What a request shows is the desk's decision (personal data, published
/// fields); the endpoint only renders it.</summary>
/// <param name="MediaAttachmentId">A photo the endpoint serves itself (at media/{id}); <paramref name="MediaUrl"/> is a link its sender gave.</param>
public sealed record Open311ServiceRequest(
    string Id, bool Open, string StatusNotes, string ServiceName, string ServiceCode, string Description, string? AgencyResponsible,
    string ServiceNotice, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpectedAt, string? Address, string? AddressId,
    string? MediaUrl, string? MediaAttachmentId);

/// <param name="ServiceRequestIds">When given, overrides every other argument (as the specification says).</param>
public sealed record ServiceRequestQuery(
    IReadOnlyList<string>? ServiceRequestIds, IReadOnlyList<string>? ServiceCodes, bool? Open, DateTimeOffset From, DateTimeOffset To, int Limit)
{
    /// <summary>The most requests one answer lists.</summary>
    public const int MaxResults = 1000;
}
