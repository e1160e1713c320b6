using System.Net;
using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.Integration;

/// <summary>Contributions through the gateway: a unit's 腊八粥 reported, confirmed by the community, corrected by a
/// reversing entry, counted against the agreement's pace, and added up for the community, the street and the district.</summary>
[Collection(ResourcesPlatformCollection.Name)]
public sealed class ContributionsThroughGatewayTests(RunningPlatform platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>A unit the district registers for 永兴路, and the agreement 永兴路 signs with it: half a year gone, 450
    /// bowls over the term and 6 activities a year.</summary>
    private async Task<(string UnitId, string AgreementId)> UnitWithAgreementAsync(HttpClient district, HttpClient community, string unitName)
    {
        var unit = await district.PostAsync("api/resources/units", new { name = unitName, kind = "merchant", communityIds = new[] { "yongxinglu" } },
            HttpStatusCode.Created);
        var unitId = unit.GetProperty("id").GetString()!;
        var agreement = await community.PostAsync("api/resources/agreements", new
        {
            unitId, communityId = "yongxinglu", title = "爱心腊八粥共建协议", startsOn = Today.AddDays(-181).ToString("yyyy-MM-dd"),
            endsOn = Today.AddDays(-181).AddYears(1).AddDays(-1).ToString("yyyy-MM-dd"),
            commitments = new object[]
            {
                new { what = "腊八粥", measure = "servings", amount = 450, per = "term" },
                new { what = "社区志愿服务活动", measure = "activities", amount = 6, per = "year" },
            },
        }, HttpStatusCode.Created);
        return (unitId, agreement.GetProperty("id").GetString()!);
    }

    private static object Congee(string unitId, string agreementId, int bowls) => new
    {
        coBuildingUnitId = unitId, communityId = "yongxinglu", agreementId, commitment = "腊八粥", what = "腊八粥", measure = "servings", amount = bowls,
        occurredOn = Today.AddDays(-1).ToString("yyyy-MM-dd"),
    };

    private static IEnumerable<(string Group, string Kind, decimal Given, decimal Received)> Totals(System.Text.Json.JsonElement ledger) =>
        ledger.GetProperty("totals").EnumerateArray().Select(total => (total.GetProperty("groupName").GetString()!, total.GetProperty("kindName").GetString()!,
            total.GetProperty("given").GetDecimal(), total.GetProperty("received").GetDecimal()));

    [Fact]
    public async Task A_contribution_is_confirmed_into_the_ledger_corrected_by_reversal_and_counted_against_the_commitment()
    {
        using var district = await platform.LoginAsync("district-admin");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var yongchang = await platform.LoginAsync("yongchang-staff");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var auditor = await platform.LoginAsync("auditor");
        var (unitId, agreementId) = await UnitWithAgreementAsync(district, yongxinglu, "永兴路老字号粥铺");

        var reported = await yongxinglu.PostAsync("api/resources/contributions", Congee(unitId, agreementId, 240), HttpStatusCode.Created);
        var contributionId = reported.GetProperty("id").GetString()!;
        var pending = await yongxinglu.GetJsonAsync($"api/resources/contributions?status=reported&coBuildingUnitId={unitId}");
        Assert.Equal("待社区确认", Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("statusName").GetString());
        await xinghua.PostAsync($"api/resources/contributions/{contributionId}/confirm", new { }, HttpStatusCode.Forbidden);
        await yongxinglu.PostAsync($"api/resources/contributions/{contributionId}/confirm", new { });

        var ledger = await yongxinglu.GetJsonAsync($"api/resources/contributions/ledger?groupBy=unit&coBuildingUnitId={unitId}");
        Assert.Equal([("永兴路老字号粥铺", "物资", 240m, 240m)], Totals(ledger));
        Assert.True(ledger.GetProperty("balanced").GetBoolean());

        // Half the term gone: 240 of 450 bowls keep pace, the activities (none held) fall behind.
        var agreement = (await yongxinglu.GetJsonAsync($"api/resources/agreements/{agreementId}")).GetProperty("summary");
        Assert.True(agreement.GetProperty("behindPace").GetBoolean());
        var congee = agreement.GetProperty("commitments")[0];
        Assert.Equal((240m, false), (congee.GetProperty("pace").GetProperty("delivered").GetDecimal(), congee.GetProperty("pace").GetProperty("behind").GetBoolean()));
        var activities = agreement.GetProperty("commitments")[1];
        Assert.True(activities.GetProperty("pace").GetProperty("behind").GetBoolean());
        Assert.Contains("按进度应完成", activities.GetProperty("paceReads").GetString());

        await yongxinglu.PostAsync($"api/resources/contributions/{contributionId}/correct", new { amount = 120, reason = "实际送出 120 份" });
        var detail = await yongxinglu.GetJsonAsync($"api/resources/contributions/{contributionId}");
        Assert.Equal((120m, 240m), (detail.GetProperty("summary").GetProperty("amount").GetDecimal(), detail.GetProperty("summary").GetProperty("reportedAmount").GetDecimal()));
        Assert.Equal(["登记贡献", "社区确认入账", "更正为 120（冲销原分录）"],
            detail.GetProperty("changes").EnumerateArray().Select(change => change.GetProperty("title").GetString()!));
        Assert.Equal([("永兴路老字号粥铺", "物资", 120m, 120m)],
            Totals(await yongxinglu.GetJsonAsync($"api/resources/contributions/ledger?groupBy=unit&coBuildingUnitId={unitId}")));

        // A report the community cannot confirm is declined and posts nothing.
        var second = await yongxinglu.PostAsync("api/resources/contributions", Congee(unitId, agreementId, 300), HttpStatusCode.Created);
        await yongxinglu.PostAsync($"api/resources/contributions/{second.GetProperty("id").GetString()}/decline", new { reason = "社区未收到" });
        // Corrected down to 120 bowls (and the declined 300 not counted), the bowls fall behind their pace too.
        var afterDecline = (await yongxinglu.GetJsonAsync($"api/resources/agreements/{agreementId}")).GetProperty("summary").GetProperty("commitments")[0];
        Assert.Equal((120m, true), (afterDecline.GetProperty("pace").GetProperty("delivered").GetDecimal(), afterDecline.GetProperty("pace").GetProperty("behind").GetBoolean()));

        // The street and the district add it up; every level balances.
        var street = await yongchang.GetJsonAsync("api/resources/contributions/ledger?groupBy=street");
        Assert.Contains(Totals(street), total => total.Group == "永昌街道" && total.Kind == "物资" && total.Received >= 120);
        Assert.True(street.GetProperty("balanced").GetBoolean());
        var whole = await district.GetJsonAsync("api/resources/contributions/ledger?groupBy=district");
        Assert.All(Totals(whole), total => Assert.Equal(("全区", total.Given), (total.Group, total.Received)));
        await xinghua.GetJsonAsync($"api/resources/contributions/{contributionId}", HttpStatusCode.Forbidden);
        Assert.DoesNotContain(Totals(await xinghua.GetJsonAsync("api/resources/contributions/ledger?groupBy=community")), total => total.Group == "永兴路社区");
        Assert.True((await auditor.GetJsonAsync($"api/resources/audit/contributions/{contributionId}/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Every_reference_is_checked_and_bad_input_stores_nothing()
    {
        using var district = await platform.LoginAsync("district-admin");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var laodong = await platform.LoginAsync("laodong-member");
        var (unitId, agreementId) = await UnitWithAgreementAsync(district, yongxinglu, "永兴路便民修车铺");
        var (otherUnitId, otherAgreementId) = await UnitWithAgreementAsync(district, yongxinglu, "永兴路便民理发店");
        var before = (await district.GetJsonAsync("api/resources/contributions?pageSize=1")).GetProperty("total").GetInt64();

        Assert.Contains("coBuildingUnitId", (await yongxinglu.PostAsync("api/resources/contributions", Congee("u-no-such", agreementId, 10),
            HttpStatusCode.UnprocessableEntity)).GetRawText());
        Assert.Contains("agreementId", (await yongxinglu.PostAsync("api/resources/contributions", Congee(unitId, otherAgreementId, 10),
            HttpStatusCode.UnprocessableEntity)).GetRawText());
        await district.PostAsync("api/resources/contributions", new
        {
            coBuildingUnitId = otherUnitId, communityId = "xinghuananli", what = "理发", measure = "people", amount = 20, occurredOn = Today.ToString("yyyy-MM-dd"),
        }, HttpStatusCode.UnprocessableEntity);
        var invalid = await yongxinglu.PostAsync("api/resources/contributions", new
        {
            coBuildingUnitId = unitId, communityId = "yongxinglu", agreementId, commitment = "年夜饭", what = "", measure = "bowls", amount = -1,
            occurredOn = Today.AddDays(3).ToString("yyyy-MM-dd"),
        }, HttpStatusCode.BadRequest);
        Assert.Equal(["amount", "commitment", "measure", "occurredOn", "what"], invalid.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order());
        // A unit's member reports for their own unit only, and never confirms.
        await laodong.PostAsync("api/resources/contributions", Congee(unitId, agreementId, 10), HttpStatusCode.Forbidden);
        await yongxinglu.GetJsonAsync("api/resources/contributions/ledger?groupBy=planet", HttpStatusCode.BadRequest);
        await yongxinglu.GetJsonAsync("api/resources/contributions/G20260101-000000000000", HttpStatusCode.NotFound);
        await yongxinglu.PostAsync("api/resources/contributions/G20260101-000000000000/confirm", new { }, HttpStatusCode.NotFound);

        Assert.Equal(before, (await district.GetJsonAsync("api/resources/contributions?pageSize=1")).GetProperty("total").GetInt64());
    }
}
