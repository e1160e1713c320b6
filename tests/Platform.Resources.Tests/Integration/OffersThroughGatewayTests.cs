using System.Net;
using System.Net.Http.Json;
using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.Integration;

/// <summary>Offers and bookings through the gateway: a unit's venue for two communities, booked from its calendar,
/// never twice for the same hours, however close together two communities ask.</summary>
[Collection(ResourcesPlatformCollection.Name)]
public sealed class OffersThroughGatewayTests(RunningPlatform platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>The first Saturday at least a week ahead, so the test never books a day that ends while it runs.</summary>
    private static readonly DateOnly Saturday = Enumerable.Range(7, 7).Select(Today.AddDays).First(date => date.DayOfWeek == DayOfWeek.Saturday);

    private static object Room(string unitId, string title, string[]? communityIds = null) => new
    {
        coBuildingUnitId = unitId, title, communityIds, description = "可容纳 40 人，有投影", kind = "venue", category = "venue", item = "活动室",
        capacity = new { amount = 1, measure = "bookings", scope = "at-a-time" },
        availability = new
        {
            from = Today.ToString("yyyy-MM-dd"), until = Today.AddDays(180).ToString("yyyy-MM-dd"),
            windows = new object[] { new { day = 6, from = "09:00", to = "12:00" }, new { day = 6, from = "14:00", to = "17:00" }, new { day = 3, from = "19:00", to = "21:00" } },
            blackouts = new[] { Saturday.AddDays(14).ToString("yyyy-MM-dd") },
        },
    };

    private static object Booking(string offerId, string communityId, DateOnly date, string from, string to) =>
        new { offerId, communityId, date = date.ToString("yyyy-MM-dd"), from, to, quantity = 1, purpose = "主题党日活动" };

    /// <summary>A unit the district registers for 永兴路 and 兴华南里, with a room offered to both.</summary>
    private async Task<string> PublishedRoomAsync(HttpClient district, string unitName)
    {
        var unit = await district.PostAsync("api/resources/units",
            new { name = unitName, kind = "social", communityIds = new[] { "yongxinglu", "xinghuananli" } }, HttpStatusCode.Created);
        var offer = await district.PostAsync("api/resources/offers", Room(unit.GetProperty("id").GetString()!, "党群活动室"), HttpStatusCode.Created);
        return offer.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_community_books_from_the_calendar_and_the_hours_it_holds_are_refused_to_the_next()
    {
        using var district = await platform.LoginAsync("district-admin");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var yongchang = await platform.LoginAsync("yongchang-staff");
        using var auditor = await platform.LoginAsync("auditor");
        var offerId = await PublishedRoomAsync(district, "示范区青年志愿者协会");

        var page = await yongxinglu.GetJsonAsync($"api/resources/offers/{offerId}");
        var summary = page.GetProperty("summary");
        Assert.Equal(("场地", "场地共享", "同一时段 1 场", "可预约"),
            (summary.GetProperty("kindName").GetString(), summary.GetProperty("categoryName").GetString(), summary.GetProperty("capacityReads").GetString(),
                summary.GetProperty("statusName").GetString()));
        Assert.Equal(["永兴路社区", "兴华南里社区"], summary.GetProperty("communities").EnumerateArray().Select(place => place.GetProperty("name").GetString()));
        Assert.Equal("周六 09:00–12:00", page.GetProperty("windows")[1].GetProperty("reads").GetString());

        var booked = await yongxinglu.PostAsync("api/resources/bookings", Booking(offerId, "yongxinglu", Saturday, "09:00", "11:00"), HttpStatusCode.Created);
        var bookingId = booked.GetProperty("id").GetString()!;
        var clash = await xinghua.PostAsync("api/resources/bookings", Booking(offerId, "xinghuananli", Saturday, "10:00", "12:00"),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("已约满", clash.GetProperty("detail").GetString());
        await xinghua.PostAsync("api/resources/bookings", Booking(offerId, "xinghuananli", Saturday, "11:00", "12:00"), HttpStatusCode.Created);
        // The blackout Saturday, and a Saturday evening outside the windows.
        await xinghua.PostAsync("api/resources/bookings", Booking(offerId, "xinghuananli", Saturday.AddDays(14), "09:00", "10:00"),
            HttpStatusCode.UnprocessableEntity);
        await xinghua.PostAsync("api/resources/bookings", Booking(offerId, "xinghuananli", Saturday, "18:00", "19:00"), HttpStatusCode.UnprocessableEntity);

        var calendar = await xinghua.GetJsonAsync($"api/resources/offers/{offerId}/calendar?from={Saturday:yyyy-MM-dd}&days=15");
        var days = calendar.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal("周六", days[0].GetProperty("weekday").GetString());
        Assert.Equal([(1m, 0m), (0m, 1m)], days[0].GetProperty("openings").EnumerateArray()
            .Select(opening => (opening.GetProperty("booked").GetDecimal(), opening.GetProperty("free").GetDecimal())));
        Assert.True(days[1].GetProperty("closed").GetBoolean());
        Assert.True(days[14].GetProperty("closed").GetBoolean());

        // Each community sees its own bookings; the street sees those of its communities.
        var mine = await yongxinglu.GetJsonAsync($"api/resources/bookings?offerId={offerId}");
        var only = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(("永兴路社区", "已预约"), (only.GetProperty("communityName").GetString(), only.GetProperty("statusName").GetString()));
        Assert.StartsWith($"{Saturday:yyyy-MM-dd}（周六） 09:00–11:00，1 场", only.GetProperty("reads").GetString());
        Assert.Single((await yongchang.GetJsonAsync($"api/resources/bookings?offerId={offerId}")).GetProperty("items").EnumerateArray());
        await xinghua.GetJsonAsync($"api/resources/bookings/{bookingId}", HttpStatusCode.Forbidden);
        await xinghua.PostAsync($"api/resources/bookings/{bookingId}/release", new { reason = "不是我的" }, HttpStatusCode.Forbidden);

        await yongxinglu.PostAsync($"api/resources/bookings/{bookingId}/release", new { reason = "活动改期" });
        await xinghua.PostAsync("api/resources/bookings", Booking(offerId, "xinghuananli", Saturday, "09:00", "11:00"), HttpStatusCode.Created);
        Assert.Equal("已释放", (await yongxinglu.GetJsonAsync($"api/resources/bookings/{bookingId}")).GetProperty("statusName").GetString());

        // Withdrawing releases what is still to come, and says why to each booking party.
        await district.PostAsync($"api/resources/offers/{offerId}/withdraw", new { reason = "场地装修" });
        var released = await xinghua.GetJsonAsync($"api/resources/bookings?offerId={offerId}&status=released");
        Assert.Equal(2, released.GetProperty("total").GetInt64());
        Assert.All(released.GetProperty("items").EnumerateArray(), item => Assert.Equal("资源下架：场地装修", item.GetProperty("releaseReason").GetString()));
        Assert.True((await auditor.GetJsonAsync($"api/resources/audit/offers/{offerId}/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Two_communities_booking_the_last_slot_at_the_same_moment_one_wins()
    {
        using var district = await platform.LoginAsync("district-admin");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        var offerId = await PublishedRoomAsync(district, "示范区律师协会第三党支部");

        // Every Wednesday evening of ten weeks is the last (only) slot of its day; both communities ask for each at once.
        foreach (var week in Enumerable.Range(1, 10))
        {
            var wednesday = Enumerable.Range(0, 7).Select(Today.AddDays(7 * week).AddDays).First(date => date.DayOfWeek == DayOfWeek.Wednesday);
            using var start = new SemaphoreSlim(0);
            var asks = new[] { (yongxinglu, "yongxinglu"), (xinghua, "xinghuananli") }.Select(async ask =>
            {
                await start.WaitAsync();
                using var response = await ask.Item1.PostAsJsonAsync("api/resources/bookings", Booking(offerId, ask.Item2, wednesday, "19:00", "21:00"));
                return response.StatusCode;
            }).ToList();
            start.Release(2);
            var answers = await Task.WhenAll(asks);

            Assert.Equal(1, answers.Count(answer => answer == HttpStatusCode.Created));
            Assert.All(answers.Where(answer => answer != HttpStatusCode.Created),
                answer => Assert.True(answer is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict, $"the loser got {(int)answer}"));
        }

        var held = await district.GetJsonAsync($"api/resources/bookings?offerId={offerId}&status=held&pageSize=50");
        Assert.Equal(10, held.GetProperty("total").GetInt64());
        var calendar = await district.GetJsonAsync($"api/resources/offers/{offerId}/calendar?from={Today.AddDays(7):yyyy-MM-dd}&days=70");
        Assert.All(calendar.GetProperty("days").EnumerateArray().Where(day => day.GetProperty("weekday").GetString() == "周三"),
            day => Assert.Equal(0m, day.GetProperty("openings")[0].GetProperty("free").GetDecimal()));
    }

    [Fact]
    public async Task Every_reference_is_checked_and_bad_input_stores_nothing()
    {
        using var district = await platform.LoginAsync("district-admin");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var laodong = await platform.LoginAsync("laodong-member");
        var offerId = await PublishedRoomAsync(district, "示范区红十字会志愿服务队");
        var offers = (await district.GetJsonAsync("api/resources/offers?pageSize=1")).GetProperty("total").GetInt64();
        var bookings = (await district.GetJsonAsync("api/resources/bookings?pageSize=1")).GetProperty("total").GetInt64();

        var noUnit = await district.PostAsync("api/resources/offers", Room("u-no-such", "活动室"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("coBuildingUnitId", noUnit.GetRawText());
        var unit = (await district.GetJsonAsync($"api/resources/offers/{offerId}")).GetProperty("summary").GetProperty("unitId").GetString()!;
        var notServed = await district.PostAsync("api/resources/offers", Room(unit, "活动室", ["fuminjie"]), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("communityIds", notServed.GetRawText());
        var invalid = await district.PostAsync("api/resources/offers", new
        {
            coBuildingUnitId = unit, title = "", kind = "hall", category = "rooms",
            capacity = new { amount = 0, measure = "bookings", scope = "at-a-time" },
            availability = new { from = "2027-01-01", until = "2026-12-01", windows = new[] { new { day = 6, from = "12:00", to = "09:00" } } },
        }, HttpStatusCode.BadRequest);
        Assert.Equal(["availability.until", "availability.windows[0].to", "capacity.amount", "category", "kind", "title"],
            invalid.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order());
        // A unit's member acts for their own unit only.
        await laodong.PostAsync("api/resources/offers", Room(unit, "活动室"), HttpStatusCode.Forbidden);

        var unknownOffer = await yongxinglu.PostAsync("api/resources/bookings", Booking("R20260101-000000000000", "yongxinglu", Saturday, "09:00", "10:00"),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("offerId", unknownOffer.GetRawText());
        await district.PostAsync("api/resources/bookings", Booking(offerId, "no-such-community", Saturday, "09:00", "10:00"), HttpStatusCode.UnprocessableEntity);
        await district.PostAsync("api/resources/bookings", Booking(offerId, "fuminjie", Saturday, "09:00", "10:00"), HttpStatusCode.UnprocessableEntity);
        await yongxinglu.PostAsync("api/resources/bookings", Booking(offerId, "xinghuananli", Saturday, "09:00", "10:00"), HttpStatusCode.Forbidden);
        await yongxinglu.PostAsync("api/resources/bookings", Booking(offerId, "yongxinglu", Today.AddDays(-7), "09:00", "10:00"), HttpStatusCode.BadRequest);
        await yongxinglu.GetJsonAsync("api/resources/bookings/B20260101-000000000000", HttpStatusCode.NotFound);
        await yongxinglu.GetJsonAsync($"api/resources/offers/{offerId}/calendar?days=400", HttpStatusCode.BadRequest);
        await yongxinglu.GetJsonAsync("api/resources/offers?category=rooms", HttpStatusCode.BadRequest);

        Assert.Equal(offers, (await district.GetJsonAsync("api/resources/offers?pageSize=1")).GetProperty("total").GetInt64());
        Assert.Equal(bookings, (await district.GetJsonAsync("api/resources/bookings?pageSize=1")).GetProperty("total").GetInt64());
    }
}
