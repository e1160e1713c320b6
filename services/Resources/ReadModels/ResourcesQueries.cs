using Npgsql;
using Platform.Storage.Views;

namespace Platform.Resources.ReadModels;

public sealed record UnitFilter(string? Kind, string? Status, string? StreetId, string? CommunityId, string? Query, PageRequest Paging);

/// <summary>Reads of the views, always narrowed to what the caller's role and place may see, then to the filters.</summary>
public sealed class ResourcesQueries(NpgsqlDataSource dataSource)
{
    private const string UnitViews = $"{ResourcesSchema.Name}.unit_views";

    /// <summary>A unit serves several communities, and is seen in each of them and their streets; a unit's members see their own.</summary>
    private static readonly ViewScopeColumns UnitScope = new(Street: "street_ids", Community: "community_ids", Unit: "unit_id", PlacesAreLists: true);

    private readonly JsonViews views = new(dataSource, ResourcesViewProjection.Json);

    public Task<UnitView?> FindUnitAsync(string tenantId, string unitId, CancellationToken cancellationToken) =>
        views.FindAsync<UnitView>(UnitViews, "unit_id", tenantId, unitId, cancellationToken);

    public Task<ResultPage<UnitView>> ListUnitsAsync(PlatformUser user, UnitFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, UnitScope)
            .AddWhenGiven("kind = {0}", filter.Kind)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("street_ids @> ARRAY[{0}]::text[]", filter.StreetId)
            .AddWhenGiven("community_ids @> ARRAY[{0}]::text[]", filter.CommunityId);
        if (filter.Query is { Length: > 0 } query) where.Add("name ILIKE {0}", ViewFilter.Containing(query));
        return views.PageAsync<UnitView>(UnitViews, where, "name, unit_id", filter.Paging, cancellationToken);
    }
}
