using System.Net;
using System.Text.Json;
using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.Integration;

/// <summary>Co-building units through the gateway, as a community secretary, a street, a unit's own member and an
/// auditor use them, on real PostgreSQL and RabbitMQ.</summary>
[Collection(ResourcesPlatformCollection.Name)]
public sealed class UnitsThroughGatewayTests(RunningPlatform platform)
{
    [Fact]
    public async Task A_community_registers_its_co_building_unit_and_each_role_sees_what_it_may()
    {
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var yongchang = await platform.LoginAsync("yongchang-staff");
        using var linxiaolu = await platform.LoginAsync("linxiaolu-staff");
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        using var laodong = await platform.LoginAsync("laodong-member");
        using var auditor = await platform.LoginAsync("auditor");

        // 老东粥皇 is in the district's org tree: it keeps the tree's id and name (seed 001: its 腊八粥 for everyone over 60).
        var joined = await yongxinglu.PostAsync("api/resources/units", new
        {
            unitId = "u-laodong", kind = "signed", liaison = new { name = "高浩然", phone = "13800000074", title = "党建联络人" },
            communityIds = new[] { "yongxinglu" },
        }, HttpStatusCode.Created);
        Assert.Equal("u-laodong", joined.GetProperty("id").GetString());

        var listed = await yongxinglu.GetJsonAsync("api/resources/units?communityId=yongxinglu");
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray(), unit => unit.GetProperty("id").GetString() == "u-laodong");
        Assert.Equal("老东粥皇", item.GetProperty("name").GetString());
        Assert.Equal("签约共建单位", item.GetProperty("kindName").GetString());
        Assert.Equal("永兴路社区", item.GetProperty("communities")[0].GetProperty("name").GetString());

        // The street of a community it serves sees it; another street and another community do not.
        Assert.Contains(Ids(await yongchang.GetJsonAsync("api/resources/units")), id => id == "u-laodong");
        Assert.DoesNotContain(Ids(await linxiaolu.GetJsonAsync("api/resources/units")), id => id == "u-laodong");
        await xinghua.GetJsonAsync("api/resources/units/u-laodong", HttpStatusCode.Forbidden);

        // The community it serves and the unit itself read the liaison; the street and the auditor read it masked.
        var bySecretary = await yongxinglu.GetJsonAsync("api/resources/units/u-laodong");
        Assert.Equal("13800000074", bySecretary.GetProperty("liaison").GetProperty("phone").GetString());
        var byStreet = await yongchang.GetJsonAsync("api/resources/units/u-laodong");
        Assert.True(byStreet.GetProperty("liaison").GetProperty("masked").GetBoolean());
        Assert.DoesNotContain("13800000074", byStreet.GetRawText());
        var ownPage = await laodong.GetJsonAsync("api/resources/units/u-laodong");
        Assert.False(ownPage.GetProperty("liaison").GetProperty("masked").GetBoolean());
        Assert.Equal(["u-laodong"], Ids(await laodong.GetJsonAsync("api/resources/units")));

        // The unit keeps its liaison current itself; a change decided on an older version is a conflict.
        var version = ownPage.GetProperty("summary").GetProperty("version").GetInt64();
        await laodong.PostAsync("api/resources/units/u-laodong/liaison", new { name = "向卫东", phone = "13800000075", title = "店长" }, ifMatch: version);
        await yongxinglu.PostAsync("api/resources/units/u-laodong/liaison", new { name = "高浩然", phone = "13800000074" }, HttpStatusCode.Conflict, ifMatch: version);
        // A unit member acts for its own unit only, and manages nothing else.
        await laodong.PostAsync("api/resources/units/u-laodong/leave", new { reason = "自行退出" }, HttpStatusCode.Forbidden);

        // Only what its community saw unmasked is logged, and the auditor reads the log and the unit's verified history.
        var log = await auditor.GetJsonAsync("api/resources/audit/personal-data-views?subjectId=u-laodong");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), view => view.GetProperty("viewerId").GetString() == "yongxinglu-staff");
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(), view => view.GetProperty("viewerId").GetString() == "laodong-member");
        Assert.True((await auditor.GetJsonAsync("api/resources/audit/units/u-laodong/verify")).GetProperty("intact").GetBoolean());
        using var printable = await auditor.GetAsync("api/resources/audit/units/u-laodong/export.html");
        var html = await printable.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, printable.StatusCode);
        Assert.Contains("<td>永兴路社区</td>", html);
        Assert.Contains("<td>签约共建单位</td>", html);
        Assert.DoesNotContain("13800000075", html);
        await auditor.PostAsync("api/resources/units/u-laodong/leave", new { reason = "审计不能写" }, HttpStatusCode.Forbidden);

        var left = await yongxinglu.PostAsync("api/resources/units/u-laodong/leave", new { reason = "门店搬迁" });
        Assert.Equal("left", left.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_id_a_unit_names_is_checked_and_bad_input_stores_nothing()
    {
        using var yongxinglu = await platform.LoginAsync("yongxinglu-staff");
        using var district = await platform.LoginAsync("district-admin");
        var liaison = new { name = "李明", phone = "13800000101" };

        var unknownCommunity = await district.PostAsync("api/resources/units",
            new { name = "示范区图书馆", kind = "in-area", liaison, communityIds = new[] { "no-such-community" } }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("communityIds", unknownCommunity.GetRawText());
        // A street is not a community; a community is not a unit of the tree.
        await district.PostAsync("api/resources/units",
            new { name = "永昌街道", kind = "in-area", communityIds = new[] { "yongchang" } }, HttpStatusCode.UnprocessableEntity);
        var notAUnit = await district.PostAsync("api/resources/units",
            new { unitId = "xinghuananli", kind = "member", communityIds = new[] { "xinghuananli" } }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("unitId", notAUnit.GetRawText());
        // A community registers units for itself only.
        await yongxinglu.PostAsync("api/resources/units",
            new { name = "兴华超市", kind = "merchant", communityIds = new[] { "xinghuananli" } }, HttpStatusCode.Forbidden);
        var invalid = await yongxinglu.PostAsync("api/resources/units",
            new { name = "", kind = "friend", liaison = new { name = "李明", phone = "call me" }, communityIds = new[] { "yongxinglu" } }, HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("liaison.phone", out _));
        await yongxinglu.GetJsonAsync("api/resources/units?kind=friend", HttpStatusCode.BadRequest);
        Assert.DoesNotContain(Names(await district.GetJsonAsync("api/resources/units?pageSize=200")), name => name is "示范区图书馆" or "兴华超市");

        // A unit of its own (not in the tree) gets an id; the same tree unit twice is a conflict.
        var created = await yongxinglu.PostAsync("api/resources/units",
            new { name = "永兴帮帮团", kind = "volunteer-group", liaison, communityIds = new[] { "yongxinglu" } }, HttpStatusCode.Created);
        var createdId = created.GetProperty("id").GetString()!;
        Assert.StartsWith("U", createdId);
        // Another community takes the unit on for itself, and then sees it; it cannot drop the first community.
        using var xinghua = await platform.LoginAsync("xinghua-staff");
        await xinghua.GetJsonAsync($"api/resources/units/{createdId}", HttpStatusCode.Forbidden);
        await xinghua.PostAsync($"api/resources/units/{createdId}/communities", new { communityIds = new[] { "xinghuananli" } }, HttpStatusCode.Forbidden);
        await xinghua.PostAsync($"api/resources/units/{createdId}/communities", new { communityIds = new[] { "yongxinglu", "xinghuananli" } });
        Assert.Equal(2, (await xinghua.GetJsonAsync($"api/resources/units/{createdId}")).GetProperty("summary").GetProperty("communities").GetArrayLength());
        await yongxinglu.PostAsync("api/resources/units",
            new { unitId = "u-yongxinglu-01", kind = "member", communityIds = new[] { "yongxinglu" } }, HttpStatusCode.Created);
        await yongxinglu.PostAsync("api/resources/units",
            new { unitId = "u-yongxinglu-01", kind = "member", communityIds = new[] { "yongxinglu" } }, HttpStatusCode.Conflict);
        await yongxinglu.GetJsonAsync("api/resources/units/no-such-unit", HttpStatusCode.NotFound);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(unit => unit.GetProperty("id").GetString()!)];

    private static List<string> Names(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(unit => unit.GetProperty("name").GetString()!)];
}
