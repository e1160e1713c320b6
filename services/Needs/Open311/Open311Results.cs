namespace Platform.Needs.Open311;

/// <summary>One entry of the specification's error array: a code (normally the HTTP status) and a text for the user.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>
/// A GeoReport answer in the requested format. Errors use the specification's own shape (an array of code and
/// description) with the HTTP status set to match, never the platform's problem details: Open311 clients parse only
/// the former.
/// </summary>
public sealed class Open311Result(int statusCode, Open311Format format, Open311Document document, string? cacheControl = null, string? location = null)
    : IResult, IStatusCodeHttpResult
{
    /// <summary>Service lists and definitions change only with the configuration: clients and proxies may keep them a while,
    /// which spares the gateway's per-address limit.</summary>
    public const string CacheStatic = "public, max-age=300";

    /// <summary>Request status changes as staff work; a minute of staleness is what GeoReport clients poll at anyway.</summary>
    public const string CacheRequests = "public, max-age=60";

    public int? StatusCode => statusCode;

    public Open311Document Document => document;

    public static Open311Result Ok(Open311Format format, Open311Document document, string cacheControl) => new(StatusCodes.Status200OK, format, document, cacheControl);

    public static Open311Result Errors(Open311Format format, int statusCode, params Open311Error[] errors) =>
        new(statusCode, format, new Open311Document("errors", new Open311List("error", [.. errors.Select(ErrorNode)])), "no-store");

    public static Open311Result Error(Open311Format format, int statusCode, string description) =>
        Errors(format, statusCode, new Open311Error(statusCode, description));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var body = document.Render(format);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = format.ContentType();
        response.ContentLength = body.Length;
        if (cacheControl is not null) response.Headers.CacheControl = cacheControl;
        if (location is not null) response.Headers.Location = location;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private static Open311Node ErrorNode(Open311Error error) => Open311Object.Of(("code", error.Code), ("description", error.Description));
}
