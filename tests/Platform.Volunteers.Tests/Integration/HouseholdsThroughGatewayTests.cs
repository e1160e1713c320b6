using System.Net;

namespace Platform.Volunteers.Tests.Integration;

/// <summary>
/// 三色管理 in 富民街 through the gateway: the community files a red household and names its party member; only the
/// community and that member read the file (each time the staff open it is logged); the street reads counts; a week
/// without a visit is noticed by the timer; a colour change carries its reason.
/// </summary>
[Collection(VolunteersPlatformCollection.Name)]
public sealed class HouseholdsThroughGatewayTests(VolunteersPlatform platform)
{
    [Fact]
    public async Task A_file_is_the_community_s_and_its_member_s_the_street_sees_counts_and_an_overdue_visit_is_noticed()
    {
        using var fumin = await platform.LoginAsync("fumin-staff");
        using var member = await platform.LoginAsync("fumin-volunteer");
        using var street = await platform.LoginAsync("zhenwudong-staff");
        using var district = await platform.LoginAsync("district-admin");
        using var auditor = await platform.LoginAsync("auditor");

        // The responsible member must be a party member of the community: 杨红梅 registers as one (or already is a volunteer).
        var memberId = await PartyMemberAsync(fumin, member);
        var resident = (await fumin.PostAsync("api/volunteers/volunteers", new { kind = "resident", person = new { name = "陈晓", phone = "13800000390" }, communityId = "fuminjie" },
            HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await fumin.PostAsync($"api/volunteers/volunteers/{resident}/confirm", new { post = "楼门长" });
        var request = new
        {
            gridId = "fuminjie-g1", buildingId = "fuminjie-g1-b01", address = "2单元102", head = new { name = "李大爷", phone = "13700000088" },
            groups = new[] { "独居老人" }, colour = "red", reason = "独居、行动不便", memberId = resident,
        };
        await fumin.PostAsync("api/volunteers/households", request, HttpStatusCode.UnprocessableEntity);
        await street.PostAsync("api/volunteers/households", request with { memberId = memberId }, HttpStatusCode.Forbidden);
        var filed = await fumin.PostAsync("api/volunteers/households", request with { memberId = memberId }, HttpStatusCode.Created);
        var householdId = filed.GetProperty("id").GetString()!;
        var path = $"api/volunteers/households/{householdId}";

        // The community and the member read the file; the street and the district do not, and read counts instead.
        var file = await fumin.GetJsonAsync(path);
        Assert.Equal("13700000088", file.GetProperty("head").GetProperty("phone").GetString());
        Assert.Equal("红户", file.GetProperty("summary").GetProperty("colourName").GetString());
        Assert.Contains((await member.GetJsonAsync("api/volunteers/households")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("id").GetString() == householdId);
        await street.GetJsonAsync(path, HttpStatusCode.Forbidden);
        await district.GetJsonAsync("api/volunteers/households", HttpStatusCode.Forbidden);
        var counts = await street.GetJsonAsync("api/volunteers/households/counts");
        var fuminjie = counts.EnumerateArray().Single(count => count.GetProperty("community").GetProperty("id").GetString() == "fuminjie");
        Assert.True(fuminjie.GetProperty("red").GetInt64() >= 1);
        Assert.DoesNotContain("李大爷", counts.GetRawText());

        // The member records a visit; a week and a day later with none, the timer notices it overdue.
        var today = DateOnly.FromDateTime(platform.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        await member.PostAsync($"{path}/visits", new { visitedOn = today, whatWasDone = "打扫卫生、陪聊" });
        await member.PostAsync($"{path}/visits", new { visitedOn = today.AddDays(1), whatWasDone = "未来" }, HttpStatusCode.BadRequest);
        platform.Clock.Advance(TimeSpan.FromDays(9));
        await Eventually.HoldsAsync(async () => (await fumin.GetJsonAsync(path)).GetProperty("changes").EnumerateArray()
            .Any(change => change.GetProperty("title").GetString()!.StartsWith("走访逾期", StringComparison.Ordinal)), "the overdue visit is noticed");
        Assert.True((await fumin.GetJsonAsync(path)).GetProperty("summary").GetProperty("overdue").GetBoolean());
        Assert.Contains((await fumin.GetJsonAsync("api/volunteers/households?overdue=true")).GetProperty("items").EnumerateArray(),
            item => item.GetProperty("id").GetString() == householdId);

        // A colour changes only with a reason; the auditor reads each staff opening of the file and the history masked.
        await fumin.PostAsync($"{path}/colour", new { colour = "yellow" }, HttpStatusCode.BadRequest);
        await fumin.PostAsync($"{path}/colour", new { colour = "yellow", reason = "子女接回同住" });
        var log = await auditor.GetJsonAsync($"api/volunteers/audit/personal-data-views?subjectId={householdId}");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), view => view.GetProperty("viewerId").GetString() == "fumin-staff");
        using var printable = await auditor.GetAsync($"api/volunteers/audit/households/{householdId}/export.html");
        var html = await printable.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, printable.StatusCode);
        Assert.DoesNotContain("13700000088", html);
        Assert.DoesNotContain("2单元102", html);
        Assert.Contains("子女接回同住", html);
    }

    /// <summary>The demo volunteer login (杨红梅, a retired party member) confirmed in 富民街, registered here unless another test did.</summary>
    private static async Task<string> PartyMemberAsync(HttpClient staff, HttpClient volunteer)
    {
        using var mine = await volunteer.GetAsync("api/volunteers/volunteers/me");
        if (mine.StatusCode == HttpStatusCode.OK) return (await mine.ReadAsync(HttpStatusCode.OK)).GetProperty("summary").GetProperty("id").GetString()!;
        var id = (await volunteer.PostAsync("api/volunteers/volunteers", new { kind = "retired-member", person = new { name = "杨红梅", phone = "13800000369" } },
            HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await staff.PostAsync($"api/volunteers/volunteers/{id}/confirm", new { post = "为老服务岗" });
        return id;
    }
}
