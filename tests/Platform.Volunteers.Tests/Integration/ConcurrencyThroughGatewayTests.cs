using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Volunteers.Tests.Integration;

/// <summary>
/// Parallel requests through the gateway on real PostgreSQL, in 永安西里: two volunteers for the last place of an
/// activity, two cancellations that each free a place for the waitlist, and two volunteers redeeming the last gift.
/// Each writer either wins or decides again on what the other left; nothing is lost and nothing goes below zero.
/// </summary>
[Collection(VolunteersPlatformCollection.Name)]
public sealed class ConcurrencyThroughGatewayTests(VolunteersPlatform platform)
{
    [Fact]
    public async Task The_last_place_and_the_waitlist_promotions_under_parallel_requests()
    {
        using var staff = await platform.LoginAsync("yonganxili-staff");
        var volunteers = await RegisterAsync(staff, ["孙立", "钱芳", "周强", "吴敏"]);
        var starts = platform.Clock.GetUtcNow().AddDays(2);
        var activity = await ScheduleAsync(staff, "环境清洁日", starts, capacity: 1);

        await Task.WhenAll(volunteers.Take(2).Select(id => staff.PostAsync($"{activity}/sign-ups", new { volunteerId = id })));
        var statuses = Statuses(await staff.GetJsonAsync(activity));
        Assert.Equal(1, statuses.Count(status => status == "signed-up"));
        Assert.Equal(1, statuses.Count(status => status == "waitlisted"));

        var wider = await ScheduleAsync(staff, "楼道清理", starts, capacity: 2);
        foreach (var id in volunteers) await staff.PostAsync($"{wider}/sign-ups", new { volunteerId = id });
        await Task.WhenAll(volunteers.Take(2).Select(id => staff.PostAsync($"{wider}/sign-ups/cancel", new { volunteerId = id })));
        var roster = (await staff.GetJsonAsync(wider)).GetProperty("roster").EnumerateArray()
            .ToDictionary(line => line.GetProperty("volunteerId").GetString()!, line => line.GetProperty("status").GetString());
        Assert.Equal("signed-up", roster[volunteers[2]]);
        Assert.Equal("signed-up", roster[volunteers[3]]);
        Assert.Equal("cancelled", roster[volunteers[0]]);
    }

    [Fact]
    public async Task Two_volunteers_redeeming_the_last_gift_leave_one_gift_given_and_no_stock_below_zero()
    {
        using var staff = await platform.LoginAsync("yonganxili-staff");
        var volunteers = await RegisterAsync(staff, ["郑华", "王磊"]);
        // Each earns two points at a two-hour activity, logged by the organizer.
        var starts = platform.Clock.GetUtcNow().AddHours(1);
        var activity = await ScheduleAsync(staff, "政策宣讲", starts, capacity: 5);
        platform.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(5));
        foreach (var id in volunteers)
            await staff.PostAsync($"{activity}/walk-ins", new { volunteerId = id, checkedInAt = starts, checkedOutAt = starts.AddHours(2) });
        await staff.PostAsync($"{activity}/credit", new { });

        var gift = await staff.PostAsync("api/volunteers/ledger/gifts", new { name = "生活用品一份", kind = "gift", points = 2, quantity = 1, communityId = "yonganxili" },
            HttpStatusCode.Created);
        var giftId = gift.GetProperty("id").GetString()!;
        var answers = await Task.WhenAll(volunteers.Select(async id =>
        {
            using var response = await staff.PostAsJsonAsync($"api/volunteers/ledger/gifts/{giftId}/redeem", new { volunteerId = id });
            return response.StatusCode;
        }));
        Assert.Single(answers, status => status == HttpStatusCode.OK);
        Assert.All(answers.Where(status => status != HttpStatusCode.OK), status => Assert.True(status is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict));

        var gifts = await staff.GetJsonAsync("api/volunteers/ledger/gifts?communityId=yonganxili");
        var stocked = gifts.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetString() == giftId);
        Assert.Equal(0, stocked.GetProperty("stock").GetInt32());
        Assert.Equal(1, stocked.GetProperty("redeemed").GetInt32());
        var points = new List<decimal>();
        foreach (var id in volunteers)
            points.Add((await staff.GetJsonAsync($"api/volunteers/ledger?volunteerId={id}")).GetProperty("standing").GetProperty("points").GetDecimal());
        Assert.Equal([0m, 2m], points.Order());
        // Out of stock now, and the one who paid cannot pay twice.
        await staff.PostAsync($"api/volunteers/ledger/gifts/{giftId}/redeem", new { volunteerId = volunteers[0] }, HttpStatusCode.UnprocessableEntity);
        await staff.PostAsync($"api/volunteers/ledger/gifts/{giftId}/restock", new { quantity = 1 });
        var poorer = volunteers[points.IndexOf(0m)];
        await staff.PostAsync($"api/volunteers/ledger/gifts/{giftId}/redeem", new { volunteerId = poorer }, HttpStatusCode.UnprocessableEntity);
    }

    private static async Task<List<string>> RegisterAsync(HttpClient staff, IEnumerable<string> names)
    {
        var ids = new List<string>();
        var phone = 13900000100 + Random.Shared.Next(0, 800) * 10;
        foreach (var name in names)
        {
            var id = (await staff.PostAsync("api/volunteers/volunteers", new { kind = "resident", person = new { name, phone = (phone++).ToString(System.Globalization.CultureInfo.InvariantCulture) }, communityId = "yonganxili" },
                HttpStatusCode.Created)).GetProperty("id").GetString()!;
            await staff.PostAsync($"api/volunteers/volunteers/{id}/confirm", new { post = "环境岗" });
            ids.Add(id);
        }
        return ids;
    }

    private static async Task<string> ScheduleAsync(HttpClient staff, string title, DateTimeOffset starts, int capacity) =>
        $"api/volunteers/activities/{(await staff.PostAsync("api/volunteers/activities", new
        {
            title, communityId = "yonganxili", place = new { address = "永安西里社区" }, startsAt = starts, endsAt = starts.AddHours(2), capacity,
        }, HttpStatusCode.Created)).GetProperty("id").GetString()}";

    private static List<string> Statuses(JsonElement activity) =>
        [.. activity.GetProperty("roster").EnumerateArray().Select(line => line.GetProperty("status").GetString()!)];
}
