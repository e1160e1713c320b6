namespace Platform.Resources.Units;

/// <summary>The communities the unit serves from now on (the whole list).</summary>
public sealed record ChangeCommunities(IReadOnlyList<ServedCommunity>? Communities) : UnitCommand;

public static partial class UnitDecider
{
    /// <summary>The same list again changes nothing.</summary>
    private static UnitEvent[] ChangeCommunities(ChangeCommunities command, CoBuildingUnit state, DecisionContext context)
    {
        ExpectActive(state, "调整服务社区");
        Communities(new Validation(), command.Communities).ThrowIfInvalid();
        return command.Communities!.SequenceEqual(state.Communities)
            ? []
            : [new UnitCommunitiesChanged(state.UnitId, command.Communities!, context.Actor, context.Now)];
    }
}

public static class ChangeCommunitiesEndpoint
{
    public sealed record CommunitiesRequest(List<string>? CommunityIds);

    /// <summary>Community staff add or drop their own community only; the district changes any.</summary>
    public static void Map(RouteGroupBuilder units) =>
        units.MapPost("/{coBuildingUnitId}/communities", async (string coBuildingUnitId, CommunitiesRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                OrganizationDirectory directory, ResourcesQueries queries, CancellationToken cancellationToken) =>
            {
                var user = guard.CurrentUser(http);
                var communities = await UnitEndpoints.ServedCommunitiesAsync(user, request.CommunityIds, directory, cancellationToken);
                if (user.Role == PlatformRole.CommunityStaff && communities is not null
                    && await queries.FindUnitAsync(user.DistrictCode, coBuildingUnitId, cancellationToken) is { } current)
                {
                    var before = current.Communities.Select(community => community.CommunityId).ToHashSet(StringComparer.Ordinal);
                    before.SymmetricExceptWith(communities.Select(community => community.CommunityId));
                    if (before.Any(changed => changed != user.CommunityId))
                        throw new AccessDeniedException("社区只能增加或去掉本社区；其他社区的调整由该社区或区里办理。");
                }
                return await UnitEndpoints.RunAsync(http, guard, runner, coBuildingUnitId, new ChangeCommunities(communities), cancellationToken, communities);
            })
            .RequireAccess(ResourcesActions.ManageUnits).WithName("ChangeUnitCommunities").WithSummary("调整共建单位服务的社区（整张名单）。");
}
