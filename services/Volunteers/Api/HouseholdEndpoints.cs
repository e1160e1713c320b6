using Marten;
using Platform.EventSourcing.Audit;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Idempotency;
using Platform.Volunteers.Households;
using Platform.Volunteers.Registry;

namespace Platform.Volunteers.Api;

/// <summary>三色管理: a community's households with a file (一户一档), their colour, responsible member and visits. The
/// street and the district read counts only.</summary>
public static class HouseholdEndpoints
{
    public static IEndpointRouteBuilder MapHouseholdEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var households = endpoints.MapGroup("/households").WithTags("Households");
        households.MapGet("", ListAsync).RequireAccess(VolunteersActions.ReadHouseholds).WithName("ListHouseholds")
            .WithSummary("三色管理户：社区看本社区的，联系党员看自己联系的；走访逾期的在前（overdue=true 只看逾期）。");
        households.MapGet("/counts", CountsAsync).RequireAccess(VolunteersActions.CountHouseholds).WithName("HouseholdCounts")
            .WithSummary("各社区红、黄、绿户数与逾期未走访户数（街道、区只看数量，不看档案）。");
        households.MapGet("/{householdId}", GetAsync).RequireAccess(VolunteersActions.ReadHouseholds).WithName("GetHousehold")
            .WithSummary("一户一档：门牌、户主与电话、建档类别、颜色及其调整理由、联系党员、走访记录与下次应走访日期；社区每次查看都留痕。");
        households.MapPost("", FileAsync).RequireAccess(VolunteersActions.ManageHouseholds).WithName("FileHousehold").Idempotent()
            .WithSummary("为本社区的住户建档：门牌（可到网格与楼栋）、户主、建档类别、颜色与理由、联系党员；答 201。");
        households.MapPost("/{householdId}/colour", async (string householdId, ColourRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries,
                CommandRunner runner, CancellationToken cancellationToken) =>
            {
                await ReadableAsync(guard.CurrentUser(http), queries, householdId, cancellationToken);
                return await RunAsync(http, guard, runner, householdId, new ChangeColour(request.Colour, request.Reason), cancellationToken);
            })
            .RequireAccess(VolunteersActions.ManageHouseholds).WithName("ChangeHouseholdColour").WithSummary("调整颜色，须写明理由（敏感个人信息，变更留痕）。");
        households.MapPost("/{householdId}/member", ChangeMemberAsync).RequireAccess(VolunteersActions.ManageHouseholds).WithName("ChangeCareMember")
            .WithSummary("更换联系党员（须为本社区在岗的党员）。");
        households.MapPost("/{householdId}/visits", VisitAsync).RequireAccess(VolunteersActions.VisitHouseholds).WithName("RecordVisit")
            .WithSummary("登记一次走访：日期与所做的事；联系党员为本人登记，社区可代为登记。");
        return endpoints;
    }

    public sealed record FileRequest(
        string? CommunityId, string? GridId, string? BuildingId, string? Address, HeadRequest? Head, List<string>? Groups, string? Colour, string? Reason, string? MemberId);

    public sealed record HeadRequest(string? Name, string? Phone);

    public sealed record ColourRequest(string? Colour, string? Reason);

    public sealed record MemberRequest(string? MemberId);

    public sealed record VisitRequest(DateOnly? VisitedOn, string? WhatWasDone);

    public sealed record HouseholdSummary(
        string Id, string Address, VolunteerEndpoints.NamedPlace? Grid, VolunteerEndpoints.NamedPlace? Building, IReadOnlyList<string> Groups, string Colour,
        string ColourName, string MemberName, DateOnly? LastVisitOn, DateOnly NextVisitDue, bool Overdue, long Version);

    public sealed record HouseholdDetail(
        HouseholdSummary Summary, HouseholdHead? Head, IReadOnlyList<ColourChange> ColourChanges, IReadOnlyList<VisitLine> Visits, DateOnly CareSince,
        IReadOnlyList<HouseholdChange> Changes);

    public sealed record HouseholdChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record CommunityCount(
        VolunteerEndpoints.NamedPlace Street, VolunteerEndpoints.NamedPlace Community, long Red, long Yellow, long Green, long OverdueVisits);

    public sealed record HouseholdOutcome(string Id, string Colour, long Version);

    internal static string TitleOf(object data) => data switch
    {
        HouseholdFiled filed => $"建档（{CareColours.Names.GetValueOrDefault(filed.Colour)}）",
        HouseholdColourChanged changed => $"{CareColours.Names.GetValueOrDefault(changed.From)}调整为{CareColours.Names.GetValueOrDefault(changed.To)}：{changed.Reason}",
        CareMemberChanged changed => $"联系党员改为{changed.Member.Name}",
        HouseholdVisited visited => $"走访（{visited.VisitedOn:yyyy-MM-dd}）",
        VisitOverdueNoticed noticed => $"走访逾期（应于 {noticed.DueOn:yyyy-MM-dd} 前），已提醒联系党员与网格",
        _ => data.GetType().Name,
    };

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, TimeProvider clock, Microsoft.Extensions.Options.IOptions<CareRules> care, string? colour,
        string? gridId, bool? overdue, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation().Require(colour is null || CareColours.Names.ContainsKey(colour), "colour", $"未知的颜色「{colour}」（应为 green、yellow 或 red）。").ThrowIfInvalid();
        var member = user.Role == PlatformRole.CommunityStaff ? null : await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken);
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var found = await queries.ListHouseholdsAsync(user, member?.Id ?? "-", colour, gridId, overdue, today, CommandRequests.Paging(page, pageSize), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.SelectMany(view => new[] { view.GridId, view.BuildingId }.OfType<string>()), cancellationToken);
        return TypedResults.Ok(found.Select(view => Summary(view, names, care.Value, today)));
    }

    private static async Task<IResult> CountsAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, TimeProvider clock, string? streetId,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var counts = await queries.HouseholdCountsAsync(user, streetId, DistrictTime.DateOf(clock.GetUtcNow()), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, counts.SelectMany(count => new[] { count.StreetId, count.CommunityId }), cancellationToken);
        return TypedResults.Ok(counts.GroupBy(count => (count.StreetId, count.CommunityId)).Select(group => new CommunityCount(
            new VolunteerEndpoints.NamedPlace(group.Key.StreetId, names.GetValueOrDefault(group.Key.StreetId, group.Key.StreetId)),
            new VolunteerEndpoints.NamedPlace(group.Key.CommunityId, names.GetValueOrDefault(group.Key.CommunityId, group.Key.CommunityId)),
            group.Where(count => count.Colour == CareColours.Red).Sum(count => count.Households),
            group.Where(count => count.Colour == CareColours.Yellow).Sum(count => count.Households),
            group.Where(count => count.Colour == CareColours.Green).Sum(count => count.Households),
            group.Sum(count => count.OverdueVisits))).ToList());
    }

    private static async Task<IResult> GetAsync(
        string householdId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, IDocumentStore store,
        TimeProvider clock, Microsoft.Extensions.Options.IOptions<CareRules> care, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableAsync(user, queries, householdId, cancellationToken);
        if (user.Role == PlatformRole.CommunityStaff)
            await store.RecordUnmaskedViewAsync(http, user, "household", view.Id, view.Address, ["address", "head.name", "head.phone", "colour"], clock, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Household.StreamId(householdId), token: cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, new[] { view.GridId, view.BuildingId }.OfType<string>(), cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new HouseholdDetail(
            Summary(view, names, care.Value, DistrictTime.DateOf(clock.GetUtcNow())), view.Head, view.ColourChanges, view.Visits, view.CareSince,
            [.. events.Select(stored => new HouseholdChange(stored.Version, TitleOf(stored.Data), ((HouseholdEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    private static async Task<IResult> FileAsync(
        FileRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, VolunteersQueries queries, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var community = await VolunteerEndpoints.CommunityAsync(user, guard, directory, request.CommunityId ?? user.CommunityId, cancellationToken);
        var gridId = await VolunteerEndpoints.PlaceInAsync(user, directory, community.UnitId, request.GridId, "gridId", cancellationToken);
        var buildingId = await VolunteerEndpoints.BuildingInAsync(user, directory, community.UnitId, request.BuildingId, cancellationToken);
        var member = await MemberAsync(user, queries, request.MemberId, community.UnitId, cancellationToken);
        var householdId = RecordIds.New("H", clock.GetUtcNow());
        var head = request.Head is null ? null : new HouseholdHead(request.Head.Name ?? "", request.Head.Phone ?? "");
        var decided = await runner.StartAsync(CommandRequests.Origin(http, user), HouseholdDecider.Decider, householdId,
            new FileHousehold(householdId, community.StreetId!, community.UnitId, gridId, buildingId, request.Address, head, request.Groups, request.Colour,
                request.Reason, member), cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"households/{householdId}", new HouseholdOutcome(householdId, decided.State.Colour, decided.Version));
    }

    private static async Task<IResult> ChangeMemberAsync(
        string householdId, MemberRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableAsync(user, queries, householdId, cancellationToken);
        var member = await MemberAsync(user, queries, request.MemberId, view.CommunityId, cancellationToken);
        return await RunAsync(http, guard, runner, householdId, new ChangeCareMember(member), cancellationToken);
    }

    private static async Task<IResult> VisitAsync(
        string householdId, VisitRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableAsync(user, queries, householdId, cancellationToken);
        // The responsible member records their own visits; the community's staff record one for them.
        return await RunAsync(http, guard, runner, householdId, new RecordVisit(request.VisitedOn, view.Member, request.WhatWasDone), cancellationToken);
    }

    /// <summary>The member responsible for a household: a party member serving in its community.</summary>
    private static async Task<CareMember> MemberAsync(PlatformUser user, VolunteersQueries queries, string? memberId, string communityId, CancellationToken cancellationToken)
    {
        var volunteer = await VolunteerEndpoints.ActiveVolunteerAsync(user, queries, memberId, "memberId", cancellationToken);
        if (!VolunteerKinds.IsPartyMember(volunteer.Kind) || volunteer.CommunityId != communityId)
            throw new InvalidReferenceException("memberId", $"{volunteer.Person.Name}不是本社区在岗的党员。");
        return new CareMember(volunteer.Id, volunteer.Person.Name);
    }

    /// <summary>A file is its community's staff's and its responsible member's; anyone else is refused.</summary>
    private static async Task<HouseholdView> ReadableAsync(PlatformUser user, VolunteersQueries queries, string householdId, CancellationToken cancellationToken)
    {
        var view = await queries.FindHouseholdAsync(user.DistrictCode, householdId, cancellationToken);
        var readable = view is not null && user.Role switch
        {
            PlatformRole.CommunityStaff => view.CommunityId == user.CommunityId,
            PlatformRole.Volunteer or PlatformRole.Resident =>
                (await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken))?.Id == view.Member.VolunteerId,
            _ => false,
        };
        if (view is null) throw new NotFoundException($"没有档案「{householdId}」。");
        return readable ? view : throw new AccessDeniedException("一户一档只对本社区与联系党员开放。");
    }

    private static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string householdId, HouseholdCommand command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(CommandRequests.Origin(http, user), HouseholdDecider.Decider, householdId, command, CommandRequests.ExpectedVersion(http),
            _ => { }, $"没有档案「{householdId}」。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new HouseholdOutcome(householdId, decided.State.Colour, decided.Version));
    }

    private static HouseholdSummary Summary(HouseholdView view, IReadOnlyDictionary<string, string> names, CareRules care, DateOnly today)
    {
        var due = care.NextVisitDue(view.Colour, view.CareSince, view.LastVisitOn);
        return new HouseholdSummary(
            view.Id, view.Address, view.GridId is null ? null : new(view.GridId, names.GetValueOrDefault(view.GridId, view.GridId)),
            view.BuildingId is null ? null : new(view.BuildingId, names.GetValueOrDefault(view.BuildingId, view.BuildingId)), view.Groups, view.Colour,
            CareColours.Names.GetValueOrDefault(view.Colour, view.Colour), view.Member.Name, view.LastVisitOn, due, due < today, view.Version);
    }
}
