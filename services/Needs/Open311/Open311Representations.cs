namespace Platform.Needs.Open311;

/// <summary>How service types and requests read in GeoReport's documents.</summary>
public static class Open311Representations
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    public static Open311Node Service(Open311Service service) => Open311Object.Of(
        ("service_code", service.Code),
        ("service_name", service.Name),
        ("description", service.Description),
        ("metadata", false),
        ("type", "realtime"),
        ("keywords", service.Keywords),
        ("group", service.Group));

    /// <param name="baseUrl">Where this endpoint is reached, for the address of a photo it serves itself.</param>
    public static Open311Node ServiceRequest(Open311ServiceRequest request, string baseUrl) => Open311Object.Of(
        ("service_request_id", request.Id),
        ("status", request.Open ? "open" : "closed"),
        ("status_notes", request.StatusNotes),
        ("service_name", request.ServiceName),
        ("service_code", request.ServiceCode),
        ("description", request.Description),
        ("agency_responsible", request.AgencyResponsible),
        ("service_notice", request.ServiceNotice),
        ("requested_datetime", request.RequestedAt),
        ("updated_datetime", request.UpdatedAt),
        ("expected_datetime", request.ExpectedAt),
        ("address", request.Address),
        ("address_id", request.AddressId),
        ("media_url", request.MediaUrl ?? (request.MediaAttachmentId is { } id ? $"{baseUrl}/media/{Uri.EscapeDataString(id)}" : null)));
}
