using System.Net;
using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.Integration;

/// <summary>Co-building agreements through the gateway: a community signs with a unit it co-builds with, the unit
/// reports its quarter, the street follows what is expiring, and every reference is checked.</summary>
[Collection(ResourcesPlatformCollection.Name)]
public sealed class AgreementsThroughGatewayTests(RunningPlatform platform)
{
    /// <summary>The district's today: an agreement of the tests runs from half a year ago to 200 days ahead, so that no
    /// expiry warning falls due while a test runs, whatever the day it runs on.</summary>
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static readonly string StartsOn = Day(Today.AddMonths(-6));

    private static readonly string EndsOn = Day(Today.AddDays(200));

    /// <summary>A quarter that has ended and lies within the agreement.</summary>
    private static readonly string ReportedQuarter = $"{Today.AddMonths(-3).Year}-Q{(Today.AddMonths(-3).Month - 1) / 3 + 1}";

    private static readonly string RenewedTo = Day(Today.AddDays(200).AddYears(1));

    [Fact]
    public async Task A_community_signs_with_its_unit_the_unit_reports_and_the_agreement_is_renewed()
    {
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var yongchang = await platform.LoginAsync("yongchang-staff");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var auditor = await platform.LoginAsync("auditor");
        await yongxinglu.PostAsync("api/resources/units",
            new { unitId = "u-yongxinglu-02", kind = "member", communityIds = new[] { "yongxinglu" } }, HttpStatusCode.Created);

        var signed = await yongxinglu.PostAsync("api/resources/agreements", new
        {
            unitId = "u-yongxinglu-02", communityId = "yongxinglu", title = "年度共建协议", startsOn = StartsOn, endsOn = EndsOn,
            commitments = new object[]
            {
                new { what = "社区志愿服务活动", measure = "activities", amount = 6, per = "year" },
                new { what = "党群活动场地", measure = "half-days", amount = 2, per = "month" },
            },
        }, HttpStatusCode.Created);
        var agreementId = signed.GetProperty("id").GetString()!;

        var page = await yongxinglu.GetJsonAsync($"api/resources/agreements/{agreementId}");
        var summary = page.GetProperty("summary");
        Assert.Equal("永兴路社区", summary.GetProperty("partyName").GetString());
        Assert.Equal("履行中", summary.GetProperty("statusName").GetString());
        Assert.Equal("党群活动场地 每月2 个半天场地", summary.GetProperty("commitments")[1].GetProperty("reads").GetString());
        // The street follows it; another community does not see it.
        Assert.Contains((await yongchang.GetJsonAsync("api/resources/agreements")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("id").GetString() == agreementId);
        await xinghua.GetJsonAsync($"api/resources/agreements/{agreementId}", HttpStatusCode.Forbidden);

        await yongxinglu.PostAsync($"api/resources/agreements/{agreementId}/reports", new { quarter = ReportedQuarter, summary = "开展活动 2 次，场地开放 6 个半天" });
        await yongxinglu.PostAsync($"api/resources/agreements/{agreementId}/reports", new { quarter = ReportedQuarter, summary = "重复" }, HttpStatusCode.BadRequest);
        var renewed = await yongxinglu.PostAsync($"api/resources/agreements/{agreementId}/renew", new { endsOn = RenewedTo });
        Assert.Equal("active", renewed.GetProperty("status").GetString());

        var after = await yongxinglu.GetJsonAsync($"api/resources/agreements/{agreementId}");
        Assert.Equal(RenewedTo, after.GetProperty("summary").GetProperty("endsOn").GetString());
        Assert.Equal(["签订协议", $"报告 {ReportedQuarter} 履约情况", $"续签至 {RenewedTo}"],
            after.GetProperty("changes").EnumerateArray().Select(change => change.GetProperty("title").GetString()!).ToArray());
        Assert.True((await auditor.GetJsonAsync($"api/resources/audit/agreements/{agreementId}/verify")).GetProperty("intact").GetBoolean());
        await auditor.PostAsync($"api/resources/agreements/{agreementId}/terminate", new { reason = "审计不能写" }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_agreement_names_a_unit_that_co_builds_with_the_party_and_bad_input_stores_nothing()
    {
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var district = await platform.LoginAsync("district-admin");
        await district.PostAsync("api/resources/units",
            new { unitId = "u-yongxinglu-03", kind = "in-area", communityIds = new[] { "yongxinglu" } }, HttpStatusCode.Created);
        var commitments = new[] { new { what = "捐赠物资", measure = "items", amount = 100, per = "year" } };
        var before = (await district.GetJsonAsync("api/resources/agreements?pageSize=200")).GetProperty("total").GetInt64();

        // A unit that is not registered, a community it does not serve, a party that is no community, no party at all.
        var unknownUnit = await yongxinglu.PostAsync("api/resources/agreements",
            new { unitId = "u-no-such", communityId = "yongxinglu", title = "协议", startsOn = StartsOn, endsOn = EndsOn, commitments },
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("unitId", unknownUnit.GetRawText());
        var notServed = await district.PostAsync("api/resources/agreements",
            new { unitId = "u-yongxinglu-03", communityId = "xinghuananli", title = "协议", startsOn = StartsOn, endsOn = EndsOn, commitments },
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("communityId", notServed.GetRawText());
        await district.PostAsync("api/resources/agreements",
            new { unitId = "u-yongxinglu-03", communityId = "yongchang", title = "协议", startsOn = StartsOn, endsOn = EndsOn, commitments },
            HttpStatusCode.UnprocessableEntity);
        await district.PostAsync("api/resources/agreements",
            new { unitId = "u-yongxinglu-03", title = "协议", startsOn = StartsOn, endsOn = EndsOn, commitments }, HttpStatusCode.BadRequest);
        var invalid = await yongxinglu.PostAsync("api/resources/agreements", new
        {
            unitId = "u-yongxinglu-03", communityId = "yongxinglu", title = "协议", startsOn = "2026-06-01", endsOn = "2026-01-01",
            commitments = new[] { new { what = "捐赠物资", measure = "bowls", amount = 0, per = "year" } },
        }, HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("endsOn", out _));
        Assert.True(errors.TryGetProperty("commitments[0].measure", out _));
        Assert.True(errors.TryGetProperty("commitments[0].amount", out _));
        await yongxinglu.GetJsonAsync("api/resources/agreements?status=pending", HttpStatusCode.BadRequest);
        Assert.Equal(before, (await district.GetJsonAsync("api/resources/agreements?pageSize=200")).GetProperty("total").GetInt64());

        // A street signs for itself with a unit that serves one of its communities.
        var byStreet = await district.PostAsync("api/resources/agreements",
            new { unitId = "u-yongxinglu-03", streetId = "yongchang", title = "街道共建协议", startsOn = StartsOn, endsOn = EndsOn, commitments },
            HttpStatusCode.Created);
        await yongxinglu.GetJsonAsync($"api/resources/agreements/{byStreet.GetProperty("id").GetString()}", HttpStatusCode.Forbidden);
        await yongxinglu.GetJsonAsync("api/resources/agreements/A20260101-000000000000", HttpStatusCode.NotFound);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
