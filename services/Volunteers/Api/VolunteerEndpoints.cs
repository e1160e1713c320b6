using Marten;
using Platform.EventSourcing.Audit;
using Platform.ServiceDefaults.Audit;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Registry;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Volunteers.Api;

/// <summary>Volunteers and reported party members: the list and a volunteer's page here (with their hours, points and
/// stars), each command's endpoint in its use case's folder.</summary>
public static class VolunteerEndpoints
{
    public static IEndpointRouteBuilder MapVolunteerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var volunteers = endpoints.MapGroup("/volunteers").WithTags("Volunteers");
        volunteers.MapGet("", ListAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("ListVolunteers")
            .WithSummary("志愿者与报到党员，按调用者的范围筛选：社区看本社区的，街道看本街道的，志愿者看自己；姓名、电话对其他范围脱敏。");
        volunteers.MapGet("/me", MineAsync).RequireAccess(VolunteersActions.ReadOwnRecord).WithName("MyVolunteerRecord")
            .WithSummary("志愿者本人的登记、时长、积分与星级。");
        volunteers.MapGet("/{volunteerId}", GetAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("GetVolunteer")
            .WithSummary("一名志愿者的登记、岗位、所在队伍、时长与积分余额、星级及变更经过；ETag 为其版本号。个人信息仅对本社区与本人显示原文，且社区的每次查看都留痕。");
        volunteers.MapGet("/{volunteerId}/statement", StatementAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("VolunteerStatement")
            .WithSummary("一名志愿者时长与积分台账的最近分录（冲销分录为负数）。");
        RegisterVolunteerEndpoint.Map(volunteers);
        ConfirmReportEndpoint.Map(volunteers);
        LeaveServiceEndpoint.Map(volunteers);
        CarryOverEndpoint.Map(volunteers);
        EmployerQuarterSheetEndpoint.Map(endpoints);
        UnitReportEndpoints.Map(endpoints);
        CoverageEndpoint.Map(endpoints);
        return endpoints;
    }

    public sealed record NamedPlace(string Id, string Name);

    public sealed record PersonView(string Name, string Phone, string? IdNumber, bool Masked);

    public sealed record VolunteerSummary(
        string Id, string Name, string Kind, string KindName, string Status, string StatusName, NamedPlace Community, string? Post,
        IReadOnlyList<string> Skills, DateTimeOffset RegisteredAt, bool Masked, long Version);

    /// <summary>The volunteer's standing: hours of each kind apart and in total, points, stars, and any account out of its limits.</summary>
    public sealed record Standing(
        decimal CheckedHours, decimal RecordedHours, decimal TotalHours, decimal Points, int Stars, decimal? HoursToNextStar, IReadOnlyList<string> Flags);

    public sealed record VolunteerDetail(
        VolunteerSummary Summary, PersonView Person, NamedPlace? Building, Employer? Employer, string? AvailableTimes, string? Duty,
        DateTimeOffset? ConfirmedAt, DateTimeOffset? LeftAt, string? LeftReason, IReadOnlyList<NamedPlace> Teams, Standing Standing,
        IReadOnlyList<VolunteerChange> Changes);

    public sealed record VolunteerChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record VolunteerOutcome(string Id, string Status, long Version);

    public static string StatusName(string status) => status switch
    {
        VolunteerView.Pending => "待社区确认",
        VolunteerView.Active => "在岗",
        VolunteerView.Left => "已退出",
        _ => status,
    };

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, string? kind, string? status, string? streetId,
        string? communityId, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(kind is null || VolunteerKinds.Names.ContainsKey(kind), "kind", $"未知的志愿者类别「{kind}」。")
            .Require(status is null or VolunteerView.Pending or VolunteerView.Active or VolunteerView.Left, "status", $"未知的状态「{status}」（应为 pending、active 或 left）。")
            .ThrowIfInvalid();
        var found = await queries.ListVolunteersAsync(user, new VolunteerFilter(kind, status, streetId, communityId, q, CommandRequests.Paging(page, pageSize)), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(view => view.CommunityId), cancellationToken);
        return TypedResults.Ok(found.Select(view => Summary(view, names, !HandlesPersonOf(user, view))));
    }

    private static async Task<IResult> MineAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, IDocumentStore store, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken)
            ?? throw new NotFoundException("您尚未登记为志愿者。");
        return await DetailAsync(http, user, view, queries, directory, store, clock, rules.Value, cancellationToken);
    }

    private static async Task<IResult> GetAsync(
        string volunteerId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, IDocumentStore store,
        TimeProvider clock, Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableVolunteerAsync(user, guard, queries, volunteerId, cancellationToken);
        return await DetailAsync(http, user, view, queries, directory, store, clock, rules.Value, cancellationToken);
    }

    private static async Task<IResult> StatementAsync(
        string volunteerId, HttpContext http, AccessGuard guard, VolunteersQueries queries, int? limit, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableVolunteerAsync(user, guard, queries, volunteerId, cancellationToken);
        new Validation().Require(limit is null or > 0 and <= 500, "limit", "limit 须为 1–500。").ThrowIfInvalid();
        return TypedResults.Ok(await queries.StatementAsync(user.DistrictCode, view.Id, limit ?? 50, cancellationToken));
    }

    private static async Task<IResult> DetailAsync(
        HttpContext http, PlatformUser user, VolunteerView view, VolunteersQueries queries, OrganizationDirectory directory, IDocumentStore store,
        TimeProvider clock, ServiceRules rules, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Volunteer.StreamId(view.Id), token: cancellationToken);
        var unmasked = HandlesPersonOf(user, view);
        if (unmasked && view.UserId != user.UserId)
            await store.RecordUnmaskedViewAsync(http, user, "volunteer", view.Id, PersonalData.MaskName(view.Person.Name),
                ["person.name", "person.phone", "person.idNumber"], clock, cancellationToken);
        var person = unmasked
            ? new PersonView(view.Person.Name, view.Person.Phone, view.Person.IdNumber, false)
            : new PersonView(PersonalData.MaskName(view.Person.Name), PersonalData.MaskPhone(view.Person.Phone),
                view.Person.IdNumber is null ? null : PersonalData.MaskIdNumber(view.Person.IdNumber), true);
        var teamIds = await queries.TeamsOfAsync(user.DistrictCode, view.Id, cancellationToken);
        var teams = new List<NamedPlace>();
        foreach (var teamId in teamIds)
            if (await queries.FindTeamAsync(user.DistrictCode, teamId, cancellationToken) is { } team) teams.Add(new NamedPlace(team.Id, team.Name));
        var names = await directory.NamesAsync(user.DistrictCode, [view.CommunityId, .. view.BuildingId is null ? Array.Empty<string>() : [view.BuildingId]], cancellationToken);
        var standing = StandingOf(await queries.BalancesAsync(user.DistrictCode, view.Id, cancellationToken), view, clock.GetUtcNow(), rules);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new VolunteerDetail(
            Summary(view, names, !unmasked), person,
            view.BuildingId is null ? null : new NamedPlace(view.BuildingId, names.GetValueOrDefault(view.BuildingId, view.BuildingId)),
            view.Employer, view.Offering.AvailableTimes, view.Duty, view.ConfirmedAt, view.LeftAt, view.LeftReason, teams, standing,
            [.. events.Select(stored => new VolunteerChange(stored.Version, TitleOf(stored.Data), ((VolunteerEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    internal static Standing StandingOf(IReadOnlyList<LedgerBalance> balances, VolunteerView view, DateTimeOffset now, ServiceRules rules)
    {
        decimal Of(string kind) => balances.FirstOrDefault(balance => balance.Kind == kind)?.Balance ?? 0;
        var (checkedHours, recordedHours, points) = (Of(ServiceLedger.CheckedHours), Of(ServiceLedger.RecordedHours), Of(ServiceLedger.Points));
        var total = checkedHours + recordedHours;
        var stars = StarLevels.Of(total, view.ConfirmedAt is { } confirmed ? DistrictTime.DateOf(confirmed) : null, DistrictTime.DateOf(now), rules);
        var flags = balances.Where(balance => ServiceLedger.OutsideLimits(balance.Balance))
            .Select(balance => $"{ServiceLedger.KindNames.GetValueOrDefault(balance.Kind, balance.Kind)}余额为负（{balance.Balance:0.##}），请核对冲销分录。")
            .ToList();
        return new Standing(checkedHours, recordedHours, total, points, stars, StarLevels.HoursToNext(total, stars, rules), flags);
    }

    internal static string TitleOf(object data) => data switch
    {
        VolunteerRegistered registered => $"登记（{VolunteerKinds.Names.GetValueOrDefault(registered.Kind, registered.Kind)}）",
        VolunteerReportConfirmed confirmed => $"社区确认报到，设岗：{confirmed.Post}",
        VolunteerLeft left => $"退出志愿服务：{left.Reason}",
        PointsRedeemed redeemed => $"以 {redeemed.Points:0.##} 积分兑换「{redeemed.GiftName}」",
        ServiceCarriedOver carried => $"台账结转 {carried.Hours:0.##} 小时、{carried.Points:0.##} 积分",
        _ => data.GetType().Name,
    };

    private static VolunteerSummary Summary(VolunteerView view, IReadOnlyDictionary<string, string> names, bool masked) => new(
        view.Id, masked ? PersonalData.MaskName(view.Person.Name) : view.Person.Name, view.Kind, VolunteerKinds.Names.GetValueOrDefault(view.Kind, view.Kind),
        view.Status, StatusName(view.Status), new NamedPlace(view.CommunityId, names.GetValueOrDefault(view.CommunityId, view.CommunityId)), view.Post,
        view.Offering.Skills, view.RegisteredAt, masked, view.Version);

    /// <summary>Who handles a volunteer's personal data: the community they serve in, and the volunteer themselves.</summary>
    internal static bool HandlesPersonOf(PlatformUser user, VolunteerView view) => user.Role switch
    {
        PlatformRole.CommunityStaff => view.CommunityId == user.CommunityId,
        PlatformRole.Volunteer or PlatformRole.Resident => view.UserId == user.UserId,
        _ => false,
    };

    internal static async Task<VolunteerView> ReadableVolunteerAsync(
        PlatformUser user, AccessGuard guard, VolunteersQueries queries, string volunteerId, CancellationToken cancellationToken)
    {
        var view = await queries.FindVolunteerAsync(user.DistrictCode, volunteerId, cancellationToken) ?? throw new NotFoundException($"志愿者「{volunteerId}」不存在。");
        guard.EnsureCovers(user, LocationOf(user, view), "这名志愿者");
        return view;
    }

    private static OrgLocation LocationOf(PlatformUser user, VolunteerView view) => new(user.DistrictCode, view.StreetId, view.CommunityId, OwnerId: view.UserId);

    /// <summary>
    /// The volunteer a command names in <paramref name="field"/>: given (else a 400), registered here (else a 422), in
    /// the caller's scope (else a 403), and confirmed and still serving (else a 422).
    /// </summary>
    internal static async Task<VolunteerView> ActiveVolunteerAsync(
        PlatformUser user, VolunteersQueries queries, string? volunteerId, string field, CancellationToken cancellationToken, bool mustBeActive = true)
    {
        if (string.IsNullOrWhiteSpace(volunteerId))
            throw new InvalidCommandException("须写明志愿者。", new Dictionary<string, string[]> { [field] = ["须写明志愿者。"] });
        var view = await queries.FindVolunteerAsync(user.DistrictCode, volunteerId.Trim(), cancellationToken)
            ?? throw new InvalidReferenceException(field, $"没有志愿者「{volunteerId}」。");
        if (!user.Covers(LocationOf(user, view))) throw new InvalidReferenceException(field, $"志愿者「{volunteerId}」不在您的范围内。");
        if (mustBeActive && view.Status != VolunteerView.Active)
            throw new InvalidReferenceException(field, view.Status == VolunteerView.Pending ? $"{view.Person.Name}的报到尚待社区确认。" : $"{view.Person.Name}已退出志愿服务。");
        return view;
    }

    /// <summary>Who a take-part command is for: a volunteer or resident acts for their own record only; staff name one.</summary>
    internal static async Task<VolunteerView> ActingVolunteerAsync(
        PlatformUser user, VolunteersQueries queries, string? volunteerId, CancellationToken cancellationToken, bool mustBeActive = true)
    {
        if (user.Role is not (PlatformRole.Volunteer or PlatformRole.Resident))
            return await ActiveVolunteerAsync(user, queries, volunteerId, "volunteerId", cancellationToken, mustBeActive);
        var own = await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken)
            ?? throw new RuleViolationException("您尚未登记为志愿者；请先登记，待社区确认。");
        if (!string.IsNullOrWhiteSpace(volunteerId) && volunteerId.Trim() != own.Id) throw new AccessDeniedException("志愿者只能为本人报名、签到与签退。");
        if (mustBeActive && own.Status != VolunteerView.Active)
            throw new RuleViolationException(own.Status == VolunteerView.Pending ? "您的报到尚待社区确认。" : "您已退出志愿服务。");
        return own;
    }

    /// <summary>An open community of this district, named by the request, in the caller's scope.</summary>
    internal static async Task<OrganizationUnit> CommunityAsync(
        PlatformUser user, AccessGuard guard, OrganizationDirectory directory, string? communityId, CancellationToken cancellationToken)
    {
        var community = string.IsNullOrWhiteSpace(communityId) ? null : await directory.FindAsync(user.DistrictCode, communityId.Trim(), cancellationToken);
        if (community is not { Kind: OrganizationUnitKinds.Community, Closed: false, StreetId: not null })
            throw new InvalidReferenceException("communityId", $"本区没有社区「{communityId}」。");
        guard.EnsureCovers(user, community.Location, $"社区「{community.Name}」");
        return community;
    }

    internal static Task<string?> BuildingInAsync(
        PlatformUser user, OrganizationDirectory directory, string communityId, string? buildingId, CancellationToken cancellationToken, string field = "buildingId") =>
        PlaceInAsync(user, directory, communityId, buildingId, field, cancellationToken, OrganizationUnitKinds.Building);

    /// <summary>A grid (or building) of the org tree inside <paramref name="communityId"/>, or null when none is named.</summary>
    internal static async Task<string?> PlaceInAsync(
        PlatformUser user, OrganizationDirectory directory, string communityId, string? placeId, string field, CancellationToken cancellationToken,
        string kind = OrganizationUnitKinds.Grid)
    {
        if (string.IsNullOrWhiteSpace(placeId)) return null;
        var place = await directory.FindAsync(user.DistrictCode, placeId.Trim(), cancellationToken);
        return place is { Closed: false } && place.Kind == kind && place.CommunityId == communityId
            ? place.UnitId
            : throw new InvalidReferenceException(field, $"本社区没有{(kind == OrganizationUnitKinds.Grid ? "网格" : "楼栋")}「{placeId}」。");
    }

    /// <summary>A command on one volunteer, after the caller's scope over them is checked on their state.</summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string volunteerId, VolunteerCommand command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), VolunteerDecider.Decider, volunteerId, command, CommandRequests.ExpectedVersion(http),
            state => guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, state.StreetId, state.CommunityId), $"志愿者「{state.Name}」"),
            $"志愿者「{volunteerId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        var status = decided.State.Status switch
        {
            VolunteerStatus.Active => VolunteerView.Active,
            VolunteerStatus.Left => VolunteerView.Left,
            _ => VolunteerView.Pending,
        };
        return TypedResults.Ok(new VolunteerOutcome(volunteerId, status, decided.Version));
    }
}
