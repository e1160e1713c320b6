using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Needs.Open311;

/// <summary>
/// Intake and status compatible with Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), at /open311/v2/:
/// 12345 hotlines and city apps raise needs with an api_key, and anyone may read the service list and the status of
/// requests. Every resource answers in XML or JSON by its extension, errors included. What the requests are is the
/// business of the <see cref="IServiceRequestDesk"/> behind it.
/// </summary>
public static partial class Open311Endpoints
{
    public const string BasePath = "/open311/v2";

    /// <summary>The specification's default and maximum window of GET requests.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    /// <param name="schema">The owning service's schema, which keeps the intake channels' table.</param>
    public static IServiceCollection AddOpen311<TDesk>(this IServiceCollection services, IConfiguration configuration, string schema)
        where TDesk : class, IServiceRequestDesk
    {
        services.Configure<Open311Options>(configuration.GetSection(Open311Options.SectionName));
        services.AddSingleton<IServiceRequestDesk, TDesk>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<IntakeChannels>(provider, schema));
        services.AddHostedService(provider => provider.GetRequiredService<IntakeChannels>());
        services.AddSingleton<Open311Places>();
        services.AddSingleton(new Open311Changeset(DateTimeOffset.UtcNow));
        services.AddHostedService<IntakeChannelSeeder>();
        return services;
    }

    /// <summary>
    /// Public by design: reading is open to anyone under the specification, and POST authenticates by api_key, not
    /// by a platform token. Left out of the service's OpenAPI document, which describes /api/needs; GeoReport's own
    /// specification describes these resources.
    /// </summary>
    public static IEndpointRouteBuilder MapOpen311Endpoints(this IEndpointRouteBuilder endpoints)
    {
        var open311 = endpoints.MapGroup(BasePath).WithTags("Open311").AllowPublicAccess().ExcludeFromDescription().AddEndpointFilter(AnswerFailuresInSpecFormat)
            .WithMetadata(new SpecFormatProblems());
        open311.MapGet("/discovery.{format}", Discovery).WithName("Open311Discovery");
        open311.MapGet("/services.{format}", ServiceList).WithName("Open311ServiceList");
        open311.MapGet("/services/{service_code}.{format}", ServiceDefinition).WithName("Open311ServiceDefinition");
        open311.MapPost("/requests.{format}", PostServiceRequest).WithName("Open311PostServiceRequest").Idempotent(IntakeChannels.KeyHolderAsync);
        open311.MapGet("/requests.{format}", GetServiceRequests).WithName("Open311GetServiceRequests");
        open311.MapGet("/requests/{service_request_id}.{format}", GetServiceRequest).WithName("Open311GetServiceRequest");
        open311.MapGet("/tokens/{token}.{format}", GetToken).WithName("Open311GetToken");
        open311.MapGet("/media/{attachment_id}", GetMedia).WithName("Open311GetMedia");
        open311.Map("/{**rest}", UnknownResource).WithName("Open311UnknownResource");
        return endpoints;
    }

    private static IResult Discovery(string format, HttpContext http, IOptions<Open311Options> options, Open311Changeset changeset)
    {
        if (!Open311Formats.TryParse(format, out var fmt)) return UnknownFormat(format);
        var settings = options.Value;
        var changed = changeset.Text;
        var endpoint = Open311Object.Of(
            ("specification", Open311Representations.Specification),
            ("url", BaseUrl(http, settings)),
            ("changeset", changed),
            ("type", "production"),
            ("formats", new Open311List("format", [Open311Node.Of("text/xml"), Open311Node.Of("application/json")])));
        var discovery = Open311Object.Of(
            ("changeset", changed),
            ("contact", settings.Contact),
            ("key_service", settings.KeyService),
            ("endpoints", new Open311List("endpoint", [endpoint])));
        return Open311Result.Ok(fmt, new Open311Document("discovery", discovery), Open311Result.CacheStatic);
    }

    private static IResult ServiceList(string format, HttpContext http, IOptions<Open311Options> options, IServiceRequestDesk desk)
    {
        if (!Open311Formats.TryParse(format, out var fmt)) return UnknownFormat(format);
        if (JurisdictionError(fmt, http.Request.Query["jurisdiction_id"], options.Value) is { } wrongJurisdiction) return wrongJurisdiction;
        var services = desk.Services.Select(Open311Representations.Service).ToList();
        return Open311Result.Ok(fmt, new Open311Document("services", new Open311List("service", services)), Open311Result.CacheStatic);
    }

    /// <summary>No service needs extra fields (metadata is false for all), so a definition has no attributes.</summary>
    private static IResult ServiceDefinition(
        [FromRoute(Name = "service_code")] string serviceCode, string format, HttpContext http, IOptions<Open311Options> options, IServiceRequestDesk desk)
    {
        if (!Open311Formats.TryParse(format, out var fmt)) return UnknownFormat(format);
        if (JurisdictionError(fmt, http.Request.Query["jurisdiction_id"], options.Value) is { } wrongJurisdiction) return wrongJurisdiction;
        if (!desk.Services.Any(service => service.Code == serviceCode))
            return Open311Result.Error(fmt, StatusCodes.Status404NotFound, $"service_code '{serviceCode}' was not found; GET services.{fmt.Extension()} lists them.");
        var definition = Open311Object.Of(("service_code", serviceCode), ("attributes", new Open311List("attribute", [])));
        return Open311Result.Ok(fmt, new Open311Document("service_definition", definition), Open311Result.CacheStatic);
    }

    private static async Task<IResult> PostServiceRequest(
        string format, HttpContext http, IntakeChannels channels, Open311Places places, IServiceRequestDesk desk, CancellationToken cancellationToken)
    {
        if (!Open311Formats.TryParse(format, out var fmt)) return UnknownFormat(format);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        string? Field(string name) => FirstValue(form[name]) ?? FirstValue(http.Request.Query[name]);

        // The key first: a caller without one learns nothing about the rest of its request.
        if (Field("api_key") is not { } apiKey)
            return Open311Result.Error(fmt, StatusCodes.Status403Forbidden, "api_key is required -- can't proceed with create_request.");
        if (await channels.FindByApiKeyAsync(apiKey, cancellationToken) is not { } channel)
            return Open311Result.Error(fmt, StatusCodes.Status403Forbidden, "Invalid api_key received -- can't proceed with create_request.");
        if (!http.Request.HasFormContentType)
        {
            return Open311Result.Error(fmt, StatusCodes.Status400BadRequest,
                "POST requests takes its fields as Content-Type: application/x-www-form-urlencoded; charset=utf-8 (multipart/form-data to send a media file).");
        }
        if (Field("jurisdiction_id") is { } jurisdiction && jurisdiction != channel.TenantId)
            return JurisdictionNotFound(fmt, jurisdiction, channel.TenantId);

        var serviceCode = Field("service_code");
        if (serviceCode is not null && !desk.Services.Any(service => service.Code == serviceCode))
            return Open311Result.Error(fmt, StatusCodes.Status404NotFound, $"service_code '{serviceCode}' was not found; GET services.{fmt.Extension()} lists them.");

        var errors = new List<Open311Error>();
        if (serviceCode is null) errors.Add(new(400, "service_code was not provided."));
        var description = Field("description");
        if (description is null) errors.Add(new(400, "description is required."));
        var phone = Field("phone");
        if (phone is null) errors.Add(new(400, "phone is required for the callback (回访)."));
        var (address, addressError) = await AddressAsync(channel.TenantId, Field("address_id"), Field("address_string"), Field("lat"), Field("long"), places, cancellationToken);
        if (addressError is not null) errors.Add(addressError);
        if (errors.Count > 0) return Open311Result.Errors(fmt, StatusCodes.Status400BadRequest, [.. errors]);

        // A refused photo or request reads as the specification's errors (the filter turns InvalidCommandException into them).
        var photo = form.Files.GetFile("media") is null ? null : await http.Request.ReadAcceptedFileAsync("media", cancellationToken);
        var submitted = await desk.SubmitAsync(new Open311Submission(
            channel, CommandRequests.CorrelationId(http), serviceCode!, description!, address!, ReporterName(Field("first_name"), Field("last_name")), phone!,
            Field("media_url"), photo), cancellationToken);

        var created = Open311Object.Of(
            ("service_request_id", submitted.ServiceRequestId),
            ("service_notice", submitted.ServiceNotice),
            ("account_id", null));
        return new Open311Result(StatusCodes.Status201Created, fmt, new Open311Document("service_requests", new Open311List("request", [created])),
            "no-store", location: $"requests/{Uri.EscapeDataString(submitted.ServiceRequestId)}.{fmt.Extension()}");
    }

    private static async Task<IResult> GetServiceRequests(
        string format, HttpContext http, IServiceRequestDesk desk, TimeProvider clock, IOptions<Open311Options> options,
        CancellationToken cancellationToken)
    {
        if (!Open311Formats.TryParse(format, out var fmt)) return UnknownFormat(format);
        var query = http.Request.Query;
        if (JurisdictionError(fmt, query["jurisdiction_id"], options.Value) is { } wrongJurisdiction) return wrongJurisdiction;

        var errors = new List<Open311Error>();
        var ids = CommaList(query["service_request_id"]);
        if (ids is { Count: > ServiceRequestQuery.MaxResults }) errors.Add(new(400, $"service_request_id may list at most {ServiceRequestQuery.MaxResults} ids."));
        var statuses = CommaList(query["status"]);
        foreach (var unknown in statuses?.Where(status => status is not ("open" or "closed")) ?? [])
            errors.Add(new(400, $"status '{unknown}' is not one of open, closed."));
        var start = W3cDate(query["start_date"], "start_date", errors);
        var end = W3cDate(query["end_date"], "end_date", errors);
        if (errors.Count > 0) return Open311Result.Errors(fmt, StatusCodes.Status400BadRequest, [.. errors]);

        var now = clock.GetUtcNow();
        var (from, to) = (start, end) switch
        {
            ({ } first, { } last) => (first, last),
            ({ } first, null) => (first, first + DefaultWindow),
            (null, { } last) => (last - DefaultWindow, last),
            _ => (now - DefaultWindow, now),
        };
        if (ids is null && to < from)
            return Open311Result.Error(fmt, StatusCodes.Status400BadRequest, "end_date is before start_date.");
        if (ids is null && to - from > DefaultWindow)
            return Open311Result.Error(fmt, StatusCodes.Status400BadRequest, "start_date and end_date may not span more than 90 days.");

        var open = statuses is null || statuses.Contains("open") == statuses.Contains("closed") ? (bool?)null : statuses.Contains("open");
        var rows = await desk.SearchAsync(options.Value.JurisdictionId,
            new ServiceRequestQuery(ids, CommaList(query["service_code"]), open, from, to, ServiceRequestQuery.MaxResults), cancellationToken);
        return Requests(fmt, rows, BaseUrl(http, options.Value));
    }

    private static async Task<IResult> GetServiceRequest(
        [FromRoute(Name = "service_request_id")] string serviceRequestId, string format, HttpContext http, IServiceRequestDesk desk, IOptions<Open311Options> options, CancellationToken cancellationToken)
    {
        if (!Open311Formats.TryParse(format, out var fmt)) return UnknownFormat(format);
        if (JurisdictionError(fmt, http.Request.Query["jurisdiction_id"], options.Value) is { } wrongJurisdiction) return wrongJurisdiction;
        var request = await desk.FindAsync(options.Value.JurisdictionId, serviceRequestId, cancellationToken);
        if (request is null) return Open311Result.Error(fmt, StatusCodes.Status404NotFound, $"service_request_id '{serviceRequestId}' was not found.");
        return Requests(fmt, [request], BaseUrl(http, options.Value));
    }

    /// <summary>Every request is realtime (its id is answered at once), so a token is the request's own id.</summary>
    private static async Task<IResult> GetToken(
        string token, string format, HttpContext http, IServiceRequestDesk desk, IOptions<Open311Options> options, CancellationToken cancellationToken)
    {
        if (!Open311Formats.TryParse(format, out var fmt)) return UnknownFormat(format);
        if (JurisdictionError(fmt, http.Request.Query["jurisdiction_id"], options.Value) is { } wrongJurisdiction) return wrongJurisdiction;
        var request = await desk.FindAsync(options.Value.JurisdictionId, token, cancellationToken);
        if (request is null) return Open311Result.Error(fmt, StatusCodes.Status404NotFound, $"token '{token}' was not found.");
        var found = Open311Object.Of(("service_request_id", request.Id), ("token", token));
        return Open311Result.Ok(fmt, new Open311Document("service_requests", new Open311List("request", [found])), Open311Result.CacheRequests);
    }

    private static IResult UnknownResource(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var resource = path.StartsWith(BasePath + "/", StringComparison.OrdinalIgnoreCase) ? path[(BasePath.Length + 1)..] : path;
        var fmt = Open311Formats.TryParse(Path.GetExtension(resource).TrimStart('.'), out var byExtension) ? byExtension : Open311Format.Xml;
        if (KnownResource().IsMatch(resource))
        {
            var allowed = resource.StartsWith("requests.", StringComparison.Ordinal) ? "GET, POST" : "GET";
            http.Response.Headers.Allow = allowed;
            return Open311Result.Error(fmt, StatusCodes.Status405MethodNotAllowed, $"{http.Request.Method} is not allowed on {resource}; use {allowed}.");
        }
        return Open311Result.Error(fmt, StatusCodes.Status404NotFound,
            $"'{resource}' is not a GeoReport v2 resource. Resources: discovery, services, services/[service_code], requests, " +
            "requests/[service_request_id], tokens/[token], each ending in .xml or .json.");
    }

    private static Open311Result UnknownFormat(string format) =>
        Open311Result.Error(Open311Format.Xml, StatusCodes.Status404NotFound, $"Format '{format}' is not supported; use .xml or .json.");

    private static Open311Result Requests(Open311Format format, IReadOnlyList<Open311ServiceRequest> requests, string baseUrl) =>
        Open311Result.Ok(format,
            new Open311Document("service_requests", new Open311List("request", [.. requests.Select(request => Open311Representations.ServiceRequest(request, baseUrl))])),
            Open311Result.CacheRequests);

    /// <summary>
    /// A photo sent with a request, as its media_url gives it. Public as the request is, and only what the desk says a
    /// request published; anything else is not found here.
    /// </summary>
    private static async Task<IResult> GetMedia(
        [FromRoute(Name = "attachment_id")] string attachmentId, IServiceRequestDesk desk, IOptions<Open311Options> options, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(attachmentId, out var id) || await desk.OpenPublishedMediaAsync(options.Value.JurisdictionId, id, cancellationToken) is not { } found)
            return Open311Result.Error(Open311Format.Json, StatusCodes.Status404NotFound, $"media '{attachmentId}' was not found.");
        return TypedResults.File(found.Bytes, found.Attachment.ContentType, found.Attachment.FileName, lastModified: found.Attachment.StoredAt,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{found.Attachment.Sha256}\""));
    }

    /// <summary>The endpoint serves one jurisdiction, so the argument is optional; a different one is not found here.</summary>
    private static Open311Result? JurisdictionError(Open311Format format, Microsoft.Extensions.Primitives.StringValues values, Open311Options options) =>
        FirstValue(values) is { } jurisdiction && jurisdiction != options.JurisdictionId ? JurisdictionNotFound(format, jurisdiction, options.JurisdictionId) : null;

    private static Open311Result JurisdictionNotFound(Open311Format format, string jurisdiction, string served) =>
        Open311Result.Error(format, StatusCodes.Status404NotFound, $"jurisdiction_id '{jurisdiction}' was not found; this endpoint serves jurisdiction_id {served}.");

    private static async Task<(Open311Address? Address, Open311Error? Error)> AddressAsync(
        string tenantId, string? addressId, string? addressString, string? lat, string? lng, Open311Places places, CancellationToken cancellationToken)
    {
        const string needed = "Needs are handled by the community they are in: send address_id (a community, grid or building id of the district) " +
            "or an address_string naming a community (e.g. 兴华南里社区 怡兴园1号楼).";
        if (addressId is not null)
        {
            return await places.ByAddressIdAsync(tenantId, addressId, addressString, cancellationToken) is { } byId
                ? (byId, null)
                : (null, new Open311Error(400, $"address_id '{addressId}' is not a community, grid or building of jurisdiction_id {tenantId}. {needed}"));
        }
        if (addressString is not null)
        {
            var (byText, ambiguous) = await places.ByAddressStringAsync(tenantId, addressString, addressString, cancellationToken);
            if (byText is not null) return (byText, null);
            return ambiguous.Count > 0
                ? (null, new Open311Error(400, $"address_string names several communities ({string.Join("、", ambiguous)}); send address_id instead."))
                : (null, new Open311Error(400, $"address_string names no community of jurisdiction_id {tenantId}. {needed}"));
        }
        return lat is not null || lng is not null
            ? (null, new Open311Error(400, $"lat/long cannot be placed: the district's communities have no coordinates. {needed}"))
            : (null, new Open311Error(400, $"A location was not provided. {needed}"));
    }

    /// <summary>Chinese names put the family name first (张 + 三 = 张三); other names read "given family".</summary>
    private static string ReporterName(string? firstName, string? lastName)
    {
        if (firstName is null && lastName is null) return "匿名";
        if (firstName is null || lastName is null) return (firstName ?? lastName)!;
        return IsHan(firstName) && IsHan(lastName) ? lastName + firstName : $"{firstName} {lastName}";
    }

    private static bool IsHan(string text) => text.All(c => c is >= '\u3400' and <= '\u9fff' || char.IsSurrogate(c) || c == '·');

    /// <summary>The refused fields, each named by the GeoReport argument the client sent (the desk and the attachment
    /// rules name them so).</summary>
    private static IEnumerable<Open311Error> FieldErrors(InvalidCommandException invalid) =>
        invalid.Errors.Count == 0
            ? [new Open311Error(400, invalid.Message)]
            : invalid.Errors.SelectMany(field => field.Value.Select(message => new Open311Error(400, $"{field.Key}: {message}")));

    /// <summary>What the platform's middleware refuses before an endpoint runs (a reused Idempotency-Key, one still
    /// in progress) reads as a GeoReport error in the format the resource's extension names.</summary>
    private sealed class SpecFormatProblems : IEndpointProblemWriter
    {
        public Task WriteAsync(HttpContext http, ProblemDetails problem)
        {
            var extension = Path.GetExtension(http.Request.Path.Value ?? "").TrimStart('.');
            var format = Open311Formats.TryParse(extension, out var named) ? named : Open311Format.Xml;
            return Open311Result.Error(format, problem.Status ?? StatusCodes.Status400BadRequest, problem.Detail ?? problem.Title ?? "").ExecuteAsync(http);
        }
    }

    /// <summary>"Optional" in GeoReport means an empty argument is the same as an absent one.</summary>
    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Select(value => value?.Trim()).FirstOrDefault(value => !string.IsNullOrEmpty(value));

    /// <summary>Arguments that "can be declared multiple times, comma delimited"; null when absent.</summary>
    private static List<string>? CommaList(Microsoft.Extensions.Primitives.StringValues values)
    {
        var items = values.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        return items.Count == 0 ? null : items;
    }

    /// <summary>A date or datetime in the W3C profile of ISO 8601. A time without a zone is read in the district's
    /// time (UTC+8), and a bare date as its midnight there.</summary>
    private static DateTimeOffset? W3cDate(Microsoft.Extensions.Primitives.StringValues values, string argument, List<Open311Error> errors)
    {
        if (FirstValue(values) is not { } text) return null;
        var match = W3cPattern().Match(text);
        if (match.Success && DateTime.TryParse(match.Groups["local"].Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var zone = match.Groups["zone"].Value;
            TimeSpan? offset = zone switch
            {
                "" => DistrictTime.Offset,
                "Z" => TimeSpan.Zero,
                _ when TimeSpan.TryParseExact(zone[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var distance) => zone[0] == '-' ? -distance : distance,
                _ => null,
            };
            if (offset is { } valid && valid.Duration() <= TimeSpan.FromHours(14))
                return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), valid);
        }
        errors.Add(new(400, $"{argument} '{text}' is not a W3C datetime such as 2010-01-01T00:00:00Z."));
        return null;
    }

    /// <summary>Whatever fails while answering still answers in the client's format: a request the platform refuses
    /// is a 400 (the specification's "general service error"), a fault of ours a 500, never problem details.</summary>
    private static async ValueTask<object?> AnswerFailuresInSpecFormat(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var fmt = Open311Formats.TryParse(http.GetRouteValue("format") as string, out var requested) ? requested : Open311Format.Xml;
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            switch (exception)
            {
                case InvalidCommandException invalid: return Open311Result.Errors(fmt, StatusCodes.Status400BadRequest, [.. FieldErrors(invalid)]);
                case RuleViolationException rule: return Open311Result.Error(fmt, StatusCodes.Status400BadRequest, rule.Message);
                case NotFoundException notFound: return Open311Result.Error(fmt, StatusCodes.Status404NotFound, notFound.Message);
                case BadHttpRequestException badRequest: return Open311Result.Error(fmt, badRequest.StatusCode, $"The request could not be read: {badRequest.Message}");
                case InvalidDataException invalidData: return Open311Result.Error(fmt, StatusCodes.Status400BadRequest, $"The form could not be read: {invalidData.Message}");
                default:
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Open311Endpoints))
                        .LogError(exception, "Open311 {Method} {Path} failed", http.Request.Method, http.Request.Path);
                    return Open311Result.Error(fmt, StatusCodes.Status500InternalServerError,
                        "The service could not complete the request; please try again later and tell us if it persists.");
            }
        }
    }

    /// <summary>The endpoint's public address: configured, or as the client reached the gateway (its forwarded host).</summary>
    private static string BaseUrl(HttpContext http, Open311Options options)
    {
        if (!string.IsNullOrWhiteSpace(options.BaseUrl)) return options.BaseUrl.TrimEnd('/');
        var request = http.Request;
        var scheme = FirstValue(request.Headers["X-Forwarded-Proto"])?.Split(',')[0].Trim() ?? request.Scheme;
        var host = FirstValue(request.Headers["X-Forwarded-Host"])?.Split(',')[0].Trim() ?? request.Host.Value;
        if (scheme is not ("http" or "https")) scheme = request.Scheme;
        return $"{scheme}://{host}{BasePath}";
    }

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?)(?<zone>Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex W3cPattern();

    [GeneratedRegex(@"^(discovery|services|services/[^/]+|requests|requests/[^/]+|tokens/[^/]+)\.(xml|json)$")]
    private static partial Regex KnownResource();
}

/// <summary>When the service list last changed, for discovery: the catalogue is configuration, read at start, so it
/// can only have changed when the host started.</summary>
public sealed record Open311Changeset(DateTimeOffset StartedAt)
{
    public string Text => DistrictTime.Format(StartedAt);
}
