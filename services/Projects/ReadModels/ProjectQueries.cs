using Npgsql;
using Platform.Projects.ProjectList;
using Platform.Kernel.Time;
using Platform.Storage.Views;

namespace Platform.Projects.ReadModels;

/// <param name="Overdue">Only projects with a task past its deadline (true), or none (false).</param>
/// <param name="DecidedIn">A month (<c>2026-11</c>) in which the projects were decided.</param>
public sealed record ProjectFilter(
    string? Status, string? StreetId, string? CommunityId, string? UnitId, string? NeedId, bool? Overdue, string? Query, PageRequest Paging,
    string? DecidedIn = null);

/// <summary>Reads of the views, always narrowed to what the caller's role and place may see, then to the filters.</summary>
public sealed class ProjectQueries(NpgsqlDataSource dataSource)
{
    private const string ProjectViews = $"{ProjectsSchema.Name}.project_views";

    /// <summary>A project is its community's and street's, and each unit's that answers for one of its tasks.</summary>
    private static readonly ViewScopeColumns ProjectScope = new(Unit: "unit_ids", UnitsAreLists: true);

    private readonly JsonViews views = new(dataSource, ProjectsViewProjection.Json);

    public Task<ProjectView?> FindProjectAsync(string tenantId, string projectId, CancellationToken cancellationToken) =>
        views.FindAsync<ProjectView>(ProjectViews, "project_id", tenantId, projectId, cancellationToken);

    /// <summary>Which of <paramref name="needIds"/> a project has taken in and still holds (a dropped project gave its needs back).</summary>
    public async Task<IReadOnlySet<string>> NeedsInProjectsAsync(string tenantId, string[] needIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT unnest(need_ids) FROM {ProjectViews} WHERE tenant_id = $1 AND need_ids && $2 AND status <> '{ProjectView.Dropped}'");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = needIds });
        var taken = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) taken.Add(reader.GetString(0));
        return taken;
    }

    /// <summary>A claim is its project's community's and street's, and the claiming unit's.</summary>
    private static readonly ViewScopeColumns ClaimScope = new(Unit: "unit_id");

    /// <summary>The claims the caller may see (a unit's members only their own), waiting ones first, then the newest.</summary>
    public Task<ResultPage<ClaimRow>> ListClaimsAsync(PlatformUser user, string? status, string? projectId, PageRequest paging, CancellationToken cancellationToken) =>
        views.PageAsync<ClaimRow>($"{ProjectsSchema.Name}.project_claims",
            new ViewFilter(user.DistrictCode).NarrowTo(user, ClaimScope).AddWhenGiven("status = {0}", status).AddWhenGiven("project_id = {0}", projectId),
            $"status = '{ClaimView.Open}' DESC, claimed_at DESC, project_id, claim_id", paging, cancellationToken);

    /// <summary>An overdue task's notice is its project's community's and street's, and the unit it was sent to.</summary>
    private static readonly ViewScopeColumns NoticeScope = new(Unit: "unit_id");

    /// <summary>The notices of overdue tasks the caller may see, newest first (a unit's members only those sent to their unit).</summary>
    public Task<ResultPage<NoticeView>> ListNoticesAsync(PlatformUser user, PageRequest paging, CancellationToken cancellationToken) =>
        views.PageAsync<NoticeView>($"{ProjectsSchema.Name}.project_notices", new ViewFilter(user.DistrictCode).NarrowTo(user, NoticeScope),
            "noticed_at DESC, project_id, task_id, stage", paging, cancellationToken);

    /// <summary>The running projects of the given places, the newest decisions first: those a unit bound to them may claim.</summary>
    public Task<ResultPage<ProjectView>> ActiveProjectsOfAsync(
        string tenantId, IReadOnlyList<ProjectParty> places, PageRequest paging, CancellationToken cancellationToken)
    {
        // "street|community" binds that community's projects; "street|*" (a street's own agreement) every project of the
        // street; and any agreement in a street binds the street's own projects ("street|").
        var keys = places.SelectMany(place => place.CommunityId is { } communityId
            ? new[] { $"{place.StreetId}|{communityId}", $"{place.StreetId}|" }
            : [$"{place.StreetId}|*", $"{place.StreetId}|"]).Distinct().ToArray();
        var where = new ViewFilter(tenantId).Add("status = {0}", ProjectView.Active)
            .Add("(street_id || '|' || coalesce(community_id, '')) = ANY({0}) OR (street_id || '|*') = ANY({0})", keys);
        return views.PageAsync<ProjectView>(ProjectViews, where, "decided_at DESC, project_id", paging, cancellationToken);
    }

    /// <param name="today">The district's date, against which a task is overdue.</param>
    public Task<ResultPage<ProjectView>> ListProjectsAsync(PlatformUser user, ProjectFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, ProjectScope)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId)
            .AddWhenGiven("unit_ids @> ARRAY[{0}]::text[]", filter.UnitId)
            .AddWhenGiven("need_ids @> ARRAY[{0}]::text[]", filter.NeedId);
        if (filter.Overdue is { } overdue) where.Add(overdue ? "next_deadline < {0}" : "(next_deadline IS NULL OR next_deadline >= {0})", today);
        if (filter.Query is { Length: > 0 } query) where.Add("name ILIKE {0}", ViewFilter.Containing(query));
        if (DistrictTime.TryParseMonth(filter.DecidedIn, out var from, out var until))
            where.Add("decided_at >= {0}", from.ToUniversalTime()).Add("decided_at < {0}", until.ToUniversalTime());
        return views.PageAsync<ProjectView>(ProjectViews, where, "status, decided_at DESC, project_id", filter.Paging, cancellationToken);
    }
}
