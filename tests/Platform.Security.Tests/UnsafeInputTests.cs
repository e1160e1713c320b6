using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Platform.Security.Tests;

/// <summary>
/// Control characters (NUL above all) and direction overrides, in every place a request carries text: refused with a
/// 400 problem at the edge, before anything is stored, for the services and for the gateway's own login alike.
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class UnsafeInputTests(SecuredPlatform platform)
{
    private const string Staff = "xinghua-staff";

    public static TheoryData<string, string> UnsafeTitles => new()
    {
        { "NUL", "垃圾桶\u0000满溢" },
        { "bell", "垃圾桶\u0007满溢" },
        { "C1 control", "垃圾桶\u0085满溢" },
        { "right-to-left override", "垃圾桶\u202E溢满" },
        { "isolate", "垃圾桶\u2067满溢" },
    };

    [Theory]
    [MemberData(nameof(UnsafeTitles))]
    public async Task A_need_whose_text_holds_a_control_character_is_a_400_and_nothing_is_stored(string what, string title)
    {
        using var staff = await platform.LoginAsync(Staff);
        var before = await CountNeedsAsync();

        using var response = await staff.PostAsync("api/needs/needs", Json(NeedBody(title, "描述")));

        await AssertProblem400Async(response, what);
        Assert.Equal(before, await CountNeedsAsync());
    }

    [Fact]
    public async Task A_line_break_is_refused_in_a_title_and_kept_in_a_description()
    {
        using var staff = await platform.LoginAsync(Staff);

        using var refused = await staff.PostAsync("api/needs/needs", Json(NeedBody("第一行\n第二行", "描述")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("title", await refused.Content.ReadAsStringAsync());

        using var accepted = await staff.PostAsync("api/needs/needs", Json(NeedBody("楼道灯不亮", "3 号楼 2 单元\n晚上 7 点后全黑")));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Theory]
    [InlineData("api/needs/needs?status=%00")]
    [InlineData("api/needs/needs?q=%E2%80%AE")]
    [InlineData("api/needs/cases?status=open%07")]
    [InlineData("api/needs/scores?month=2026-11%00")]
    public async Task A_query_string_with_a_control_character_is_a_400(string path)
    {
        using var staff = await platform.LoginAsync(Staff);

        using var response = await staff.GetAsync(path);

        await AssertProblem400Async(response, path);
    }

    [Fact]
    public async Task Public_Open311_reads_with_a_control_character_are_a_400()
    {
        using var anonymous = platform.Anonymous();

        using var query = await anonymous.GetAsync("open311/v2/requests.json?service_code=%00");
        await AssertProblem400Async(query, "service_code=%00");

        // Kestrel refuses a NUL in the path itself before any middleware runs: a bare 400, never a 500.
        using var path = await anonymous.GetAsync("open311/v2/services/%00.json");
        Assert.Equal(HttpStatusCode.BadRequest, path.StatusCode);
    }

    [Fact]
    public async Task An_Open311_form_with_a_NUL_is_a_400_and_one_without_still_passes_through_the_gateway()
    {
        using var anonymous = platform.Anonymous();

        using var refused = await anonymous.PostAsync("open311/v2/requests.json", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["api_key"] = "wrong-key", ["service_code"] = "env", ["description"] = "垃圾\u0000桶" }));
        await AssertProblem400Async(refused, "form with NUL");

        // The same form without it reaches the service, which answers the wrong key in Open311's own format.
        using var passed = await anonymous.PostAsync("open311/v2/requests.json", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["api_key"] = "wrong-key", ["service_code"] = "env", ["description"] = "垃圾桶满了" }));
        Assert.Equal(HttpStatusCode.Forbidden, passed.StatusCode);
    }

    [Fact]
    public async Task A_login_with_a_NUL_in_its_username_is_a_400_not_a_500()
    {
        using var anonymous = platform.Anonymous();

        using var response = await anonymous.PostAsync("api/identity/token", Json(new { username = "xinghua-staff\u0000", password = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static object NeedBody(string title, string description) => new
    {
        title,
        description,
        category = "env",
        urgency = "normal",
        channel = "staff",
        place = new { streetId = "linxiaolu", communityId = "xinghuananli" },
        reporter = new { name = "李阿姨", phone = "13800000000" },
    };

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task AssertProblem400Async(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<long> CountNeedsAsync()
    {
        await using var connection = new NpgsqlConnection(platform.Services["needs"].Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM needs.mt_events WHERE type = 'needs.need-raised.v1'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
