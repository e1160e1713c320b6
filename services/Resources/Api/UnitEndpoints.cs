using Marten;
using Platform.EventSourcing.Audit;
using Platform.Resources.Units;
using Platform.ServiceDefaults.Audit;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Resources.Api;

/// <summary>The 资源清单's co-building units: the list and a unit's page here, each command's endpoint in its use case's folder.</summary>
public static class UnitEndpoints
{
    public static IEndpointRouteBuilder MapUnitEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var units = endpoints.MapGroup("/units").WithTags("Co-building units");
        units.MapGet("", ListAsync).RequireAccess(ResourcesActions.ReadUnits).WithName("ListUnits")
            .WithSummary("共建单位，按调用者的范围筛选：社区看服务本社区的，街道看本街道各社区的，共建单位看自己。");
        units.MapGet("/{coBuildingUnitId}", GetAsync).RequireAccess(ResourcesActions.ReadUnits).WithName("GetUnit")
            .WithSummary("一个共建单位及其变更经过；ETag 为其版本号。联络员信息仅对本单位、所服务社区和区级脱敏显示原文。");
        JoinUnitEndpoint.Map(units);
        ChangeLiaisonEndpoint.Map(units);
        ChangeCommunitiesEndpoint.Map(units);
        LeaveUnitEndpoint.Map(units);
        return endpoints;
    }

    public sealed record UnitSummary(
        string Id, string Name, string Kind, string KindName, string Status, IReadOnlyList<NamedPlace> Communities, DateTimeOffset JoinedAt, long Version);

    public sealed record UnitDetail(
        UnitSummary Summary, LiaisonView? Liaison, DateTimeOffset? LeftAt, string? LeftReason, IReadOnlyList<UnitChange> Changes);

    /// <summary>A community the unit serves, by its name; a community the district has since removed keeps its id as its name.</summary>
    public sealed record NamedPlace(string Id, string Name);

    public sealed record LiaisonView(string Name, string Phone, string? Title, bool Masked);

    /// <summary>One step of the unit's history, as people read it.</summary>
    public sealed record UnitChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, string? kind, string? status, string? streetId,
        string? communityId, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(kind is null || UnitKinds.Names.ContainsKey(kind), "kind", $"未知的单位类型「{kind}」。")
            .Require(status is null or UnitView.Active or UnitView.Left, "status", $"未知的状态「{status}」（应为 active 或 left）。")
            .ThrowIfInvalid();
        var found = await queries.ListUnitsAsync(user, new UnitFilter(kind, status, streetId, communityId, q, CommandRequests.Paging(page, pageSize)), cancellationToken);
        var names = await NamesAsync(user, directory, found.Items, cancellationToken);
        return TypedResults.Ok(found.Select(view => Summary(view, names)));
    }

    /// <param name="coBuildingUnitId">Named apart from the edge's <c>unitId</c>, which means a unit of the org tree seen
    /// only by its own members: a co-building unit here is also seen by the communities it serves, and may not be in the tree.</param>
    private static async Task<IResult> GetAsync(
        string coBuildingUnitId, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, IDocumentStore store,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var unitId = coBuildingUnitId;
        var view = await ReadableUnitAsync(user, unitId, guard, queries, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(CoBuildingUnit.StreamId(unitId), token: cancellationToken);

        var unmasked = WorksWith(user, view);
        if (unmasked && view.Liaison is not null && user.UnitId != view.Id)
            await store.RecordUnmaskedViewAsync(http, user, "unit", unitId, view.Name, ["liaison.name", "liaison.phone"], clock, cancellationToken);
        var liaison = view.Liaison switch
        {
            null => null,
            { } whole when unmasked => new LiaisonView(whole.Name, whole.Phone, whole.Title, false),
            { } whole => new LiaisonView(PersonalData.MaskName(whole.Name), PersonalData.MaskPhone(whole.Phone), whole.Title, true),
        };
        var names = await NamesAsync(user, directory, [view], cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new UnitDetail(
            Summary(view, names), liaison, view.LeftAt, view.LeftReason,
            [.. events.Select(stored => new UnitChange(stored.Version, TitleOf(stored.Data), ((UnitEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    internal static string TitleOf(object data) => data switch
    {
        UnitJoined joined => $"加入共建（{UnitKinds.Names.GetValueOrDefault(joined.Kind, joined.Kind)}）",
        UnitLiaisonChanged => "更换联络员",
        UnitCommunitiesChanged => "调整服务社区",
        UnitLeft => "退出共建",
        _ => data.GetType().Name,
    };

    internal static async Task<UnitView> ReadableUnitAsync(
        PlatformUser user, string unitId, AccessGuard guard, ResourcesQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindUnitAsync(user.DistrictCode, unitId, cancellationToken) ?? throw new NotFoundException($"共建单位「{unitId}」不存在。");
        EnsureCovers(guard, user, unitId, view.Communities, $"共建单位「{view.Name}」");
        return view;
    }

    /// <summary>
    /// The unit a command names in <paramref name="field"/>: given (else a 400), registered here (else a 422), and, when
    /// <paramref name="mustBeActive"/>, still co-building (a unit that left keeps its history but takes on nothing new).
    /// </summary>
    internal static async Task<UnitView> NamedUnitAsync(
        PlatformUser user, ResourcesQueries queries, string? unitId, string field, CancellationToken cancellationToken, bool mustBeActive = true)
    {
        if (string.IsNullOrWhiteSpace(unitId))
            throw new InvalidCommandException("须写明共建单位。", new Dictionary<string, string[]> { [field] = ["须写明共建单位。"] });
        var unit = await queries.FindUnitAsync(user.DistrictCode, unitId.Trim(), cancellationToken)
            ?? throw new InvalidReferenceException(field, $"没有共建单位「{unitId}」。");
        return !mustBeActive || unit.Status == UnitView.Active ? unit : throw new InvalidReferenceException(field, $"共建单位「{unit.Name}」已退出共建。");
    }

    /// <summary>A unit is in scope for the district, for the street and community of any community it serves, and for its own members.</summary>
    internal static void EnsureCovers(AccessGuard guard, PlatformUser user, string unitId, IReadOnlyList<ServedCommunity> communities, string what)
    {
        var locations = communities.Select(community => new OrgLocation(user.DistrictCode, community.StreetId, community.CommunityId, UnitId: unitId))
            .DefaultIfEmpty(new OrgLocation(user.DistrictCode, UnitId: unitId));
        if (!locations.Any(user.Covers)) guard.EnsureCovers(user, locations.First(), what);
    }

    /// <summary>Who works with the unit's liaison: the district office, the communities it serves, and the unit itself.</summary>
    private static bool WorksWith(PlatformUser user, UnitView view) => user.Role switch
    {
        PlatformRole.DistrictAdmin => true,
        PlatformRole.CommunityStaff => view.Communities.Any(community => community.CommunityId == user.CommunityId),
        PlatformRole.UnitMember => user.UnitId == view.Id,
        _ => false,
    };

    /// <summary>
    /// The communities a command names, each checked against the service's copy of the org tree (an open community of
    /// this district, else a 422 naming <c>communityIds</c>) and resolved to its street. Community staff act for their
    /// own community only.
    /// </summary>
    internal static async Task<IReadOnlyList<ServedCommunity>?> ServedCommunitiesAsync(
        PlatformUser user, IReadOnlyList<string>? communityIds, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        if (communityIds is null) return null;
        var served = new List<ServedCommunity>();
        foreach (var communityId in communityIds)
        {
            var community = string.IsNullOrWhiteSpace(communityId) ? null : await directory.FindAsync(user.DistrictCode, communityId.Trim(), cancellationToken);
            if (community is not { Kind: OrganizationUnitKinds.Community, Closed: false, StreetId: { } streetId })
                throw new InvalidReferenceException("communityIds", $"本区没有社区「{communityId}」。");
            served.Add(new ServedCommunity(community.UnitId, streetId));
        }
        return served;
    }

    private static async Task<IReadOnlyDictionary<string, string>> NamesAsync(
        PlatformUser user, OrganizationDirectory directory, IEnumerable<UnitView> views, CancellationToken cancellationToken) =>
        await directory.NamesAsync(user.DistrictCode, views.SelectMany(view => view.Communities.Select(community => community.CommunityId)), cancellationToken);

    private static UnitSummary Summary(UnitView view, IReadOnlyDictionary<string, string> names) => new(
        view.Id, view.Name, view.Kind, UnitKinds.Names.GetValueOrDefault(view.Kind, view.Kind), view.Status,
        [.. view.Communities.Select(community => new NamedPlace(community.CommunityId, names.GetValueOrDefault(community.CommunityId, community.CommunityId)))],
        view.JoinedAt, view.Version);

    /// <summary>A command on one unit, after the caller's scope over it is checked on the unit's state (and on the
    /// communities it is to serve, when the command changes them: a community may take a unit on).</summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string unitId, UnitCommand command, CancellationToken cancellationToken,
        IReadOnlyList<ServedCommunity>? toServe = null)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), UnitDecider.Decider, unitId, command, CommandRequests.ExpectedVersion(http),
            state => EnsureCovers(guard, user, unitId, [.. state.Communities, .. toServe ?? []], $"共建单位「{state.Name}」"),
            $"共建单位「{unitId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new UnitOutcome(unitId, decided.State.Status == UnitStatus.Active ? UnitView.Active : UnitView.Left, decided.Version));
    }

    public sealed record UnitOutcome(string Id, string Status, long Version);
}
