using Platform.Authorization;
using Platform.Contracts.Organization;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;

namespace Platform.Gateway.Insights.Reports;

/// <summary>Puts a month's report together: the district view's figures (this module's own read model), and from the
/// Needs service's API, as the caller, the departments' scores and the cases worth naming.</summary>
public sealed class MonthlyReports(InsightsQueries queries, NeedsReader needs, TimeProvider clock)
{
    /// <summary>How many overdue whistles and whistled needs a report names; it gives the total of each beside them.</summary>
    public const int NotableCases = 10;

    /// <returns>Null when the place is not one the caller works in.</returns>
    public async Task<MonthlyReport?> BuildAsync(PlatformUser user, string? placeId, string period, CancellationToken cancellationToken)
    {
        var overview = await queries.OverviewAsync(user, placeId, period, cancellationToken);
        if (overview is null) return null;
        if (overview.Place.Kind == OrganizationUnitKinds.Community)
            throw new InvalidCommandException("月报按街道或全区编制，社区的情况在其街道的月报中。", new Dictionary<string, string[]> { ["place"] = ["请选择街道或全区。"] });

        var streetId = overview.Place.Kind == OrganizationUnitKinds.Street ? overview.Place.Id : null;
        var departments = await needs.ScoresAsync(period, streetId, cancellationToken);
        var overdue = await needs.OverdueCasesAsync(streetId, NotableCases, cancellationToken);
        var whistled = await needs.WhistledNeedsAsync(period, streetId, NotableCases, cancellationToken);
        var names = await queries.NamesAsync(user.DistrictCode,
            [.. overdue.Items.Concat(whistled.Items).SelectMany(item => new[] { item.CommunityId, item.LeadDepartmentId ?? "" })], cancellationToken);
        NotableCase Notable(ListedCase item, string detail, DateTimeOffset? at) => new(
            item.Title, names.GetValueOrDefault(item.CommunityId, item.CommunityId), detail, item.StatusName, at is { } time ? DistrictTime.Format(time) : "");

        var rows = overview.Place.Kind == OrganizationUnitKinds.District ? overview.Streets : overview.Communities;
        return new MonthlyReport(
            period, overview.Place, clock.GetUtcNow(), ReportLayout.Sections(overview.Figures),
            overview.Place.Kind == OrganizationUnitKinds.District ? "各街道情况" : "各社区情况（需关注的在前）",
            ReportLayout.PlaceColumns,
            [.. rows.Select(row => new ReportPlaceRow(row.Name, ReportLayout.PlaceValues(row.Figures), row.Attention))],
            departments,
            [.. overdue.Items.Select(item => Notable(item, item.LeadDepartmentId is { } lead ? names.GetValueOrDefault(lead, lead) : "待派单", item.BlownAt))],
            overdue.Total,
            [.. whistled.Items.Select(item => Notable(item, item.CategoryName, item.RaisedAt))], whistled.Total,
            overview.Sources);
    }
}
