using Platform.EventSourcing.Commands;
using Microsoft.Net.Http.Headers;
using Platform.Authorization;
using Platform.Needs.Handling;
using Platform.Kernel.Errors;

namespace Platform.Needs.Api;

/// <summary>What every endpoint reads from the request: the caller, where the resulting events come from, and the
/// version the caller last saw (If-Match).</summary>
internal static class ApiRequest
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static CommandOrigin Origin(HttpContext http, PlatformUser user) =>
        new(user.DistrictCode, user.UserId, CorrelationId(http), ActorName: user.DisplayName);

    public static string CorrelationId(HttpContext http) =>
        http.Request.Headers[CorrelationHeader].ToString() is { Length: > 0 and <= 100 } correlationId ? correlationId : http.TraceIdentifier;

    /// <summary>The version in If-Match ("5" or 5), or null when absent; anything else is a 400, not a silent ignore.</summary>
    public static long? ExpectedVersion(HttpContext http)
    {
        var header = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrEmpty(header)) return null;
        var value = header.Trim().Trim('"');
        if (long.TryParse(value, out var version) && version >= 0) return version;
        throw new InvalidCommandException("If-Match 须为资源的版本号，例如 \"5\"。");
    }

    public static void SetVersion(HttpContext http, long version) => http.Response.Headers.ETag = $"\"{version}\"";

    public static (int Page, int PageSize) Paging(int? page, int? pageSize)
    {
        if (page is < 1) throw new InvalidCommandException("page 须为正整数。");
        if (pageSize is < 1 or > 200) throw new InvalidCommandException("pageSize 须在 1–200 之间。");
        return (page ?? 1, pageSize ?? 20);
    }
}
