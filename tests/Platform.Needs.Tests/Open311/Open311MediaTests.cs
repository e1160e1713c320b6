using System.Net;

namespace Platform.Needs.Tests.Open311;

/// <summary>
/// A GeoReport client's photo: a media_url it sends is read back as it was sent, and a file it sends as multipart
/// <c>media</c> is kept by the service and read back as a media_url that serves the same picture. Before, both were
/// accepted with 201 and silently dropped.
/// </summary>
public sealed partial class Open311ConformanceTests
{
    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_media_url_sent_with_a_request_is_read_back_as_it_was_sent()
    {
        var id = await CreateAsync(ExampleRequest("兴华南里 3 号楼前路面塌陷（附链接）"));

        var read = (await Client().GetAsync($"requests/{id}.json")).Json()[0];

        Assert.Equal("http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg", read.GetProperty("media_url").GetString());
    }

    [Fact]
    public async Task A_photo_sent_as_multipart_media_is_kept_and_served_at_its_media_url()
    {
        var fields = ExampleRequest("兴华南里 3 号楼前路面塌陷（附照片）");
        fields.Remove("media_url");

        var created = await Client().PostWithMediaAsync("requests.json", fields, "路面塌陷.png", "image/png", Photo);

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Json()[0].GetProperty("service_request_id").GetString()!;
        var xml = (await Client().GetAsync($"requests/{id}.xml")).Xml().Root!.Element("request")!;
        var mediaUrl = (await Client().GetAsync($"requests/{id}.json")).Json()[0].GetProperty("media_url").GetString()!;
        Assert.Matches(@"/open311/v2/media/[0-9a-f-]{36}$", mediaUrl);
        Assert.Equal(mediaUrl, xml.Element("media_url")!.Value);

        using var anonymous = platform.Anonymous();
        using var served = await anonymous.GetAsync(mediaUrl);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        // The same picture, encoded again from its pixels (the kernel's attachment tests show what that strips).
        using var picture = SkiaSharp.SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal((1, 1), (picture.Width, picture.Height));
    }

    [Fact]
    public async Task A_photo_the_community_adds_later_is_not_published_through_open311()
    {
        var fields = ExampleRequest("兴华南里 3 号楼前路面塌陷（社区补拍）");
        fields.Remove("media_url");
        var created = await Client().PostWithMediaAsync("requests.json", fields, "路面塌陷.png", "image/png", Photo);
        var id = created.Json()[0].GetProperty("service_request_id").GetString()!;
        var published = (await Client().GetAsync($"requests/{id}.json")).Json()[0].GetProperty("media_url").GetString();

        using var staff = await platform.LoginAsync("xinghua-staff");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Photo), "file", "现场补拍.png" } };
        using var added = await staff.PostAsync($"api/needs/needs/{id}/media", form);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var addedId = System.Text.Json.JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement
            .GetProperty("media").GetProperty("url").GetString()!.Split('/')[^1];

        Assert.Equal(published, (await Client().GetAsync($"requests/{id}.json")).Json()[0].GetProperty("media_url").GetString());
        using var anonymous = platform.Anonymous();
        using var notPublished = await anonymous.GetAsync($"open311/v2/media/{addedId}");
        Assert.Equal(HttpStatusCode.NotFound, notPublished.StatusCode);
    }

    [Theory]
    [InlineData("not-a-photo.jpg", "image/jpeg", "这不是图片")]
    [InlineData("empty.png", "image/png", "")]
    public async Task A_file_that_is_not_a_photo_or_a_document_is_refused_and_raises_nothing(string fileName, string contentType, string text)
    {
        var description = $"兴华南里路面塌陷（{fileName}）";
        var fields = ExampleRequest(description);
        fields.Remove("media_url");

        var refused = await Client().PostWithMediaAsync("requests.json", fields, fileName, contentType, System.Text.Encoding.UTF8.GetBytes(text));

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        Assert.Contains("media", refused.Body, StringComparison.Ordinal);
        var listed = (await Client().GetAsync("requests.json?service_code=road")).Json().EnumerateArray();
        Assert.DoesNotContain(listed, request => request.GetProperty("description").GetString() == description);
    }

    [Fact]
    public async Task A_media_url_that_is_not_a_web_link_is_refused_and_an_unknown_media_id_is_not_found()
    {
        var fields = ExampleRequest("兴华南里路面塌陷（坏链接）");
        fields["media_url"] = "javascript:alert(1)";

        var refused = await Client().PostAsync("requests.json", fields);
        using var anonymous = platform.Anonymous();
        using var unknown = await anonymous.GetAsync($"open311/v2/media/{Guid.NewGuid()}");

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
