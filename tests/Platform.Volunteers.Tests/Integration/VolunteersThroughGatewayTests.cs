using System.Net;
using System.Text.Json;

namespace Platform.Volunteers.Tests.Integration;

/// <summary>
/// 富民街 (seed 003) through the gateway on real PostgreSQL and RabbitMQ: a resident registers as a volunteer on their
/// phone, the community confirms members and gives them posts, forms its 张思德 team, holds an activity with a waitlist,
/// shows a check-in code at the place, and credits everyone who came in one action onto balanced ledgers.
/// </summary>
[Collection(VolunteersPlatformCollection.Name)]
public sealed class VolunteersThroughGatewayTests(VolunteersPlatform platform)
{
    [Fact]
    public async Task From_registration_to_credited_hours_with_a_waitlist_a_code_a_walk_in_and_a_correction()
    {
        using var fumin = await platform.LoginAsync("fumin-staff");
        using var self = await platform.LoginAsync("fumin-volunteer");
        using var street = await platform.LoginAsync("zhenwudong-staff");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var auditor = await platform.LoginAsync("auditor");

        // 杨红梅 registers herself on her phone (unless another test of this platform had her do it); her community is
        // her login's, and registering twice is a conflict.
        using var before = await self.GetAsync("api/volunteers/volunteers/me");
        var newcomer = before.StatusCode == HttpStatusCode.NotFound;
        string selfId;
        if (newcomer)
        {
            var mine = await self.PostAsync("api/volunteers/volunteers", new
            {
                kind = "retired-member", person = new { name = "杨红梅", phone = "13800000369" }, skills = new[] { "为老服务", "辅导功课" }, availableTimes = "周末",
            }, HttpStatusCode.Created);
            selfId = mine.GetProperty("id").GetString()!;
            Assert.Equal("pending", mine.GetProperty("status").GetString());
        }
        else
        {
            selfId = (await before.ReadAsync(HttpStatusCode.OK)).GetProperty("summary").GetProperty("id").GetString()!;
        }
        var hoursBefore = newcomer ? 0m : (await self.GetJsonAsync("api/volunteers/volunteers/me")).GetProperty("standing").GetProperty("recordedHours").GetDecimal();
        var pointsBefore = newcomer ? 0m : (await self.GetJsonAsync("api/volunteers/volunteers/me")).GetProperty("standing").GetProperty("points").GetDecimal();
        await self.PostAsync("api/volunteers/volunteers", new { kind = "retired-member", person = new { name = "杨红梅", phone = "13800000369" } }, HttpStatusCode.Conflict);

        // The community registers two members who live there (an in-service member names an employer).
        var liu = await Register(fumin, new
        {
            kind = "in-service-member", person = new { name = "刘建国", phone = "13800000370", idNumber = "110105198503071234" }, communityId = "fuminjie",
            buildingId = "fuminjie-g1-b01", employer = new { name = "示范区人民医院" }, skills = new[] { "医疗护理" },
        });
        var wang = await Register(fumin, new { kind = "retired-member", person = new { name = "王秀兰", phone = "13800000371" }, communityId = "fuminjie" });

        // Not yet confirmed: no activity for her. The community confirms each and sets the post (设岗定责).
        foreach (var id in newcomer ? new[] { selfId, liu, wang } : [liu, wang])
            await fumin.PostAsync($"api/volunteers/volunteers/{id}/confirm", new { post = id == liu ? "健康服务岗" : "为老服务岗", duty = "每月至少两次" });
        await fumin.PostAsync($"api/volunteers/volunteers/{wang}/confirm", new { post = "楼门长" }, HttpStatusCode.UnprocessableEntity);

        var team = await fumin.PostAsync("api/volunteers/teams", new
        {
            name = "张思德志愿服务队", kind = "service", communityId = "fuminjie", leaderId = liu, memberIds = new[] { liu, wang },
        }, HttpStatusCode.Created);
        var teamId = team.GetProperty("id").GetString()!;
        await fumin.PostAsync($"api/volunteers/teams/{teamId}/members", new { volunteerId = selfId });

        // An activity tomorrow, 9:00 to 11:00 (district time), one place only.
        var today = platform.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var starts = new DateTimeOffset(today.Year, today.Month, today.Day, 9, 0, 0, TimeSpan.FromHours(8)).AddDays(1);
        var scheduled = await fumin.PostAsync("api/volunteers/activities", new
        {
            title = "上门为老服务：打扫、代购、陪聊", serviceKind = "elderly-visit", communityId = "fuminjie", teamId,
            place = new { address = "富民街 1 号院", gridId = "fuminjie-g1", buildingId = "fuminjie-g1-b01" }, startsAt = starts, endsAt = starts.AddHours(2),
            capacity = 1, posts = new[] { "打扫", "陪聊" },
        }, HttpStatusCode.Created);
        var activityId = scheduled.GetProperty("id").GetString()!;
        var activity = $"api/volunteers/activities/{activityId}";

        // She takes the only place; 刘建国 waits; when she cancels, he moves up; she signs up again and waits.
        await self.PostAsync($"{activity}/sign-ups", new { post = "陪聊" });
        await fumin.PostAsync($"{activity}/sign-ups", new { volunteerId = liu, post = "打扫" });
        Assert.Equal(["已报名", "候补"], Statuses(await fumin.GetJsonAsync(activity)));
        await self.PostAsync($"{activity}/sign-ups/cancel", new { });
        await self.PostAsync($"{activity}/sign-ups", new { post = "陪聊" });
        var roster = await fumin.GetJsonAsync(activity);
        Assert.Equal("已报名", Line(roster, liu).GetProperty("statusName").GetString());
        Assert.Equal("候补", Line(roster, selfId).GetProperty("statusName").GetString());
        Assert.Equal("刘建国", Line(roster, liu).GetProperty("name").GetString());
        Assert.Equal("富民街1号院", (await self.GetJsonAsync(activity)).GetProperty("summary").GetProperty("address").GetString()!.Replace(" ", ""));

        // At the place: the organizer shows a code; he checks in with it (a wrong one is refused); she, still waiting, is logged as a walk-in.
        platform.Clock.Advance(starts.AddMinutes(-10) - platform.Clock.GetUtcNow());
        var code = (await fumin.PostAsync($"{activity}/check-in-code", new { })).GetProperty("code").GetString()!;
        Assert.Matches("^[0-9]{6}$", code);
        await fumin.PostAsync($"{activity}/check-in", new { volunteerId = liu, code = code == "000000" ? "111111" : "000000" }, HttpStatusCode.UnprocessableEntity);
        await fumin.PostAsync($"{activity}/check-in", new { volunteerId = liu, code });
        await self.PostAsync($"{activity}/check-in", new { code }, HttpStatusCode.UnprocessableEntity);
        await self.PostAsync($"{activity}/check-in", new { volunteerId = liu, code }, HttpStatusCode.Forbidden);
        platform.Clock.Advance(TimeSpan.FromMinutes(110));
        await fumin.PostAsync($"{activity}/check-out", new { volunteerId = liu, code });
        await fumin.PostAsync($"{activity}/walk-ins", new { volunteerId = selfId, post = "陪聊", checkedInAt = starts.AddMinutes(5), checkedOutAt = starts.AddMinutes(100) });

        // Not before the end; then one action credits both, and not twice.
        await fumin.PostAsync($"{activity}/credit", new { }, HttpStatusCode.UnprocessableEntity);
        platform.Clock.Advance(TimeSpan.FromHours(1));
        await fumin.PostAsync($"{activity}/credit", new { });
        await fumin.PostAsync($"{activity}/credit", new { }, HttpStatusCode.UnprocessableEntity);

        // 刘建国: 9:00 to 10:40 from check-in (100 minutes); she: 95 minutes the organizer recorded, kept apart.
        var liuPage = await fumin.GetJsonAsync($"api/volunteers/volunteers/{liu}");
        Assert.Equal(1.67m, liuPage.GetProperty("standing").GetProperty("checkedHours").GetDecimal());
        Assert.Equal(0m, liuPage.GetProperty("standing").GetProperty("recordedHours").GetDecimal());
        var myPage = await self.GetJsonAsync("api/volunteers/volunteers/me");
        Assert.Equal(hoursBefore + 1.58m, myPage.GetProperty("standing").GetProperty("recordedHours").GetDecimal());
        Assert.Equal(pointsBefore + 1.58m, myPage.GetProperty("standing").GetProperty("points").GetDecimal());
        Assert.False(myPage.GetProperty("person").GetProperty("masked").GetBoolean());

        // A correction reverses and reposts; the statement shows both, and nothing is lost.
        await fumin.PostAsync($"{activity}/corrections", new { volunteerId = liu, minutes = 90, reason = "提前十分钟离开" });
        var statement = await fumin.GetJsonAsync($"api/volunteers/volunteers/{liu}/statement");
        Assert.Contains(statement.EnumerateArray(), line => line.GetProperty("amount").GetDecimal() == -1.67m);
        Assert.Contains(statement.EnumerateArray(), line => line.GetProperty("amount").GetDecimal() == 1.5m && line.GetProperty("kind").GetString() == "recorded-hours");
        var corrected = (await fumin.GetJsonAsync($"api/volunteers/volunteers/{liu}")).GetProperty("standing");
        Assert.Equal(1.5m, corrected.GetProperty("totalHours").GetDecimal());
        Assert.Equal(0m, corrected.GetProperty("checkedHours").GetDecimal());

        // Personal data: the street reads him masked; his community unmasked, and that view is logged for the auditor.
        var byStreet = await street.GetJsonAsync($"api/volunteers/volunteers/{liu}");
        Assert.True(byStreet.GetProperty("person").GetProperty("masked").GetBoolean());
        Assert.DoesNotContain("13800000370", byStreet.GetRawText());
        Assert.DoesNotContain("110105198503071234", byStreet.GetRawText());
        Assert.Equal("刘**", Line(await street.GetJsonAsync(activity), liu).GetProperty("name").GetString());
        await xinghua.GetJsonAsync($"api/volunteers/volunteers/{liu}", HttpStatusCode.Forbidden);
        var log = await auditor.GetJsonAsync($"api/volunteers/audit/personal-data-views?subjectId={liu}");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), view => view.GetProperty("viewerId").GetString() == "fumin-staff");
        Assert.True((await auditor.GetJsonAsync($"api/volunteers/audit/activities/{activityId}/verify")).GetProperty("intact").GetBoolean());
        using var printable = await auditor.GetAsync($"api/volunteers/audit/volunteers/{liu}/export.html");
        var html = await printable.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, printable.StatusCode);
        Assert.DoesNotContain("13800000370", html);
        Assert.Contains("富民街社区", html);
    }

    [Fact]
    public async Task Every_id_is_checked_bad_input_stores_nothing_and_a_stale_version_is_a_conflict()
    {
        using var fumin = await platform.LoginAsync("fumin-staff");
        using var district = await platform.LoginAsync("district-admin");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        var person = new { name = "赵敏", phone = "13800000372" };

        await district.PostAsync("api/volunteers/volunteers", new { kind = "resident", person, communityId = "no-such" }, HttpStatusCode.UnprocessableEntity);
        await fumin.PostAsync("api/volunteers/volunteers", new { kind = "resident", person, communityId = "fuminjie", buildingId = "xinghuananli-g1-b01" },
            HttpStatusCode.UnprocessableEntity);
        await xinghua.PostAsync("api/volunteers/volunteers", new { kind = "resident", person, communityId = "fuminjie" }, HttpStatusCode.Forbidden);
        var invalid = await fumin.PostAsync("api/volunteers/volunteers",
            new { kind = "in-service-member", person = new { name = "", phone = "call me", idNumber = "123" }, communityId = "fuminjie" }, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "person.name", "person.phone", "person.idNumber", "employer.name" })
            Assert.True(invalid.GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.DoesNotContain((await district.GetJsonAsync("api/volunteers/volunteers?q=赵&pageSize=200")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("community").GetProperty("id").GetString() == "fuminjie" && item.GetProperty("name").GetString() == "赵*");

        var zhao = await Register(fumin, new { kind = "resident", person, communityId = "fuminjie" });
        await fumin.PostAsync("api/volunteers/teams", new { name = "巾帼志愿服务队", kind = "service", communityId = "fuminjie", memberIds = new[] { zhao } },
            HttpStatusCode.UnprocessableEntity);
        await fumin.PostAsync($"api/volunteers/volunteers/{zhao}/confirm", new { post = "" }, HttpStatusCode.BadRequest);
        var confirmed = await fumin.PostAsync($"api/volunteers/volunteers/{zhao}/confirm", new { post = "文明引导岗" });
        var team = await fumin.PostAsync("api/volunteers/teams", new { name = "巾帼志愿服务队", kind = "service", communityId = "fuminjie", memberIds = new[] { zhao } },
            HttpStatusCode.Created);
        var teamPath = $"api/volunteers/teams/{team.GetProperty("id").GetString()}";
        var version = team.GetProperty("version").GetInt64();
        await fumin.PostAsync($"{teamPath}/leader", new { volunteerId = zhao }, ifMatch: version);
        await fumin.PostAsync($"{teamPath}/leader", new { volunteerId = zhao }, HttpStatusCode.Conflict, ifMatch: version);
        await fumin.PostAsync($"{teamPath}/members", new { volunteerId = "no-such" }, HttpStatusCode.UnprocessableEntity);

        var starts = platform.Clock.GetUtcNow().AddDays(3);
        await fumin.PostAsync("api/volunteers/activities", new
        {
            title = "巡逻", communityId = "fuminjie", teamId = "no-such", place = new { address = "富民街" }, startsAt = starts, endsAt = starts.AddHours(1), capacity = 5,
        }, HttpStatusCode.UnprocessableEntity);
        var bad = await fumin.PostAsync("api/volunteers/activities", new
        {
            title = "巡逻", communityId = "fuminjie", serviceKind = "party", place = new { address = "富民街" }, startsAt = starts, endsAt = starts.AddHours(-1), capacity = 0,
        }, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "serviceKind", "endsAt", "capacity" }) Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);
        await fumin.GetJsonAsync("api/volunteers/activities/no-such", HttpStatusCode.NotFound);
        await fumin.PostAsync("api/volunteers/activities/no-such/credit", new { }, HttpStatusCode.NotFound);
        await fumin.GetJsonAsync("api/volunteers/volunteers?kind=friend", HttpStatusCode.BadRequest);
        Assert.Equal("active", confirmed.GetProperty("status").GetString());
    }

    private static async Task<string> Register(HttpClient staff, object request) =>
        (await staff.PostAsync("api/volunteers/volunteers", request, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static List<string> Statuses(JsonElement activity) =>
        [.. activity.GetProperty("roster").EnumerateArray().Select(line => line.GetProperty("statusName").GetString()!)];

    private static JsonElement Line(JsonElement activity, string volunteerId) =>
        activity.GetProperty("roster").EnumerateArray().Single(line => line.GetProperty("volunteerId").GetString() == volunteerId);
}
