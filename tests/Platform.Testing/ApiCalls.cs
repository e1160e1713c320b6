using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Platform.Testing;

/// <summary>Calling a service's API through the gateway and reading its answer, with the status asserted and the body
/// shown when it is not the expected one.</summary>
public static class ApiCalls
{
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> PostAsync(this HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK, long? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Post, path, body, expected, ifMatch);

    public static Task<JsonElement> PutAsync(this HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK, long? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Put, path, body, expected, ifMatch);

    private static async Task<JsonElement> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object body, HttpStatusCode expected, long? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is { } version) request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        using var response = await client.SendAsync(request);
        return await response.ReadAsync(expected);
    }

    /// <summary>Uploads one file as the platform's upload endpoints take it: multipart, in the field <c>file</c>.</summary>
    public static async Task<JsonElement> PostFileAsync(
        this HttpClient client, string path, string fileName, byte[] bytes, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync(path, form);
        return await response.ReadAsync(expected);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadAsync(expected);
    }
}
