using Microsoft.AspNetCore.Mvc;
using Platform.Authorization;
using Platform.EventSourcing.Audit;
using Marten;
using Platform.Needs.Catalogue;
using Platform.Needs.Handling;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;
using Platform.Kernel.Errors;
using Platform.ServiceDefaults.Idempotency;

using Platform.ServiceDefaults;
using Platform.Storage.Attachments;

namespace Platform.Needs.Api;

public static class NeedEndpoints
{
    public static IEndpointRouteBuilder MapNeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var needs = endpoints.MapGroup("/needs").WithTags("Needs");
        needs.MapGet("", List).RequireAccess(NeedsActions.ReadNeeds).WithName("ListNeeds").WithSummary("需求清单, narrowed to the caller's scope.");
        needs.MapPost("", Raise).RequireAccess(NeedsActions.RaiseNeed).WithName("RaiseNeed").Idempotent();
        needs.MapGet("/{needId}", Get).RequireAccess(NeedsActions.ReadNeeds).WithName("GetNeed").WithSummary("一条需求及其处理经过；ETag 为其版本号。");

        Command<AcceptRequest>(needs, "accept", "AcceptNeed", request => new AcceptNeed(request.HandlingClass));
        Command<ReasonRequest>(needs, "reject", "RejectNeed", request => new RejectNeed(request.Reason));
        Command<MergeRequest>(needs, "merge", "MergeNeed", request => new MergeNeed(request.DuplicateOfNeedId, request.Reason));
        Command<PlanRequest>(needs, "start-handling", "StartCommunityHandling", request => new StartCommunityHandling(request.Plan));
        Command<ResolutionRequest>(needs, "resolve", "ResolveNeed", request => new ResolveNeed(request.Resolution, ResolutionSources.Community));
        Command<FeedbackRequest>(needs, "feedback", "RecordNeedFeedback", request => new RecordFeedback(request.Resolved, request.Satisfied, request.Comment));
        Command<EmptyRequest>(needs, "close", "CloseNeed", _ => new CloseNeed());
        Command<ReasonRequest>(needs, "reopen", "ReopenNeed", request => new ReopenNeed(request.Reason));
        needs.MapPost("/{needId}/media", AddMedia).RequireAccess(NeedsActions.AddNeedMedia).WithName("AddNeedMedia")
            .WithSummary("为需求补充一张照片或一个文件（multipart 字段 file）；照片去除拍摄位置等元数据后保存。");
        needs.MapGet("/{needId}/media/{attachmentId}", GetMedia).RequireAccess(NeedsActions.ReadNeeds).WithName("GetNeedMedia")
            .WithSummary("需求的一个附件（照片或文件）。");
        needs.MapPost("/{needId}/whistle", Whistle).RequireAccess(NeedsActions.BlowWhistle).WithName("BlowWhistle").Idempotent()
            .WithSummary("吹哨: escalates the need to its street or the district; answers 201 with the new case.");
        return endpoints;
    }

    public sealed record PlaceRequest(string? StreetId, string? CommunityId, string? GridId, string? BuildingId, string? Address);

    public sealed record ReporterRequest(string? Name, string? Phone);

    public sealed record RaiseRequest(
        string? Title, string? Description, string? Category, string? Urgency, PlaceRequest? Place, ReporterRequest? Reporter, string? Channel);

    public sealed record AcceptRequest(string? HandlingClass);

    public sealed record ReasonRequest(string? Reason);

    public sealed record MergeRequest(string? DuplicateOfNeedId, string? Reason);

    public sealed record PlanRequest(string? Plan);

    public sealed record ResolutionRequest(string? Resolution);

    public sealed record FeedbackRequest(bool? Resolved, bool? Satisfied, string? Comment);

    public sealed record EmptyRequest;

    public sealed record WhistleRequest(string? Level, string? WhistleType, string? Reason, List<string>? TriedByCommunity);

    public sealed record NeedSummary(
        string Id, string Title, string Category, string CategoryName, string Urgency, string Status, string StatusName, string StreetId,
        string CommunityId, string? GridId, string? Place, string Channel, DateTimeOffset RaisedAt, DateTimeOffset? HandleBy, string? CaseId,
        string? ProjectId, bool Overdue, long Version);

    public sealed record ReporterView(string Name, string Phone, bool Masked);

    public sealed record NeedDetail(
        string Id, string Title, string Description, string Category, string CategoryName, string Urgency, string Status, string StatusName,
        Place Place, ReporterView Reporter, string Channel, DateTimeOffset RaisedAt, string? HandlingClass, DateTimeOffset? HandleBy, string? Plan,
        string? CaseId, string? ProjectId, string? ProjectName, string? DuplicateOfNeedId, string? RejectionReason, string? ClaimedBy,
        string? Resolution, FeedbackView? Feedback, bool Overdue, long Version, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<MediaLink> Media);

    private static IReadOnlyList<MediaLink> MediaOf(NeedView view) => [.. view.Media.Select(media => MediaFiles.LinkOf(MediaFiles.OfNeed(view.Id), media))];

    /// <summary>The caller's scope is checked before the file is read, so nothing is kept for a need they cannot touch.</summary>
    private static async Task<IResult> AddMedia(
        string needId, HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCommandHandler commands, IAttachmentStore attachments,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await ReadableNeedAsync(user, needId, guard, queries, cancellationToken);
        return await MediaFiles.AddAsync(http, attachments, user.DistrictCode, MediaFiles.NeedOwner, needId, MediaFiles.OfNeed(needId), media => commands.OnNeedAsync(
            CommandRequests.Origin(http, user), needId, new AddNeedMedia([media]), CommandRequests.ExpectedVersion(http),
            need => guard.EnsureCovers(user, LocationOf(user.DistrictCode, need), $"需求「{needId}」"), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> GetMedia(
        string needId, string attachmentId, HttpContext http, AccessGuard guard, NeedsQueries queries, IAttachmentStore attachments,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableNeedAsync(user, needId, guard, queries, cancellationToken);
        return await MediaFiles.ServeAsync(http, attachments, user.DistrictCode, $"需求「{needId}」", attachmentId, view.Media, cancellationToken);
    }

    private static async Task<NeedView> ReadableNeedAsync(
        PlatformUser user, string needId, AccessGuard guard, NeedsQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindNeedAsync(user.DistrictCode, needId, cancellationToken) ?? throw new NotFoundException($"需求「{needId}」不存在。");
        guard.EnsureCovers(user, LocationOf(user.DistrictCode, view), $"需求「{needId}」");
        return view;
    }

    internal static NeedSummary Summary(NeedView view, NeedsCatalogue catalogue, bool masked) => new(
        view.Id, masked ? FreeText.Masked(view.Title)! : view.Title, view.Category, catalogue.FindCategory(view.Category)?.Name ?? view.Category, view.Urgency,
        view.Status, StatusName(view.Status), view.Place.StreetId, view.Place.CommunityId, view.Place.GridId,
        masked ? FreeText.Masked(view.Place.Address) : view.Place.Address, view.Channel, view.RaisedAt,
        view.HandleBy, view.CaseId, view.ProjectId, view.Overdue, view.Version);

    internal static string StatusName(string code) =>
        NeedStatusNames.Of(Enum.GetValues<NeedStatus>().FirstOrDefault(status => status.Code() == code));

    private static async Task<IResult> List(
        HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCatalogue catalogue, string? status, string? category, string? streetId,
        string? communityId, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var paging = CommandRequests.Paging(page, pageSize);
        new Validation()
            .Require(status is null || status is "open" or "overdue" || Enum.GetValues<NeedStatus>().Any(known => known != NeedStatus.None && known.Code() == status),
                "status", $"未知的需求状态「{status}」。")
            .Require(category is null || catalogue.FindCategory(category) is not null, "category", $"未知的需求类别「{category}」。")
            .ThrowIfInvalid();
        var result = await queries.ListNeedsAsync(user, new NeedFilter(status, category, streetId, communityId, q, paging), cancellationToken);
        return TypedResults.Ok(result.Select(view => Summary(view, catalogue, masked: !HandlesReporterOf(user, view))));
    }

    private static async Task<IResult> Raise(
        RaiseRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, NeedsCommandHandler commands, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var place = await PlaceOfAsync(user, request.Place, guard, directory, cancellationToken);
        var selfReported = user.Role is PlatformRole.Resident or PlatformRole.Volunteer;
        var channel = request.Channel ?? (selfReported ? NeedChannels.SelfReported : NeedChannels.Staff);
        if (NeedChannels.Refusal(channel, selfReported) is { } refusal)
            throw new InvalidCommandException(refusal, new Dictionary<string, string[]> { ["channel"] = [refusal] });
        // A resident reports as the account they signed in with; only the number to call back on is theirs to give.
        var reporter = selfReported
            ? new ReporterContact(user.DisplayName, request.Reporter?.Phone ?? "")
            : request.Reporter is null ? null : new ReporterContact(request.Reporter.Name ?? "", request.Reporter.Phone ?? "");
        var command = new RaiseNeed(
            NeedsCommandHandler.NewId("N", clock.GetUtcNow()), request.Title, request.Description, request.Category, request.Urgency, place, reporter,
            selfReported ? user.UserId : null, channel, null);
        var outcome = await commands.RaiseAsync(CommandRequests.Origin(http, user), command, cancellationToken);
        CommandRequests.SetVersion(http, outcome.Version);
        // Relative to the request (RFC 9110 §10.2.2), so it holds behind the gateway's /api/needs and without it: the
        // service does not know where it is mounted.
        return TypedResults.Created($"needs/{Uri.EscapeDataString(outcome.Id)}", outcome);
    }

    /// <summary>
    /// Checks the place against the district's tree (an unknown or mismatched unit is a 400 on that field) and against
    /// the caller: community staff raise needs of their own community, residents and volunteers of the one they belong to.
    /// </summary>
    internal static async Task<Place> PlaceOfAsync(
        PlatformUser user, PlaceRequest? request, AccessGuard guard, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        // Whoever belongs to one community (its staff, its residents and volunteers) reports there unless they say otherwise.
        var communityId = Empty(request?.CommunityId) ?? (user.Role is PlatformRole.CommunityStaff or PlatformRole.Resident or PlatformRole.Volunteer ? user.CommunityId : null);
        var community = communityId is null ? null : await directory.FindAsync(user.DistrictCode, communityId, cancellationToken);
        if (communityId is null) errors["place.communityId"] = ["须注明所在社区。"];
        else if (community is not { Kind: Contracts.Organization.OrganizationUnitKinds.Community, Closed: false })
            errors["place.communityId"] = [$"本区没有社区「{communityId}」。"];
        var streetId = Empty(request?.StreetId) ?? community?.StreetId;
        if (community is not null && streetId != community.StreetId) errors["place.streetId"] = ["社区不属于所填街道。"];
        foreach (var (field, unitId, kind) in new[] { ("place.gridId", Empty(request?.GridId), "grid"), ("place.buildingId", Empty(request?.BuildingId), "building") })
        {
            if (unitId is null || community is null) continue;
            var unit = await directory.FindAsync(user.DistrictCode, unitId, cancellationToken);
            if (unit is null || unit.Kind != kind || unit.CommunityId != community.UnitId) errors[field] = [$"「{unitId}」不是该社区的{(kind == "grid" ? "网格" : "楼栋")}。"];
        }
        if (errors.Count > 0) throw new InvalidCommandException(string.Join(" ", errors.Values.SelectMany(messages => messages)), errors);

        if (user.Role == PlatformRole.CommunityStaff || user.Role is PlatformRole.Resident or PlatformRole.Volunteer && user.CommunityId is not null)
        {
            if (community!.UnitId != user.CommunityId) throw new AccessDeniedException($"社区「{community.Name}」不在您的管辖范围内。");
        }
        return new Place(streetId!, community!.UnitId, Empty(request?.GridId), Empty(request?.BuildingId), Empty(request?.Address));
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IResult> Get(
        string needId, HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCatalogue catalogue, IDocumentStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableNeedAsync(user, needId, guard, queries, cancellationToken);
        await using var session = store.LightweightSession(user.DistrictCode);
        session.CorrelationId = CommandRequests.CorrelationId(http);
        session.LastModifiedBy = user.UserId;
        var events = await session.Events.FetchStreamAsync(Need.StreamId(needId), token: cancellationToken);

        var unmasked = HandlesReporterOf(user, view);
        if (unmasked && view.ReporterUserId != user.UserId)
        {
            session.RecordView(new PersonalDataViewed(
                user.UserId, user.DisplayName, user.Role.Code(), "need", needId, PersonalData.MaskInText(view.Title), ["reporter.name", "reporter.phone"],
                clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellationToken);
        }
        var reporter = unmasked
            ? new ReporterView(view.Reporter.Name, view.Reporter.Phone, false)
            : new ReporterView(PersonalData.MaskName(view.Reporter.Name), PersonalData.MaskPhone(view.Reporter.Phone), true);
        var text = unmasked ? (Func<string?, string?>)(value => value) : FreeText.Masked;
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new NeedDetail(
            view.Id, text(view.Title)!, text(view.Description)!, view.Category, catalogue.FindCategory(view.Category)?.Name ?? view.Category, view.Urgency,
            view.Status, StatusName(view.Status), view.Place with { Address = text(view.Place.Address) }, reporter, view.Channel, view.RaisedAt,
            view.HandlingClass, view.HandleBy, text(view.Plan), view.CaseId, view.ProjectId, view.ProjectName, view.DuplicateOfNeedId,
            text(view.RejectionReason), view.ClaimedBy, text(view.Resolution), view.Feedback is { } feedback ? feedback with { Comment = text(feedback.Comment) } : null,
            view.Overdue, view.Version, Timeline.Of(events), MediaOf(view)));
    }

    /// <summary>Who works with the reporter: the community handling the need, the district office, and the reporter.</summary>
    internal static bool HandlesReporterOf(PlatformUser user, NeedView view) => user.Role switch
    {
        PlatformRole.DistrictAdmin => true,
        PlatformRole.CommunityStaff => view.Place.CommunityId == user.CommunityId,
        PlatformRole.Resident or PlatformRole.Volunteer => view.ReporterUserId == user.UserId,
        _ => false,
    };

    internal static OrgLocation LocationOf(string districtCode, NeedView view) =>
        new(districtCode, view.Place.StreetId, view.Place.CommunityId, OwnerId: view.ReporterUserId);

    internal static OrgLocation LocationOf(string districtCode, Need need) =>
        new(districtCode, need.Place?.StreetId, need.Place?.CommunityId, OwnerId: need.ReporterUserId);

    private static void Command<TRequest>(RouteGroupBuilder group, string verb, string name, Func<TRequest, NeedCommand> toCommand)
    {
        group.MapPost($"/{{needId}}/{verb}", async (string needId, TRequest request, HttpContext http, AccessGuard guard, NeedsCommandHandler commands, CancellationToken cancellationToken) =>
            {
                var user = guard.CurrentUser(http);
                var outcome = await commands.OnNeedAsync(
                    CommandRequests.Origin(http, user), needId, toCommand(request), CommandRequests.ExpectedVersion(http),
                    need => guard.EnsureCovers(user, LocationOf(user.DistrictCode, need), $"需求「{needId}」"), cancellationToken);
                CommandRequests.SetVersion(http, outcome.Version);
                return TypedResults.Ok(outcome);
            })
            .RequireAccess(NeedsActions.TriageNeeds).WithName(name);
    }

    private static async Task<IResult> Whistle(
        string needId, WhistleRequest request, HttpContext http, AccessGuard guard, NeedsCommandHandler commands, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var outcome = await commands.BlowWhistleAsync(
            CommandRequests.Origin(http, user), needId, CommandRequests.ExpectedVersion(http), request.Level, request.WhistleType, request.Reason, request.TriedByCommunity,
            need => guard.EnsureCovers(user, LocationOf(user.DistrictCode, need), $"需求「{needId}」"), cancellationToken);
        // From …/needs/{needId}/whistle up to the service's root, as above.
        return TypedResults.Created($"../../cases/{Uri.EscapeDataString(outcome.Id)}", outcome);
    }
}
