using System.Globalization;
using Npgsql;
using Platform.Authorization;
using Platform.Contracts.Organization;
using Platform.Needs.Catalogue;
using Platform.Needs.ReadModels;
using Platform.Needs.Scores;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;

namespace Platform.Needs.Api;

public static class ReportingEndpoints
{
    public static IEndpointRouteBuilder MapReportingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/catalogue", Catalogue).RequireAccess(NeedsActions.ReadCatalogue).WithTags("Needs").WithName("GetNeedsCatalogue")
            .WithSummary("需求目录：类别、紧急程度、来源渠道、办理类别及其时限、吹哨类型和考评权重。");
        endpoints.MapGet("/scores", Scores).RequireAccess(NeedsActions.ReadScores).WithTags("Scores").WithName("GetDepartmentScores")
            .WithSummary("部门考评：各部门的响应率、解决率、满意率、按时反馈率和平均用时，派单满规定件数的部门按加权得分排名。");
        endpoints.MapGet("/dashboard", Dashboard).RequireAccess(NeedsActions.ReadScores).WithTags("Scores").WithName("GetNeedsDashboard");
        endpoints.MapGet("/notifications", Notifications).RequireAccess(NeedsActions.ReadNotifications).WithTags("Needs").WithName("GetNotifications");
        return endpoints;
    }

    public sealed record Level(string Code, string Name);

    public sealed record Department(string Id, string Name, string? StreetId);

    private static async Task<IResult> Catalogue(
        HttpContext http, AccessGuard guard, NeedsCatalogue catalogue, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        // The departments a dispatcher picks from; the street ones carry their street, the district's have none.
        var departments = await directory.ListAsync(user.DistrictCode, OrganizationUnitKinds.Department, cancellationToken);
        return CatalogueResponse(catalogue, [.. departments.Select(department => new Department(department.UnitId, department.Name, department.StreetId))]);
    }

    /// <summary>Everything the console names codes by, and the departments a dispatcher picks from.</summary>
    public sealed record CatalogueView(
        IReadOnlyList<Department> Departments, IReadOnlyList<NeedCategory> Categories, IReadOnlyList<CodeName> Urgencies, IReadOnlyList<CodeName> Channels,
        IReadOnlyList<HandlingClass> HandlingClasses, IReadOnlyList<CodeName> WhistleTypes, IReadOnlyList<Level> Levels, double SignWithinHours,
        ScoreWeights ScoreWeights, IReadOnlyDictionary<string, string> FieldNames);

    public sealed record NotificationsView(IReadOnlyList<NeedsQueries.Notification> Items);

    private static IResult CatalogueResponse(NeedsCatalogue catalogue, IReadOnlyList<Department> departments) => TypedResults.Ok(new CatalogueView(
        departments, catalogue.Categories, catalogue.Urgencies, catalogue.Channels, catalogue.HandlingClasses, catalogue.WhistleTypes,
        [new Level("community", "社区"), new Level("street", "街道"), new Level("district", "区")], catalogue.SignWithinHours, catalogue.ScoreWeights,
        Audit.NeedsFieldNames.All));

    public sealed record ScoresResponse(
        string Period, ScoreWeights Weights, int MinimumCasesToRank, string? StreetId, IReadOnlyList<DepartmentScore> Items);

    private static async Task<IResult> Scores(
        HttpContext http, AccessGuard guard, NpgsqlDataSource dataSource, OrganizationDirectory directory, NeedsCatalogue catalogue, TimeProvider clock,
        string? period, string? streetId, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        period ??= StatisticsProjection.PeriodOf(clock.GetUtcNow());
        if (period != "all" && !DateTime.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new InvalidCommandException("period 须为 yyyy-MM 或 all。", new Dictionary<string, string[]> { ["period"] = ["须为 yyyy-MM 或 all。"] });
        // A street sees how departments served its own communities; the district sees all streets together.
        if (user.Role == PlatformRole.StreetStaff) streetId = user.StreetId;

        await using var command = dataSource.CreateCommand($"""
            SELECT department_id,
                   sum(dispatched)::int, sum(signed_in_time)::int, sum(callbacks)::int, sum(resolved)::int, sum(satisfied)::int,
                   sum(reported)::int, sum(reported_in_time)::int, sum(signed)::int, sum(sign_minutes), sum(handle_hours)
            FROM {NeedsSchema.Name}.department_scores
            WHERE tenant_id = $1 AND ($2 = 'all' OR period = $2) AND ($3::text IS NULL OR street_id = $3)
            GROUP BY department_id
            """);
        command.Parameters.Add(new() { Value = user.DistrictCode });
        command.Parameters.Add(new() { Value = period });
        command.Parameters.Add(new() { Value = (object?)streetId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var tallies = new List<DepartmentTally>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tallies.Add(new DepartmentTally(
                    reader.GetString(0), reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetDouble(9), reader.GetDouble(10)));
            }
        }
        var names = await directory.NamesAsync(user.DistrictCode, tallies.Select(tally => tally.DepartmentId), cancellationToken);
        var scores = tallies
            .Select(tally => DepartmentScoring.Score(tally with { DepartmentName = names.GetValueOrDefault(tally.DepartmentId, tally.DepartmentId) }, catalogue.ScoreWeights))
            .ToList();
        return TypedResults.Ok(new ScoresResponse(
            period, catalogue.ScoreWeights, catalogue.MinimumCasesToRank, streetId, DepartmentScoring.Rank(scores, catalogue.MinimumCasesToRank)));
    }

    public sealed record StreetCounts(string StreetId, string StreetName, int OpenNeeds, int OpenCases, int OverdueCases);

    public sealed record DashboardResponse(int OpenNeeds, int NeedsThisMonth, int OpenCases, int OverdueCases, IReadOnlyList<StreetCounts> ByStreet, DateTimeOffset UpdatedAt);

    private static async Task<IResult> Dashboard(
        HttpContext http, AccessGuard guard, NpgsqlDataSource dataSource, OrganizationDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var now = clock.GetUtcNow();
        var monthStart = DistrictTime.StartOfMonth(now);
        await using var command = dataSource.CreateCommand($"""
            SELECT street_id,
                   count(*) FILTER (WHERE kind = 'need' AND is_open)::int,
                   count(*) FILTER (WHERE kind = 'need' AND opened_at >= $3)::int,
                   count(*) FILTER (WHERE kind = 'case' AND is_open)::int,
                   count(*) FILTER (WHERE kind = 'case' AND is_open AND overdue)::int
            FROM {NeedsSchema.Name}.dashboard_items
            WHERE tenant_id = $1 AND ($2::text IS NULL OR street_id = $2)
            GROUP BY street_id ORDER BY street_id
            """);
        command.Parameters.Add(new() { Value = user.DistrictCode });
        // A street's office and the street's own departments see their street; the district's departments, the district.
        var street = user.Role is PlatformRole.StreetStaff or PlatformRole.DepartmentStaff ? user.StreetId : null;
        command.Parameters.Add(new() { Value = (object?)street ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = monthStart.ToUniversalTime() });
        var streets = new List<StreetCounts>();
        var thisMonth = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                streets.Add(new StreetCounts(reader.GetString(0), reader.GetString(0), reader.GetInt32(1), reader.GetInt32(3), reader.GetInt32(4)));
                thisMonth += reader.GetInt32(2);
            }
        }
        var streetNames = await directory.NamesAsync(user.DistrictCode, streets.Select(street => street.StreetId), cancellationToken);
        streets = [.. streets.Select(street => street with { StreetName = streetNames.GetValueOrDefault(street.StreetId, street.StreetId) })];
        return TypedResults.Ok(new DashboardResponse(
            streets.Sum(street => street.OpenNeeds), thisMonth, streets.Sum(street => street.OpenCases), streets.Sum(street => street.OverdueCases), streets, now));
    }

    private static async Task<IResult> Notifications(HttpContext http, AccessGuard guard, NeedsQueries queries, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 200) throw new InvalidCommandException("limit 须在 1–200 之间。");
        var user = guard.CurrentUser(http);
        return TypedResults.Ok(new NotificationsView(await queries.NotificationsAsync(user, limit ?? 50, cancellationToken)));
    }
}
