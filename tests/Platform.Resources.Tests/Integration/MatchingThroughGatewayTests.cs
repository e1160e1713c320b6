using System.Net;
using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.Integration;

/// <summary>Matching through the gateway: a need 永兴路 accepts reaches Resources by the bus, and the offers that can
/// answer it are suggested with their reasons; a need not yet accepted, or of another community, is not matched.</summary>
[Collection(ResourcesPlatformCollection.Name)]
public sealed class MatchingThroughGatewayTests(RunningPlatform platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static object ElderlyNeed => new
    {
        title = "独居老人需要陪同就医", description = "3号楼独居老人行动不便，每月需陪同到医院复查。", category = "elderly", urgency = "normal", channel = "staff",
        place = new { streetId = "yongchang", communityId = "yongxinglu" }, reporter = new { name = "刘秀英", phone = "13800004321" },
    };

    [Fact]
    public async Task An_accepted_need_is_matched_to_the_offers_that_can_answer_it_with_reasons()
    {
        using var district = await platform.LoginAsync("district-admin");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        var unit = await district.PostAsync("api/resources/units", new { name = "永兴路助老服务社", kind = "social", communityIds = new[] { "yongxinglu" } },
            HttpStatusCode.Created);
        var offer = await district.PostAsync("api/resources/offers", new
        {
            coBuildingUnitId = unit.GetProperty("id").GetString(), title = "助老陪诊", kind = "services", category = "elderly", item = "陪医助医",
            capacity = new { amount = 3, measure = "people", scope = "at-a-time" },
            availability = new
            {
                from = Today.ToString("yyyy-MM-dd"), until = Today.AddDays(90).ToString("yyyy-MM-dd"),
                windows = Enumerable.Range(0, 7).Select(day => new { day, from = "08:00", to = "17:00" }),
            },
        }, HttpStatusCode.Created);
        var offerId = offer.GetProperty("id").GetString()!;

        var needId = (await yongxinglu.PostAsync("api/needs/needs", ElderlyNeed, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        // Raised but not accepted: nothing to match yet.
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await yongxinglu.GetAsync($"api/resources/matches?needId={needId}");
            return response.StatusCode == HttpStatusCode.UnprocessableEntity;
        }, "Resources knows the raised need");
        await yongxinglu.PostAsync($"api/needs/needs/{needId}/accept", new { });

        // Until Resources has heard of the acceptance, the need is still "not accepted" there (a 422).
        var suggestion = await Eventually.ReachesAsync(async () =>
        {
            using var response = await yongxinglu.GetAsync($"api/resources/matches?needId={needId}");
            if (response.StatusCode != HttpStatusCode.OK) return default;
            var matches = await response.ReadAsync(HttpStatusCode.OK);
            return matches.GetProperty("suggestions").EnumerateArray().FirstOrDefault(item => item.GetProperty("offerId").GetString() == offerId);
        }, item => item.ValueKind != System.Text.Json.JsonValueKind.Undefined, "the offer suggested for the accepted need");
        Assert.Equal(("助老陪诊", "永兴路助老服务社", "为老服务"),
            (suggestion.GetProperty("title").GetString(), suggestion.GetProperty("unitName").GetString(), suggestion.GetProperty("categoryName").GetString()));
        Assert.Contains("「为老服务」类服务，可回应此类需求", suggestion.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()));

        await xinghua.GetJsonAsync($"api/resources/matches?needId={needId}", HttpStatusCode.Forbidden);
        await yongxinglu.GetJsonAsync("api/resources/matches?needId=N20260101-00000000", HttpStatusCode.NotFound);
        await yongxinglu.GetJsonAsync("api/resources/matches", HttpStatusCode.BadRequest);
    }
}
