using Platform.Projects.Copies;

namespace Platform.Projects.ProjectList;

/// <summary>The reads behind claiming: the claims waiting for a community (or a unit's own), the projects a unit may
/// claim, and what each promise of the units' agreements still holds for a project.</summary>
public static class ClaimEndpoints
{
    public sealed record ClaimListItem(
        string ProjectId, string ProjectName, string StreetId, string? CommunityId, string PartyName, ProjectEndpoints.ClaimSummary Claim);

    /// <param name="Reads">As 「爱心腊八粥 每年500 份：尚余 320 份（已交付 100，其他项目已认领 80）」.</param>
    public sealed record CommitmentOption(
        string AgreementId, string What, string Measure, string MeasureName, decimal DueInTerm, decimal Delivered, decimal Pledged, decimal Left, string Reads);

    public sealed record UnitCommitments(string UnitId, string UnitName, IReadOnlyList<CommitmentOption> Commitments);

    public static void Map(IEndpointRouteBuilder endpoints, RouteGroupBuilder projects)
    {
        endpoints.MapGet("/claims", ListAsync).RequireAccess(ProjectsActions.ReadProjects).WithTags("Projects").WithName("ListProjectClaims")
            .WithSummary("认领：社区与街道见本辖区项目的认领（待确认的在前），共建单位只见本单位的认领；status=open|confirmed|declined。");
        endpoints.MapGet("/claimable", ClaimableAsync).RequireAccess(ProjectsActions.ClaimProjects).WithTags("Projects").WithName("ListClaimableProjects")
            .WithSummary("可认领的项目：共建单位见与其有生效共建协议的社区（或街道）进行中的项目，工作人员见本辖区进行中的项目；新立项的在前。");
        projects.MapGet("/{projectId}/commitments", CommitmentsAsync).RequireAccess(ProjectsActions.ClaimProjects).WithName("ListCommitmentsForClaim")
            .WithSummary("认领时可投入的承诺：与项目所在地有生效共建协议的单位（共建单位只见本单位），每项承诺在协议期内的总量、已交付、其他进行中项目已认领与余量。");
    }

    internal static ProjectEndpoints.ClaimSummary Summary(ClaimView claim) => new(
        claim.ClaimId, claim.UnitId, claim.UnitName, claim.TaskId, claim.Task, claim.Pledge, claim.Note, claim.Status, ClaimView.StatusName(claim.Status),
        $"{claim.UnitName}认领{(claim.Task is null ? "整个项目" : $"「{claim.Task}」")}"
            + (claim.Pledge is { } pledge ? $"，投入「{pledge.Commitment}」{pledge.Amount:#,0.##} {ProjectDecider.MeasureName(pledge.Measure)}" : ""),
        claim.ClaimedAt, claim.DecidedAt, claim.Reason, claim.DeliveredOn);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, ProjectQueries queries, OrganizationDirectory directory, string? status, string? projectId, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or ClaimView.Open or ClaimView.Confirmed or ClaimView.Declined, "status", $"未知的认领状态「{status}」（应为 open、confirmed 或 declined）。")
            .ThrowIfInvalid();
        var found = await queries.ListClaimsAsync(user, status, projectId, CommandRequests.Paging(page, pageSize), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(row => row.CommunityId ?? row.StreetId), cancellationToken);
        return TypedResults.Ok(found.Select(row => new ClaimListItem(
            row.ProjectId, row.ProjectName, row.StreetId, row.CommunityId, names.GetValueOrDefault(row.CommunityId ?? row.StreetId, row.CommunityId ?? row.StreetId),
            Summary(row.Claim))));
    }

    private static async Task<IResult> ClaimableAsync(
        HttpContext http, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, OrganizationDirectory directory, TimeProvider clock, int? page,
        int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var paging = CommandRequests.Paging(page, pageSize);
        var found = user.Role == PlatformRole.UnitMember
            ? await queries.ActiveProjectsOfAsync(user.DistrictCode, await copies.PlacesBoundAsync(user.DistrictCode, user.UnitId!, today, cancellationToken), paging,
                cancellationToken)
            : await queries.ListProjectsAsync(user, new ProjectFilter(ProjectView.Active, null, null, null, null, null, null, paging), today, cancellationToken);
        return TypedResults.Ok(await ProjectEndpoints.SummariesAsync(user, directory, found, today, cancellationToken));
    }

    private static async Task<IResult> CommitmentsAsync(
        string projectId, HttpContext http, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var project = await ProjectEndpoints.ClaimableProjectAsync(user, projectId, guard, queries, copies, clock, cancellationToken);
        var party = new ProjectParty(project.StreetId, project.CommunityId);
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var agreements = user.Role == PlatformRole.UnitMember
            ? await copies.AgreementsInForceAsync(user.DistrictCode, user.UnitId!, party, today, cancellationToken)
            : await copies.AgreementsInForceAsync(user.DistrictCode, party, today, cancellationToken);
        var units = new List<UnitCommitments>();
        foreach (var byUnit in agreements.GroupBy(agreement => agreement.Facts.UnitId).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var standings = await copies.StandingsAsync(user.DistrictCode, [.. byUnit], cancellationToken);
            units.Add(new UnitCommitments(byUnit.Key, await copies.UnitNameAsync(user.DistrictCode, byUnit.Key, cancellationToken) ?? byUnit.Key,
                [.. standings.Select(Option)]));
        }
        return TypedResults.Ok(units);
    }

    private static CommitmentOption Option(CommitmentStanding standing)
    {
        var measure = ProjectDecider.MeasureName(standing.Measure);
        return new CommitmentOption(
            standing.AgreementId, standing.What, standing.Measure, measure, standing.DueInTerm, standing.Delivered, standing.Pledged, standing.Left,
            $"{standing.What}：尚余 {standing.Left:#,0.##} {measure}（协议期内共 {standing.DueInTerm:#,0.##}，已交付 {standing.Delivered:#,0.##}，进行中项目已认领 {standing.Pledged:#,0.##}）");
    }
}
