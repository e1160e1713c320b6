using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Volunteers.Tests.Integration;

/// <summary>
/// A 微心愿 end to end across Needs and Volunteers through the gateway, on real PostgreSQL and RabbitMQ: 富民街 accepts
/// a wish in the 需求清单, it appears on the board without the household, a volunteer claims it and Needs shows the
/// claim; a claim left past its day goes back to the board and Needs hears of it; the fulfilled wish, with its photo,
/// resolves the need and credits the volunteer's hours and points.
/// </summary>
[Collection(VolunteersPlatformCollection.Name)]
public sealed class WishesThroughGatewayTests(VolunteersPlatform platform)
{
    [Fact]
    public async Task A_wish_is_claimed_lapses_back_to_the_board_and_is_fulfilled_with_a_photo()
    {
        using var fumin = await platform.LoginAsync("fumin-staff");
        using var volunteer = await platform.LoginAsync("fumin-volunteer");
        using var street = await platform.LoginAsync("zhenwudong-staff");
        using var xinghua = await platform.LoginAsync("xinghua-volunteer");
        using var unit = await platform.LoginAsync("laodong-member");
        using var auditor = await platform.LoginAsync("auditor");
        var volunteerId = await EnsureConfirmedAsync(fumin, volunteer);

        var supplies = await AcceptedWishAsync(fumin, "为孩子买一套学习用品和课外书", "低保家庭的孩子缺少学习用品，家长电话 13700000031。");
        var lamp = await AcceptedWishAsync(fumin, "为独居老人更换厨房灯泡", "李大爷独居，厨房灯泡坏了。");

        // On the board: the wish and its grid, never the household or the reporter's phone.
        var board = await Eventually.ReachesAsync(() => volunteer.GetJsonAsync("api/volunteers/wishes?status=open&pageSize=200"), page =>
        {
            var ids = page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
            return ids.Contains(supplies) && ids.Contains(lamp);
        }, "the two wishes on the board");
        Assert.DoesNotContain("13700000031", board.GetRawText());
        Assert.DoesNotContain("王正", board.GetRawText());
        var onBoard = Item(board, supplies);
        Assert.Equal("待认领", onBoard.GetProperty("statusName").GetString());
        Assert.Equal("富民街社区", onBoard.GetProperty("community").GetProperty("name").GetString());
        await xinghua.GetJsonAsync($"api/volunteers/wishes/{supplies}", HttpStatusCode.Forbidden);

        // She claims both: one promised in two days, one for today.
        var today = DateOnly.FromDateTime(platform.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        await volunteer.PostAsync($"api/volunteers/wishes/{supplies}/claim", new { deadline = today.AddDays(2) });
        await volunteer.PostAsync($"api/volunteers/wishes/{lamp}/claim", new { deadline = today });
        await fumin.PostAsync($"api/volunteers/wishes/{lamp}/claim", new { volunteerId, deadline = today }, HttpStatusCode.UnprocessableEntity);
        await volunteer.PostAsync($"api/volunteers/wishes/{supplies}/claim", new { deadline = today.AddDays(200) }, HttpStatusCode.UnprocessableEntity);
        await Eventually.HoldsAsync(async () => (await fumin.GetJsonAsync($"api/needs/needs/{lamp}")).GetProperty("claimedBy").GetString() == "杨红梅",
            "Needs shows the claim");
        Assert.Equal("杨**", Item(await street.GetJsonAsync("api/volunteers/wishes?status=claimed&pageSize=200"), lamp).GetProperty("claimerName").GetString());

        // The lamp is not changed by the end of the day: the claim lapses, the wish is open again, and Needs shows it.
        platform.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.HoldsAsync(async () => (await fumin.GetJsonAsync($"api/volunteers/wishes/{lamp}")).GetProperty("summary").GetProperty("status").GetString() == "open",
            "the lapsed wish is back on the board");
        await Eventually.HoldsAsync(async () => (await fumin.GetJsonAsync($"api/needs/needs/{lamp}")).TryGetProperty("claimedBy", out var claimed)
            && claimed.ValueKind == JsonValueKind.Null, "Needs lifts the lapsed claim");
        Assert.Equal(1, (await fumin.GetJsonAsync($"api/volunteers/wishes/{lamp}")).GetProperty("lapses").GetInt32());
        // A unit of another community does not see it.
        await unit.GetJsonAsync($"api/volunteers/wishes/{lamp}", HttpStatusCode.Forbidden);

        // The supplies are delivered: only the claimer fulfils, with a photo, and Needs resolves the need.
        var before = (await volunteer.GetJsonAsync("api/volunteers/volunteers/me")).GetProperty("standing").GetProperty("recordedHours").GetDecimal();
        using (var noPhoto = Form(("note", "已送到"), ("minutes", "90")))
            await (await volunteer.PostAsync($"api/volunteers/wishes/{supplies}/fulfil", noPhoto)).ReadAsync(HttpStatusCode.BadRequest);
        using (var fulfilled = Form(("note", "学习用品和课外书已送到孩子手中"), ("minutes", "90")))
        {
            AddPhoto(fulfilled);
            await (await volunteer.PostAsync($"api/volunteers/wishes/{supplies}/fulfil", fulfilled)).ReadAsync(HttpStatusCode.OK);
        }
        await Eventually.HoldsAsync(async () => (await fumin.GetJsonAsync($"api/needs/needs/{supplies}")).GetProperty("status").GetString() == "resolved",
            "Needs resolves the fulfilled wish");
        var detail = await volunteer.GetJsonAsync($"api/volunteers/wishes/{supplies}");
        Assert.Equal("已实现", detail.GetProperty("summary").GetProperty("statusName").GetString());
        using var photo = await volunteer.GetAsync($"api/volunteers/{detail.GetProperty("photoUrl").GetString()}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        var after = (await volunteer.GetJsonAsync("api/volunteers/volunteers/me")).GetProperty("standing").GetProperty("recordedHours").GetDecimal();
        Assert.Equal(before + 1.5m, after);

        Assert.True((await auditor.GetJsonAsync($"api/volunteers/audit/wishes/{supplies}/verify")).GetProperty("intact").GetBoolean());
    }

    private static async Task<string> EnsureConfirmedAsync(HttpClient staff, HttpClient volunteer)
    {
        using var mine = await volunteer.GetAsync("api/volunteers/volunteers/me");
        if (mine.StatusCode == HttpStatusCode.OK) return (await mine.ReadAsync(HttpStatusCode.OK)).GetProperty("summary").GetProperty("id").GetString()!;
        var registered = await volunteer.PostAsync("api/volunteers/volunteers",
            new { kind = "retired-member", person = new { name = "杨红梅", phone = "13800000369" } }, HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetString()!;
        await staff.PostAsync($"api/volunteers/volunteers/{id}/confirm", new { post = "为老服务岗" });
        return id;
    }

    private static async Task<string> AcceptedWishAsync(HttpClient staff, string title, string description)
    {
        var needId = (await staff.PostAsync("api/needs/needs", new
        {
            title, description, category = "wish", urgency = "normal", reporter = new { name = "王正", phone = "13700000031" }, channel = "staff",
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await staff.PostAsync($"api/needs/needs/{needId}/accept", new { });
        return needId;
    }

    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    private static void AddPhoto(MultipartFormDataContent form)
    {
        var file = new ByteArrayContent(TestPhotos.PhoneJpeg());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "wish.jpg");
    }

    private static JsonElement Item(JsonElement page, string id) =>
        page.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetString() == id);
}
