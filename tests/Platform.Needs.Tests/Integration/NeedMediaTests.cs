using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.SystemUnderTest;

namespace Platform.Needs.Tests.Integration;

/// <summary>
/// Photos added to a need through the gateway, by its reporter on a phone and by the community handling it: kept
/// without where they were taken, named in the need's history by id and digest, served only to those who may read
/// the need, and refused, with nothing kept, when they are not photos or the need is not the caller's. A department's
/// photos of its work are kept with the case the same way.
/// </summary>
[Collection(NeedsPlatformCollection.Name)]
public sealed class NeedMediaTests(RunningPlatform platform)
{
    [Fact]
    public async Task A_residents_photo_is_kept_without_its_location_and_its_digest_is_in_the_needs_history()
    {
        using var resident = await platform.LoginAsync("xinghua-resident");
        using var staff = await platform.LoginAsync("xinghua-staff");
        var needId = await RaiseAsync(resident, "华昱家园西门外电动车乱停（附照片）");

        var added = await UploadAsync(resident, Files(needId), "IMG_2041.JPG", TestPhotos.PhoneJpeg(), HttpStatusCode.Created);

        var url = added.GetProperty("media").GetProperty("url").GetString()!;
        Assert.Equal(("image/jpeg", "IMG_2041.jpg"), (added.GetProperty("contentType").GetString(), added.GetProperty("fileName").GetString()));
        var detail = await staff.GetJsonAsync($"api/needs/needs/{needId}");
        var media = Assert.Single(detail.GetProperty("media").EnumerateArray());
        Assert.Equal((url, true), (media.GetProperty("url").GetString(), media.GetProperty("kept").GetBoolean()));

        using var served = await staff.GetAsync($"api/needs/{url}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(digest, added.GetProperty("sha256").GetString());
        Assert.Equal(digest, await ScalarAsync(
            "SELECT data -> 'media' -> 0 ->> 'sha256' FROM needs.mt_events WHERE stream_id = $1 AND type = 'needs.need-media-added.v1'", $"need-{needId}"));
    }

    [Fact]
    public async Task A_photo_is_served_only_to_those_who_may_read_the_need()
    {
        using var resident = await platform.LoginAsync("xinghua-resident");
        using var otherResident = await platform.LoginAsync("fumin-resident");
        using var otherCommunity = await platform.LoginAsync("fumin-staff");
        var needId = await RaiseAsync(resident, "怡兴园2号楼楼道灯不亮（附照片）");
        var url = (await UploadAsync(resident, Files(needId), "楼道.png", TestPhotos.Png(40, 20), HttpStatusCode.Created))
            .GetProperty("media").GetProperty("url").GetString()!;

        foreach (var stranger in new[] { otherResident, otherCommunity })
        {
            using var refused = await stranger.GetAsync($"api/needs/{url}");
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{(int)refused.StatusCode}");
        }
        using var anonymous = platform.Anonymous();
        using var unsigned = await anonymous.GetAsync($"api/needs/{url}");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        using var unknown = await resident.GetAsync($"api/needs/needs/{needId}/media/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_a_sixth_file_or_a_file_for_someone_elses_need_is_refused_and_nothing_is_kept()
    {
        using var resident = await platform.LoginAsync("xinghua-resident");
        using var otherCommunity = await platform.LoginAsync("fumin-staff");
        var needId = await RaiseAsync(resident, "兴政家园垃圾桶满溢（附照片）");

        var notAPhoto = await UploadAsync(resident, Files(needId), "照片.jpg", "这不是图片"u8.ToArray(), HttpStatusCode.BadRequest);
        Assert.True(notAPhoto.GetProperty("errors").TryGetProperty("file", out _), notAPhoto.ToString());
        await UploadAsync(otherCommunity, Files(needId), "照片.png", TestPhotos.Png(8, 8), HttpStatusCode.Forbidden);
        Assert.Equal(0, await KeptFilesAsync(needId));

        for (var photo = 1; photo <= 5; photo++)
            await UploadAsync(resident, Files(needId), $"照片{photo}.png", TestPhotos.Png(8, 8), HttpStatusCode.Created);
        var sixth = await UploadAsync(resident, Files(needId), "照片6.png", TestPhotos.Png(8, 8), HttpStatusCode.BadRequest);

        Assert.Contains("最多", sixth.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, await KeptFilesAsync(needId));
        Assert.Equal(5, (await resident.GetJsonAsync($"api/needs/needs/{needId}")).GetProperty("media").GetArrayLength());
    }

    [Fact]
    public async Task A_department_keeps_photos_of_its_work_with_the_case_once_it_has_signed_and_the_community_sees_them()
    {
        using var community = await platform.LoginAsync("xinghua-staff");
        using var street = await platform.LoginAsync("linxiaolu-staff");
        using var lead = await platform.LoginAsync("linxiaolu-cgk-dept");
        using var otherDepartment = await platform.LoginAsync("shuiwu-dept");
        var caseId = await community.WhistleAsync("怡兴园1号楼下水井冒水（整改照片）");
        await street.PostAsync($"api/needs/cases/{caseId}/dispatch", new { leadDepartmentId = "dept-linxiaolu-cgk", participatingUnitIds = new[] { "u-xhnl-huayu-wuye" } });

        var unsigned = await UploadAsync(lead, $"api/needs/cases/{caseId}/evidence", "整改前.jpg", TestPhotos.PhoneJpeg(), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("签收", unsigned.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await UploadAsync(otherDepartment, $"api/needs/cases/{caseId}/evidence", "整改前.jpg", TestPhotos.PhoneJpeg(), HttpStatusCode.Forbidden);
        Assert.Equal(0, await KeptFilesAsync(caseId));

        await lead.PostAsync($"api/needs/cases/{caseId}/sign", new { contactedReporter = true });
        var added = await UploadAsync(lead, $"api/needs/cases/{caseId}/evidence", "整改后.jpg", TestPhotos.PhoneJpeg(), HttpStatusCode.Created);

        var detail = await community.GetJsonAsync($"api/needs/cases/{caseId}");
        // The unit that helps is named as people know it, not by its id.
        var unit = Assert.Single(detail.GetProperty("participatingUnits").EnumerateArray());
        Assert.Equal(("u-xhnl-huayu-wuye", "华昱家园物业服务有限公司"), (unit.GetProperty("id").GetString(), unit.GetProperty("name").GetString()));
        var evidence = Assert.Single(detail.GetProperty("evidence").EnumerateArray());
        Assert.Equal(("dept-linxiaolu-cgk", added.GetProperty("media").GetProperty("url").GetString()),
            (evidence.GetProperty("departmentId").GetString(), evidence.GetProperty("url").GetString()));
        using var served = await community.GetAsync($"api/needs/{evidence.GetProperty("url").GetString()}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(added.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(await served.Content.ReadAsByteArrayAsync())));
        using var stranger = await otherDepartment.GetAsync($"api/needs/{evidence.GetProperty("url").GetString()}");
        Assert.True(stranger.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{(int)stranger.StatusCode}");
        Assert.Equal(1, await KeptFilesAsync(caseId));
    }

    private static async Task<string> RaiseAsync(HttpClient resident, string title)
    {
        var raised = await resident.PostAsync("api/needs/needs", new
        {
            title,
            description = title + "，请社区协调处理。",
            category = "parking",
            urgency = "normal",
            reporter = new { phone = "13800000231" },
        }, HttpStatusCode.Created);
        return raised.GetProperty("id").GetString()!;
    }

    private static string Files(string needId) => $"api/needs/needs/{needId}/media";

    private static async Task<JsonElement> UploadAsync(HttpClient client, string path, string fileName, byte[] bytes, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync(path, form);
        var body = await response.ReadAsync(expected);
        if (expected == HttpStatusCode.Created)
        {
            // The Location header, relative to the request as every Location of the service is, is where the file is served.
            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            Assert.EndsWith("/api/needs/" + body.GetProperty("media").GetProperty("url").GetString(), location.AbsolutePath, StringComparison.Ordinal);
        }
        return body;
    }

    private async Task<long> KeptFilesAsync(string ownerId) =>
        (long)(await QueryAsync("SELECT count(*) FROM needs.attachments WHERE owner_id = $1", ownerId))!;

    private async Task<string?> ScalarAsync(string sql, string parameter) => (string?)await QueryAsync(sql, parameter);

    private async Task<object?> QueryAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(platform.Services["needs"].Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return await command.ExecuteScalarAsync();
    }
}
