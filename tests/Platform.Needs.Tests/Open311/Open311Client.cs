using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Platform.Needs.Tests.Open311;

/// <summary>An answer of the GeoReport endpoint: status, content type and the raw body, readable as XML or JSON.</summary>
public sealed record Open311Answer(HttpStatusCode Status, string? MediaType, string? CharSet, string Body, string? Location)
{
    public XDocument Xml() => XDocument.Parse(Body);

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}

/// <summary>Talks to /open311/v2/ through the gateway, anonymously, as a GeoReport client does.</summary>
public sealed class Open311Client(HttpClient http)
{
    public const string Base = "open311/v2/";

    public Task<Open311Answer> GetAsync(string resource) => SendAsync(new HttpRequestMessage(HttpMethod.Get, Base + resource));

    /// <summary>POST with Content-Type: application/x-www-form-urlencoded; charset=utf-8, as the specification shows it.</summary>
    public Task<Open311Answer> PostAsync(string resource, IEnumerable<KeyValuePair<string, string>> fields, string? idempotencyKey = null)
    {
        var body = string.Join("&", fields.Select(field => $"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(field.Value)}"));
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, Base + resource) { Content = content };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync(request);
    }

    /// <summary>POST as multipart/form-data, the way a client sends a photo with its request (the file in <c>media</c>).</summary>
    public Task<Open311Answer> PostWithMediaAsync(string resource, IEnumerable<KeyValuePair<string, string>> fields, string fileName, string contentType, byte[] media)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value, Encoding.UTF8), name);
        var file = new ByteArrayContent(media);
        file.Headers.ContentType = new(contentType);
        content.Add(file, "media", fileName);
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, Base + resource) { Content = content });
    }

    private async Task<Open311Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var contentType = response.Content.Headers.ContentType;
            return new Open311Answer(response.StatusCode, contentType?.MediaType, contentType?.CharSet, Encoding.UTF8.GetString(bytes),
                response.Headers.Location?.ToString());
        }
    }
}
