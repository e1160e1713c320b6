using Platform.ServiceDefaults.Idempotency;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Resources.Units;

/// <summary>A unit joins the co-building of one or more communities. A unit the org tree knows keeps the tree's id and
/// name (the handler checks them against the service's copy of the tree); any other gets an id of its own.</summary>
public sealed record JoinUnit(string UnitId, string? Name, string? Kind, Liaison? Liaison, IReadOnlyList<ServedCommunity>? Communities) : UnitCommand;

public static partial class UnitDecider
{
    private static UnitJoined Join(JoinUnit command, CoBuildingUnit state, DecisionContext context)
    {
        if (state.Status != UnitStatus.None) throw new RuleViolationException($"共建单位「{state.Name}」已登记。");
        Communities(Liaison(new Validation(), command.Liaison, required: false)
                .Text(command.Name, "name", "单位名称", 100, singleLine: true)
                .Require(command.Kind is not null && UnitKinds.Names.ContainsKey(command.Kind), "kind",
                    $"单位类型须为 {string.Join("、", UnitKinds.Names.Keys)} 之一。"),
                command.Communities)
            .ThrowIfInvalid();
        return new UnitJoined(
            command.UnitId, command.Name!.Trim(), command.Kind!, Trimmed(command.Liaison), command.Communities!,
            context.Actor, context.Now);
    }

    private static Liaison? Trimmed(Liaison? liaison) =>
        liaison is null ? null : new Liaison(liaison.Name.Trim(), liaison.Phone.Trim(), string.IsNullOrWhiteSpace(liaison.Title) ? null : liaison.Title.Trim());
}

public static class JoinUnitEndpoint
{
    /// <param name="UnitId">A unit the district's org tree knows (it keeps the tree's id and, unless given, its name);
    /// empty for a unit the tree does not hold, which gets an id of its own.</param>
    public sealed record JoinRequest(string? UnitId, string? Name, string? Kind, LiaisonRequest? Liaison, List<string>? CommunityIds);

    public sealed record LiaisonRequest(string? Name, string? Phone, string? Title);

    public static void Map(RouteGroupBuilder units) =>
        units.MapPost("", JoinAsync).RequireAccess(ResourcesActions.ManageUnits).WithName("JoinUnit").Idempotent()
            .WithSummary("登记共建单位：类型、联络员与所服务的社区；答 201 及其地址。");

    private static async Task<IResult> JoinAsync(
        JoinRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, CommandRunner runner, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var communities = await UnitEndpoints.ServedCommunitiesAsync(user, request.CommunityIds, directory, cancellationToken);
        if (user.Role == PlatformRole.CommunityStaff && communities?.Any(community => community.CommunityId != user.CommunityId) == true)
            throw new AccessDeniedException("社区只能登记服务本社区的共建单位；服务多个社区的单位由区里登记。");
        var (unitId, name) = (request.UnitId?.Trim(), request.Name);
        if (!string.IsNullOrEmpty(unitId))
        {
            var known = await directory.FindAsync(user.DistrictCode, unitId, cancellationToken);
            if (known is not { Kind: OrganizationUnitKinds.CoBuildingUnit, Closed: false })
                throw new InvalidReferenceException("unitId", $"组织架构中没有共建单位「{unitId}」；不在组织架构中的单位请不填编号。");
            name = string.IsNullOrWhiteSpace(name) ? known.Name : name;
        }
        else
        {
            unitId = RecordIds.New("U", clock.GetUtcNow());
        }
        var liaison = request.Liaison is null ? null : new Liaison(request.Liaison.Name ?? "", request.Liaison.Phone ?? "", request.Liaison.Title);
        var decided = await runner.StartAsync(
            CommandRequests.Origin(http, user), UnitDecider.Decider, unitId, new JoinUnit(unitId, name, request.Kind, liaison, communities), cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        // Relative to the request, so it holds behind the gateway's /api/resources and without it.
        return TypedResults.Created($"units/{Uri.EscapeDataString(unitId)}", new UnitEndpoints.UnitOutcome(unitId, UnitView.Active, decided.Version));
    }
}
