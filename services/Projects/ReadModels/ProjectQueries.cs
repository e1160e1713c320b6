using Npgsql;
using Platform.Storage.Views;

namespace Platform.Projects.ReadModels;

/// <param name="Overdue">Only projects with a task past its deadline (true), or none (false).</param>
public sealed record ProjectFilter(
    string? Status, string? StreetId, string? CommunityId, string? UnitId, string? NeedId, bool? Overdue, string? Query, PageRequest Paging);

/// <summary>Reads of the views, always narrowed to what the caller's role and place may see, then to the filters.</summary>
public sealed class ProjectQueries(NpgsqlDataSource dataSource)
{
    private const string ProjectViews = $"{ProjectsSchema.Name}.project_views";

    /// <summary>A project is its community's and street's, and each unit's that answers for one of its tasks.</summary>
    private static readonly ViewScopeColumns ProjectScope = new(Unit: "unit_ids", UnitsAreLists: true);

    private readonly JsonViews views = new(dataSource, ProjectsViewProjection.Json);

    public Task<ProjectView?> FindProjectAsync(string tenantId, string projectId, CancellationToken cancellationToken) =>
        views.FindAsync<ProjectView>(ProjectViews, "project_id", tenantId, projectId, cancellationToken);

    /// <summary>Which of <paramref name="needIds"/> a project has taken in.</summary>
    public async Task<IReadOnlySet<string>> NeedsInProjectsAsync(string tenantId, string[] needIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT unnest(need_ids) FROM {ProjectViews} WHERE tenant_id = $1 AND need_ids && $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = needIds });
        var taken = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) taken.Add(reader.GetString(0));
        return taken;
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
        return views.PageAsync<ProjectView>(ProjectViews, where, "status, decided_at DESC, project_id", filter.Paging, cancellationToken);
    }
}
