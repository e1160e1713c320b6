using System.Net;

namespace Platform.Volunteers.Tests.Integration;

/// <summary>双报到's quarterly feedback: an in-service member of 华昱家园物业 who reports to 兴华南里 serves, and the
/// unit's own member prints the quarter's sheet; another unit cannot.</summary>
[Collection(VolunteersPlatformCollection.Name)]
public sealed class EmployerSheetThroughGatewayTests(VolunteersPlatform platform)
{
    [Fact]
    public async Task The_employer_prints_its_members_quarter_of_service()
    {
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var huayu = await platform.LoginAsync("huayu-wuye-member");
        using var laodong = await platform.LoginAsync("laodong-member");

        var member = (await xinghua.PostAsync("api/volunteers/volunteers", new
        {
            kind = "in-service-member", person = new { name = "冯志远", phone = "13800000401" }, communityId = "xinghuananli",
            employer = new { unitId = "u-xhnl-huayu-wuye" }, skills = new[] { "巡逻" },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await xinghua.PostAsync($"api/volunteers/volunteers/{member}/confirm", new { post = "巡逻岗" });

        // A patrol that ended an hour ago; the organizer logs him and credits it.
        var starts = platform.Clock.GetUtcNow().AddHours(-3);
        var activity = (await xinghua.PostAsync("api/volunteers/activities", new
        {
            title = "国庆期间巡逻防控", serviceKind = "patrol", communityId = "xinghuananli", place = new { address = "兴华南里小区" }, startsAt = starts,
            endsAt = starts.AddHours(2), capacity = 10,
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await xinghua.PostAsync($"api/volunteers/activities/{activity}/walk-ins", new { volunteerId = member, checkedInAt = starts, checkedOutAt = starts.AddHours(2) });
        await xinghua.PostAsync($"api/volunteers/activities/{activity}/credit", new { });

        var day = starts.ToOffset(TimeSpan.FromHours(8));
        var quarter = $"{day.Year}-Q{(day.Month - 1) / 3 + 1}";
        using var sheet = await huayu.GetAsync($"api/volunteers/employers/u-xhnl-huayu-wuye/quarter-sheet?quarter={quarter}");
        var html = await sheet.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Contains("冯志远", html);
        Assert.Contains("国庆期间巡逻防控", html);
        Assert.Contains("兴华南里社区", html);
        Assert.Contains("<td>2 小时</td>", html);

        using var foreign = await laodong.GetAsync($"api/volunteers/employers/u-xhnl-huayu-wuye/quarter-sheet?quarter={quarter}");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var malformed = await huayu.GetAsync("api/volunteers/employers/u-xhnl-huayu-wuye/quarter-sheet?quarter=2026-5");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
