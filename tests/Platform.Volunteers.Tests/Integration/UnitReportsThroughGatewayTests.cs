using System.Net;

namespace Platform.Volunteers.Tests.Integration;

/// <summary>双报到 of units through the gateway: 老东粥皇's member reports it to 永兴路, where it is; another unit cannot
/// report for it; the community confirms it, and the coverage counts it against the units the tree places there.</summary>
[Collection(VolunteersPlatformCollection.Name)]
public sealed class UnitReportsThroughGatewayTests(VolunteersPlatform platform)
{
    [Fact]
    public async Task A_unit_reports_itself_the_community_confirms_it_and_the_coverage_counts_it()
    {
        using var laodong = await platform.LoginAsync("laodong-member");
        using var huayu = await platform.LoginAsync("huayu-wuye-member");
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var yongchang = await platform.LoginAsync("yongchang-staff");

        await huayu.PostAsync("api/volunteers/unit-reports", new { unitId = "u-laodong", partyOrganization = "支部", partyMembers = 1, offering = "服务" },
            HttpStatusCode.Forbidden);
        await laodong.PostAsync("api/volunteers/unit-reports", new { partyOrganization = "", partyMembers = -1 }, HttpStatusCode.BadRequest);
        await laodong.PostAsync("api/volunteers/unit-reports",
            new { partyOrganization = "老东粥皇党支部", partyMembers = 6, offering = "每年腊八为 60 岁以上老人送腊八粥" }, HttpStatusCode.Created);
        await laodong.PostAsync("api/volunteers/unit-reports",
            new { partyOrganization = "老东粥皇党支部", partyMembers = 6, offering = "腊八粥" }, HttpStatusCode.Conflict);

        var reports = await yongxinglu.GetJsonAsync("api/volunteers/unit-reports");
        var report = reports.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("unitId").GetString() == "u-laodong");
        Assert.Equal("待社区确认", report.GetProperty("statusName").GetString());
        Assert.Equal("永兴路社区", report.GetProperty("communityName").GetString());
        await yongxinglu.PostAsync("api/volunteers/unit-reports/u-laodong/confirm", new { duty = "腊八粥与为老服务" });

        var coverage = await yongchang.GetJsonAsync("api/volunteers/coverage");
        var community = coverage.EnumerateArray().Single(row => row.GetProperty("community").GetProperty("id").GetString() == "yongxinglu");
        Assert.Equal(1, community.GetProperty("unitsConfirmed").GetInt64());
        Assert.True(community.GetProperty("unitsInCommunity").GetInt64() >= 1);
        Assert.Single((await laodong.GetJsonAsync("api/volunteers/unit-reports")).GetProperty("items").EnumerateArray());
    }
}
