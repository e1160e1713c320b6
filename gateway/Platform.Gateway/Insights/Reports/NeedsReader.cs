using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.Insights.Reports;

/// <summary>A department's month as the Needs service scores it (rates are fractions 0–1, the score is out of 100).</summary>
public sealed record DepartmentScoreRow(
    int? Rank, string DepartmentId, string DepartmentName, int Dispatched, double? ResponseRate, double? ResolutionRate, double? SatisfactionRate,
    double? OnTimeRate, double? Score);

/// <summary>A whistle case or a need as the Needs service lists it, with what the report shows of it.</summary>
public sealed record ListedCase(
    string Id, string Title, string CategoryName, string StatusName, string StreetId, string CommunityId, string? LeadDepartmentId, string? LevelName,
    DateTimeOffset? BlownAt, DateTimeOffset? RaisedAt);

/// <summary>The Needs service is down or refused to answer the gateway on the caller's behalf.</summary>
public sealed class UpstreamUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Reads what a monthly report takes from the Needs service's own API, as the caller (their token is passed on, so
/// the service narrows to their place as it does for the console): the departments' scores, whose rule lives in that
/// service, and the cases worth naming. The gateway reads none of the service's tables.
/// </summary>
public sealed class NeedsReader(HttpClient client, IProxyConfigProvider proxy, IHttpContextAccessor accessor)
{
    private const string Cluster = "needs";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record ScoresAnswer(IReadOnlyList<DepartmentScoreRow> Items);

    private sealed record Page(IReadOnlyList<ListedCase> Items, long Total);

    public async Task<IReadOnlyList<DepartmentScoreRow>> ScoresAsync(string period, string? streetId, CancellationToken cancellationToken) =>
        (await GetAsync<ScoresAnswer>($"scores?period={period}{Street(streetId)}", cancellationToken)).Items;

    /// <summary>The whistles open past their limit now, the longest late first as the service orders them.</summary>
    public async Task<(IReadOnlyList<ListedCase> Items, long Total)> OverdueCasesAsync(string? streetId, int take, CancellationToken cancellationToken)
    {
        var page = await GetAsync<Page>($"cases?open=true&overdue=true&page=1&pageSize={take}{Street(streetId)}", cancellationToken);
        return (page.Items, page.Total);
    }

    /// <summary>The needs raised in the month that went to the departments by whistle (吹哨报到).</summary>
    public async Task<(IReadOnlyList<ListedCase> Items, long Total)> WhistledNeedsAsync(
        string period, string? streetId, int take, CancellationToken cancellationToken)
    {
        var page = await GetAsync<Page>($"needs?raisedIn={period}&stage=whistled&page=1&pageSize={take}{Street(streetId)}", cancellationToken);
        return (page.Items, page.Total);
    }

    private static string Street(string? streetId) => streetId is null ? "" : $"&streetId={Uri.EscapeDataString(streetId)}";

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        var address = proxy.GetConfig().Clusters.FirstOrDefault(cluster => cluster.ClusterId == Cluster)?.Destinations?.Values.FirstOrDefault()?.Address
            ?? throw new UpstreamUnavailableException("需求服务未配置。");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(address), path));
        if (accessor.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new UpstreamUnavailableException($"需求服务未能提供报表所需的数据（{(int)response.StatusCode}），请稍后再试。");
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new UpstreamUnavailableException("需求服务返回了空的答复。");
        }
        catch (HttpRequestException exception)
        {
            throw new UpstreamUnavailableException("需求服务暂时无法连接，请稍后再试。", exception);
        }
    }
}
