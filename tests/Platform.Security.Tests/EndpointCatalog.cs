using System.Text.Json;

namespace Platform.Security.Tests;

/// <summary>Every operation the platform exposes through the gateway, read from the OpenAPI documents the services
/// publish, so that a new endpoint is covered by the security tests the day it is added.</summary>
public sealed record Operation(string Method, string Path)
{
    public override string ToString() => $"{Method} {Path}";
}

public static class EndpointCatalog
{
    /// <summary>Where each document is served through the gateway, and the prefix its paths get there.</summary>
    private static readonly (string Document, string Prefix)[] Documents =
    [
        ("openapi/v1.json", ""),
        ("api/needs/openapi/v1.json", "/api/needs"),
        ("api/resources/openapi/v1.json", "/api/resources"),
        ("api/projects/openapi/v1.json", "/api/projects"),
        ("api/volunteers/openapi/v1.json", "/api/volunteers"),
    ];

    /// <summary>Open to anyone by design (docs/SECURITY.md, "Public").</summary>
    public static bool IsPublic(Operation operation) =>
        operation.Path.EndsWith("/version", StringComparison.Ordinal)
        || operation.Path.Contains("/health/", StringComparison.Ordinal)
        || operation.Path.Contains("/openapi/", StringComparison.Ordinal)
        || operation.Path.Contains("/open311/", StringComparison.Ordinal)
        || operation.Path is "/api/identity/token" or "/api/identity/refresh" or "/api/identity/logout";

    public static async Task<IReadOnlyList<Operation>> ReadAsync(HttpClient gateway)
    {
        var operations = new List<Operation>();
        foreach (var (document, prefix) in Documents)
        {
            using var json = JsonDocument.Parse(await gateway.GetStringAsync(document));
            foreach (var path in json.RootElement.GetProperty("paths").EnumerateObject())
            {
                foreach (var method in path.Value.EnumerateObject())
                {
                    if (method.Name is "parameters" or "summary" or "description" or "servers") continue;
                    operations.Add(new Operation(method.Name.ToUpperInvariant(), prefix + path.Name));
                }
            }
        }
        return operations;
    }

    /// <summary>Fills the path's parameters with values from <paramref name="values"/>; an unknown parameter fails the
    /// test, naming it, so whoever adds an endpoint also says what a foreign value for it is.</summary>
    public static string Fill(Operation operation, IReadOnlyDictionary<string, string> values)
    {
        var path = operation.Path;
        while (path.IndexOf('{') is var start and >= 0)
        {
            var end = path.IndexOf('}', start);
            var name = path[(start + 1)..end].Split(':')[0];
            if (!values.TryGetValue(name, out var value))
                throw new InvalidOperationException($"{operation}: no test value for route parameter '{name}'; add one to the security tests.");
            path = string.Concat(path.AsSpan(0, start), Uri.EscapeDataString(value), path.AsSpan(end + 1));
        }
        return path.TrimStart('/');
    }
}
