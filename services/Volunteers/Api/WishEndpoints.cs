using Marten;
using Platform.EventSourcing.Audit;
using Platform.Storage.Attachments;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Wishes;

namespace Platform.Volunteers.Api;

/// <summary>The micro-wish board (微心愿墙): wishes Needs published, claimed and fulfilled here, and credited onto the ledgers.</summary>
public static class WishEndpoints
{
    public const string PhotoOwnerKind = "wish-photo";

    public static IEndpointRouteBuilder MapWishEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var wishes = endpoints.MapGroup("/wishes").WithTags("Micro-wishes");
        wishes.MapGet("", ListAsync).RequireAccess(VolunteersActions.ReadWishes).WithName("ListWishes")
            .WithSummary("微心愿墙：未认领的在前；只显示心愿、社区与网格，不显示住户。mine=true 为本人（或本单位）认领的。");
        wishes.MapGet("/{wishId}", GetAsync).RequireAccess(VolunteersActions.ReadWishes).WithName("GetWish")
            .WithSummary("一个微心愿：认领方与承诺日期、实现情况与照片、计入的时长与积分及经过。");
        wishes.MapPost("/{wishId}/claim", ClaimAsync).RequireAccess(VolunteersActions.ClaimWishes).WithName("ClaimWish")
            .WithSummary("认领微心愿并承诺实现日期（90 天内）；逾期未实现的退回心愿墙并告知社区。志愿者为本人认领，共建单位为本单位，社区可为本社区的志愿者或队伍认领。");
        wishes.MapPost("/{wishId}/fulfil", FulfilAsync).RequireAccess(VolunteersActions.ClaimWishes).WithName("FulfilWish").DisableAntiforgery()
            .WithSummary("实现微心愿：multipart 字段 note（实现情况）、file（照片）、minutes（每人服务分钟数）、volunteerIds（参与的志愿者，队伍与单位认领时填写）；为参与者计入组织者登记时长与积分。");
        wishes.MapGet("/{wishId}/photo/{attachmentId}", PhotoAsync).RequireAccess(VolunteersActions.ReadWishes).WithName("GetWishPhoto")
            .WithSummary("微心愿实现时上传的照片。");
        return endpoints;
    }

    public sealed record WishSummary(
        string Id, string Title, string Description, VolunteerEndpoints.NamedPlace Community, VolunteerEndpoints.NamedPlace? Grid, string Status,
        string StatusName, string? ClaimerKindName, string? ClaimerName, DateOnly? Deadline, DateTimeOffset PostedAt, bool Mine, long Version);

    public sealed record CreditLine(string VolunteerId, string Name, decimal Hours, decimal Points);

    public sealed record WishDetail(
        WishSummary Summary, string? Note, string? PhotoUrl, DateTimeOffset? FulfilledAt, IReadOnlyList<CreditLine> Credits, int Lapses,
        IReadOnlyList<WishChange> Changes);

    public sealed record WishChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record ClaimRequest(string? VolunteerId, string? TeamId, DateOnly? Deadline);

    public sealed record WishOutcome(string Id, string Status, long Version);

    public static string StatusName(string status) => status switch
    {
        WishView.Open => "待认领",
        WishView.Claimed => "已认领",
        WishView.Fulfilled => "已实现",
        _ => status,
    };

    internal static string TitleOf(object data) => data switch
    {
        WishPosted => "发布到心愿墙",
        WishClaimed claimed => $"{ClaimerKinds.Names.GetValueOrDefault(claimed.Claimer.Kind)}认领，承诺 {claimed.Deadline:yyyy-MM-dd} 前实现",
        WishReleased => "认领逾期，退回心愿墙",
        WishFulfilled => "心愿已实现",
        _ => data.GetType().Name,
    };

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, string? status, string? streetId,
        string? communityId, bool? mine, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or WishView.Open or WishView.Claimed or WishView.Fulfilled, "status", $"未知的状态「{status}」（应为 open、claimed 或 fulfilled）。")
            .ThrowIfInvalid();
        var me = await ClaimerOfCallerAsync(user, queries, directory, cancellationToken);
        var found = await queries.ListWishesAsync(user, await UnitCommunityAsync(user, directory, cancellationToken), status, streetId, communityId,
            mine == true ? me?.Id ?? "-" : null, CommandRequests.Paging(page, pageSize), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.SelectMany(wish => new[] { wish.CommunityId, wish.GridId }.OfType<string>()), cancellationToken);
        return TypedResults.Ok(found.Select(wish => Summary(user, wish, names, me)));
    }

    private static async Task<IResult> GetAsync(
        string wishId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, IDocumentStore store,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var wish = await ReadableWishAsync(user, guard, queries, directory, wishId, cancellationToken);
        var me = await ClaimerOfCallerAsync(user, queries, directory, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Wish.StreamId(wishId), token: cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, new[] { wish.CommunityId, wish.GridId }.OfType<string>(), cancellationToken);
        var handles = user.Role == PlatformRole.CommunityStaff && user.CommunityId == wish.CommunityId;
        CommandRequests.SetVersion(http, wish.Version);
        return TypedResults.Ok(new WishDetail(
            Summary(user, wish, names, me), wish.Note,
            wish.Photo is null ? null : $"wishes/{Uri.EscapeDataString(wish.Id)}/photo/{Uri.EscapeDataString(wish.Photo.AttachmentId)}", wish.FulfilledAt,
            [.. wish.Credits.Select(credit => new CreditLine(credit.VolunteerId, handles || credit.VolunteerId == me?.Id ? credit.Name : PersonalData.MaskName(credit.Name),
                Math.Round(credit.Minutes / 60m, 2), credit.Points))],
            wish.Lapses,
            [.. events.Select(stored => new WishChange(stored.Version, TitleOf(stored.Data), ((WishEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    private static async Task<IResult> ClaimAsync(
        string wishId, ClaimRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory,
        CommandRunner runner, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var wish = await ReadableWishAsync(user, guard, queries, directory, wishId, cancellationToken);
        WishClaimer claimer;
        if (user.Role is PlatformRole.Volunteer or PlatformRole.Resident or PlatformRole.UnitMember)
        {
            claimer = await ClaimerOfCallerAsync(user, queries, directory, cancellationToken, mustBeActive: true)
                ?? throw new RuleViolationException("您尚未登记为志愿者；请先登记，待社区确认。");
        }
        else if (!string.IsNullOrWhiteSpace(request.TeamId))
        {
            var team = await queries.FindTeamAsync(user.DistrictCode, request.TeamId.Trim(), cancellationToken);
            if (team is null || team.CommunityId != wish.CommunityId) throw new InvalidReferenceException("teamId", $"微心愿所在社区没有服务队伍「{request.TeamId}」。");
            claimer = new WishClaimer(ClaimerKinds.Team, team.Id, team.Name);
        }
        else
        {
            var volunteer = await VolunteerEndpoints.ActiveVolunteerAsync(user, queries, request.VolunteerId, "volunteerId", cancellationToken);
            claimer = new WishClaimer(ClaimerKinds.Volunteer, volunteer.Id, volunteer.Person.Name);
        }
        if (claimer.Kind == ClaimerKinds.Volunteer && await queries.FindVolunteerAsync(user.DistrictCode, claimer.Id, cancellationToken) is { } own
            && own.CommunityId != wish.CommunityId)
            throw new InvalidReferenceException("volunteerId", "只能认领本社区的微心愿。");
        return await RunAsync(http, user, runner, wishId, new ClaimWish(claimer, request.Deadline), cancellationToken);
    }

    private static async Task<IResult> FulfilAsync(
        string wishId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, IAttachmentStore attachments,
        CommandRunner runner, Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var wish = await ReadableWishAsync(user, guard, queries, directory, wishId, cancellationToken);
        if (wish.Claimer is not { } claimer) throw new RuleViolationException(wish.Status == WishView.Open ? "微心愿尚未被认领。" : "微心愿已实现。");
        var acting = user.Role is PlatformRole.Volunteer or PlatformRole.Resident or PlatformRole.UnitMember
            ? await ClaimerOfCallerAsync(user, queries, directory, cancellationToken)
            : claimer;
        if (acting is null || acting.Kind != claimer.Kind || acting.Id != claimer.Id)
            throw new AccessDeniedException($"微心愿由{claimer.Name}认领，只能由认领方实现。");
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : null;
        var minutesText = form?["minutes"].ToString();
        int? minutes = int.TryParse(minutesText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (!string.IsNullOrEmpty(minutesText) && minutes is null)
            throw new InvalidCommandException("服务时长须为分钟数。", new Dictionary<string, string[]> { ["minutes"] = ["须为整数分钟。"] });
        var helpers = new List<WishHelper>();
        if (claimer.Kind == ClaimerKinds.Volunteer)
        {
            helpers.Add(new WishHelper(claimer.Id, claimer.Name, minutes));
        }
        else
        {
            var team = claimer.Kind == ClaimerKinds.Team ? await queries.FindTeamAsync(user.DistrictCode, claimer.Id, cancellationToken) : null;
            foreach (var volunteerId in form?["volunteerIds"].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) ?? [])
            {
                var volunteer = await queries.FindVolunteerAsync(user.DistrictCode, volunteerId, cancellationToken);
                if (volunteer is not { Status: VolunteerView.Active } || volunteer.CommunityId != wish.CommunityId
                    || team is not null && !team.Members.Any(member => member.VolunteerId == volunteerId))
                    throw new InvalidReferenceException("volunteerIds", team is null ? $"「{volunteerId}」不是微心愿所在社区的志愿者。" : $"「{volunteerId}」不是{team.Name}的队员。");
                helpers.Add(new WishHelper(volunteer.Id, volunteer.Person.Name, minutes));
            }
            if (claimer.Kind == ClaimerKinds.Team && helpers.Count == 0)
                throw new InvalidCommandException("须写明参与的队员。", new Dictionary<string, string[]> { ["volunteerIds"] = ["须写明参与的队员。"] });
        }
        var note = form?["note"].ToString();
        var file = await http.Request.ReadAcceptedFileAsync("file", cancellationToken);
        var (_, decided) = await attachments.KeepAndRecordAsync(user.DistrictCode, PhotoOwnerKind, wishId, file, stored => RunAsync(
            http, user, runner, wishId,
            new FulfilWish(claimer, note, new WishPhoto(stored.Id.ToString(), stored.FileName, stored.ContentType, stored.Size, stored.Sha256), helpers, rules.Value),
            cancellationToken), cancellationToken);
        return decided;
    }

    private static async Task<IResult> PhotoAsync(
        string wishId, string attachmentId, HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory,
        IAttachmentStore attachments, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var wish = await ReadableWishAsync(user, guard, queries, directory, wishId, cancellationToken);
        return await http.ServeAttachmentAsync(attachments, user.DistrictCode, $"微心愿「{wish.Title}」", attachmentId,
            wish.Photo is null ? [] : [wish.Photo.AttachmentId], cancellationToken);
    }

    private static async Task<IResult> RunAsync(HttpContext http, PlatformUser user, CommandRunner runner, string wishId, WishCommand command, CancellationToken cancellationToken)
    {
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), WishDecider.Decider, wishId, command, CommandRequests.ExpectedVersion(http), _ => { },
            $"微心愿「{wishId}」不在心愿墙上。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        var status = decided.State.Status switch
        {
            WishStatus.Claimed => WishView.Claimed,
            WishStatus.Fulfilled => WishView.Fulfilled,
            _ => WishView.Open,
        };
        return TypedResults.Ok(new WishOutcome(wishId, status, decided.Version));
    }

    /// <summary>A wish the caller may read: staff of its place, its community's volunteers and residents, the members of
    /// a unit in its community or that claimed it.</summary>
    private static async Task<WishView> ReadableWishAsync(
        PlatformUser user, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, string wishId, CancellationToken cancellationToken)
    {
        var wish = await queries.FindWishAsync(user.DistrictCode, wishId, cancellationToken) ?? throw new NotFoundException($"微心愿「{wishId}」不在心愿墙上。");
        if (user.Role == PlatformRole.UnitMember)
        {
            if (wish.Claimer?.Id != user.UnitId && await UnitCommunityAsync(user, directory, cancellationToken) != wish.CommunityId)
                throw new AccessDeniedException("这个微心愿不在本单位所在的社区。");
            return wish;
        }
        TeamEndpoints.EnsureSees(user, guard, wish.StreetId, wish.CommunityId, $"微心愿「{wish.Title}」");
        return wish;
    }

    private static async Task<string?> UnitCommunityAsync(PlatformUser user, OrganizationDirectory directory, CancellationToken cancellationToken) =>
        user.Role == PlatformRole.UnitMember && user.UnitId is { } unitId ? (await directory.FindAsync(user.DistrictCode, unitId, cancellationToken))?.CommunityId : null;

    /// <summary>Who the caller claims as: a volunteer or resident as their own record, a unit's member as the unit; staff as no one.</summary>
    private static async Task<WishClaimer?> ClaimerOfCallerAsync(
        PlatformUser user, VolunteersQueries queries, OrganizationDirectory directory, CancellationToken cancellationToken, bool mustBeActive = false)
    {
        switch (user.Role)
        {
            case PlatformRole.UnitMember when user.UnitId is { } unitId:
                var unit = await directory.FindAsync(user.DistrictCode, unitId, cancellationToken);
                return new WishClaimer(ClaimerKinds.Unit, unitId, unit?.Name ?? unitId);
            case PlatformRole.Volunteer or PlatformRole.Resident:
                var own = await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken);
                if (own is null) return null;
                if (mustBeActive && own.Status != VolunteerView.Active)
                    throw new RuleViolationException(own.Status == VolunteerView.Pending ? "您的报到尚待社区确认。" : "您已退出志愿服务。");
                return new WishClaimer(ClaimerKinds.Volunteer, own.Id, own.Person.Name);
            default:
                return null;
        }
    }

    private static WishSummary Summary(PlatformUser user, WishView wish, IReadOnlyDictionary<string, string> names, WishClaimer? me)
    {
        var handles = user.Role == PlatformRole.CommunityStaff && user.CommunityId == wish.CommunityId;
        var mine = me is not null && wish.Claimer is { } claimer && claimer.Kind == me.Kind && claimer.Id == me.Id;
        var claimerName = wish.Claimer switch
        {
            null => null,
            { Kind: ClaimerKinds.Volunteer } person when !handles && !mine => PersonalData.MaskName(person.Name),
            { } other => other.Name,
        };
        return new WishSummary(
            wish.Id, wish.Title, wish.Description, new VolunteerEndpoints.NamedPlace(wish.CommunityId, names.GetValueOrDefault(wish.CommunityId, wish.CommunityId)),
            wish.GridId is null ? null : new VolunteerEndpoints.NamedPlace(wish.GridId, names.GetValueOrDefault(wish.GridId, wish.GridId)), wish.Status,
            StatusName(wish.Status), wish.Claimer is null ? null : ClaimerKinds.Names.GetValueOrDefault(wish.Claimer.Kind), claimerName, wish.Deadline, wish.PostedAt,
            mine, wish.Version);
    }
}
