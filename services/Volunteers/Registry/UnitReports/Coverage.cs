using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Volunteers.Registry;

/// <summary>双报到 coverage per community, for its staff, its street and the district: the party members and volunteers
/// serving there, the units reported against the units the org tree places there, and the hours credited this year.</summary>
public static class CoverageEndpoint
{
    public sealed record CommunityCoverageView(
        VolunteerEndpoints.NamedPlace Street, VolunteerEndpoints.NamedPlace Community, long InServiceMembers, long RetiredMembers, long Volunteers,
        long UnitsReported, long UnitsConfirmed, long UnitsInCommunity, decimal HoursThisYear);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/coverage", CoverageAsync).RequireAccess(VolunteersActions.ReadUnitReports).WithTags("Volunteers").WithName("ReportingCoverage")
            .WithSummary("双报到覆盖情况：各社区在岗的在职党员、离退休党员与志愿者人数，已报到与已确认的单位数（对照组织架构中位于该社区的单位），本年服务时长。");

    private static async Task<IResult> CoverageAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, TimeProvider clock, string? streetId,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var rows = await queries.CoverageAsync(user, streetId, new DateOnly(today.Year, 1, 1), cancellationToken);
        var units = (await directory.ListAsync(user.DistrictCode, OrganizationUnitKinds.CoBuildingUnit, cancellationToken))
            .Where(unit => !unit.Closed && unit.CommunityId is not null).GroupBy(unit => unit.CommunityId!).ToDictionary(group => group.Key, group => group.Count());
        var names = await directory.NamesAsync(user.DistrictCode, rows.SelectMany(row => new[] { row.StreetId, row.CommunityId }), cancellationToken);
        return TypedResults.Ok(rows.Select(row => new CommunityCoverageView(
            new VolunteerEndpoints.NamedPlace(row.StreetId, names.GetValueOrDefault(row.StreetId, row.StreetId)),
            new VolunteerEndpoints.NamedPlace(row.CommunityId, names.GetValueOrDefault(row.CommunityId, row.CommunityId)), row.InServiceMembers, row.RetiredMembers,
            row.Volunteers, row.UnitsReported, row.UnitsConfirmed, units.GetValueOrDefault(row.CommunityId), Math.Round(row.HoursThisYear, 2))).ToList());
    }
}
