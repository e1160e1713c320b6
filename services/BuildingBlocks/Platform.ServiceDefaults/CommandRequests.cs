using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Platform.Authorization;
using Platform.EventSourcing.Commands;
using Platform.Kernel.Errors;
using Platform.Storage.Views;

namespace Platform.ServiceDefaults;

/// <summary>What every service's endpoints read from a request and write back: where a command's events come from
/// (the caller and the correlation the gateway gave the request), the version the caller last saw (If-Match), the
/// version it should name next (ETag), and the page of a list it asked for.</summary>
public static class CommandRequests
{
    /// <summary>Set by the gateway on every request (a caller's own, when it is well formed).</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    public static CommandOrigin Origin(HttpContext http, PlatformUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new CommandOrigin(user.DistrictCode, user.UserId, CorrelationId(http), ActorName: user.DisplayName);
    }

    public static string CorrelationId(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Headers[CorrelationHeader].ToString() is { Length: > 0 and <= 100 } correlationId ? correlationId : http.TraceIdentifier;
    }

    /// <summary>The version in If-Match ("5" or 5), or null when absent; anything else is a 400, not a silent ignore.</summary>
    public static long? ExpectedVersion(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrEmpty(header)) return null;
        var value = header.Trim().Trim('"');
        if (long.TryParse(value, out var version) && version >= 0) return version;
        throw new InvalidCommandException("If-Match 须为资源的版本号，例如 \"5\"。");
    }

    public static void SetVersion(HttpContext http, long version)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.ETag = $"\"{version}\"";
    }

    public static PageRequest Paging(int? page, int? pageSize) => PageRequest.From(page, pageSize);
}
