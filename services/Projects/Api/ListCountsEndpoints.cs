using Npgsql;
using Platform.Projects.Copies;

namespace Platform.Projects.Api;

/// <summary>The five lists of a place at a glance, as far as the Projects service knows them: the accepted needs
/// waiting and taken into projects, the offers open to it, the projects and their 责任清单, and the meetings' decisions
/// and reviews (反馈清单). Counted from the service's own views and copies, never another service's tables.</summary>
public static class ListCountsEndpoints
{
    public sealed record NeedCounts(long Accepted, long InProjects);

    public sealed record ProjectCounts(long Active, long Completed, long Overdue, long Dropped);

    public sealed record TaskCounts(long Done, long OnTime, long Late);

    public sealed record FeedbackCounts(long MeetingsHeld, long Decisions, long Reviews);

    /// <param name="Offers">Published offers that reach a community of the place.</param>
    public sealed record FiveLists(string PartyId, string PartyName, NeedCounts Needs, long Offers, ProjectCounts Projects, TaskCounts Responsibilities,
        FeedbackCounts Feedback, DateOnly On);

    public static IEndpointRouteBuilder MapListCountsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/lists", CountAsync).RequireAccess(ProjectsActions.ReadMeetings).WithTags("Projects").WithName("GetFiveListCounts")
            .WithSummary("五张清单概况：本社区（或街道、全区）已受理待对接与已纳入项目的需求、可用资源、项目（进行中、完成、逾期、撤销）、责任清单任务（完成、按期、逾期）、联席会议的决定与评议。");
        return endpoints;
    }

    private static async Task<IResult> CountAsync(
        HttpContext http, AccessGuard guard, OrganizationDirectory directory, NpgsqlDataSource dataSource, TimeProvider clock, string? streetId,
        string? communityId, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        // Community and street staff count their own place, whatever they ask for.
        communityId = user.Role == PlatformRole.CommunityStaff ? user.CommunityId : communityId;
        streetId = user.Role == PlatformRole.StreetStaff && communityId is null ? user.StreetId : streetId;
        var party = await MeetingEndpoints.PartyAsync(user, guard, directory, streetId, communityId, cancellationToken);
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        await using var command = dataSource.CreateCommand($"""
            WITH scoped_projects AS (
                SELECT status, next_deadline, need_ids FROM {ProjectsSchema.Name}.project_views
                WHERE tenant_id = $1 AND ($2::text IS NULL OR street_id = $2) AND ($3::text IS NULL OR community_id = $3)),
            scoped_tasks AS (
                SELECT deadline, done_on FROM {ProjectsSchema.Name}.project_tasks
                WHERE tenant_id = $1 AND ($2::text IS NULL OR street_id = $2) AND ($3::text IS NULL OR community_id = $3)),
            scoped_meetings AS (
                SELECT status, decisions, reviews FROM {ProjectsSchema.Name}.meeting_views
                WHERE tenant_id = $1 AND ($2::text IS NULL OR street_id = $2) AND ($3::text IS NULL OR community_id = $3)),
            places AS (
                SELECT unit_id FROM {OrganizationDirectory.Schema}.org_units
                WHERE district_code = $1 AND kind = 'community' AND NOT closed AND ($2::text IS NULL OR street_id = $2) AND ($3::text IS NULL OR unit_id = $3))
            SELECT
                (SELECT count(*) FROM {ProjectCopies.Needs.Table}
                  WHERE tenant_id = $1 AND introduced AND status = '{ProjectCopies.Accepted}'
                    AND ($2::text IS NULL OR street_id = $2) AND ($3::text IS NULL OR community_id = $3)),
                (SELECT count(DISTINCT need_id) FROM scoped_projects, unnest(need_ids) need_id WHERE status <> 'dropped'),
                (SELECT count(*) FROM {ProjectCopies.Offers.Table}
                  WHERE tenant_id = $1 AND introduced AND status = '{ProjectCopies.Published}'
                    AND (facts->'communityIds') ?| (SELECT coalesce(array_agg(unit_id), ARRAY[]::text[]) FROM places)),
                (SELECT count(*) FROM scoped_projects WHERE status = 'active'),
                (SELECT count(*) FROM scoped_projects WHERE status = 'completed'),
                (SELECT count(*) FROM scoped_projects WHERE status = 'active' AND next_deadline < $4),
                (SELECT count(*) FROM scoped_tasks WHERE done_on IS NOT NULL),
                (SELECT count(*) FROM scoped_tasks WHERE done_on IS NULL AND deadline >= $4),
                (SELECT count(*) FROM scoped_tasks WHERE done_on IS NULL AND deadline < $4),
                (SELECT count(*) FROM scoped_meetings WHERE status <> 'scheduled'),
                (SELECT coalesce(sum(decisions), 0) FROM scoped_meetings),
                (SELECT coalesce(sum(reviews), 0) FROM scoped_meetings),
                (SELECT count(*) FROM scoped_projects WHERE status = 'dropped')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = user.DistrictCode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)party.StreetId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)party.CommunityId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long At(int column) => Convert.ToInt64(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);
        var names = await directory.NamesAsync(user.DistrictCode, [party.PartyId], cancellationToken);
        return TypedResults.Ok(new FiveLists(
            party.PartyId, names.GetValueOrDefault(party.PartyId, "全区"), new NeedCounts(At(0), At(1)), At(2), new ProjectCounts(At(3), At(4), At(5), At(12)),
            new TaskCounts(At(6), At(7), At(8)), new FeedbackCounts(At(9), At(10), At(11)), today));
    }
}
