using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Needs.Tests.Integration;

/// <summary>Small helpers for calling the Needs API through the gateway and reading its answers.</summary>
internal static class NeedsApi
{
    /// <summary>A street-level whistle case of 兴华南里, awaiting the street's dispatch.</summary>
    public static async Task<string> WhistleAsync(this HttpClient community, string title)
    {
        var needId = (await community.PostAsync("api/needs/needs", NeedsApi.SewerNeed(title), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await community.PostAsync($"api/needs/needs/{needId}/accept", new { });
        using var whistle = await community.PostAsJsonAsync($"api/needs/needs/{needId}/whistle", new
        {
            level = "street", whistleType = "key", reason = "涉及多个部门，社区无权处置", triedByCommunity = new[] { "社区协调" },
        });
        var caseId = (await whistle.ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.EndsWith($"/api/needs/cases/{caseId}", new Uri(whistle.RequestMessage!.RequestUri!, whistle.Headers.Location!).AbsolutePath);
        return caseId;
    }

    public static object SewerNeed(string title = "怡兴园1号楼与底商共用下水管道堵塞") => new
    {
        title,
        description = "1、2号楼与底商共用一条下水管道，底商油污导致反复堵塞，楼内返水。",
        category = "sewer",
        urgency = "urgent",
        place = new { streetId = "linxiaolu", communityId = "xinghuananli", address = "怡兴园1号楼东侧" },
        reporter = new { name = "蔡欣怡", phone = "13800000344" },
        channel = "grid",
    };
}
