using Platform.Authorization;
using Platform.EventSourcing.Commands;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Needs.Handling;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Needs.NeedList;

public sealed record RaiseNeed(
    string NeedId, string? Title, string? Description, string? Category, string? Urgency, Place? Place, ReporterContact? Reporter,
    string? ReporterUserId, string? Channel, string? ExternalId, IReadOnlyList<MediaReference>? Media = null) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] Raise(RaiseNeed command, Need state, NeedsDecisionContext context)
    {
        if (state.Status != NeedStatus.None) throw new RuleViolationException($"需求「{command.NeedId}」已存在。");
        var catalogue = context.Catalogue;
        new Validation()
            .Text(command.Title, "title", "标题", 100, singleLine: true)
            .Text(command.Description, "description", "描述", 2000)
            .Require(catalogue.FindCategory(command.Category) is not null, "category", $"未知的需求类别「{command.Category}」。")
            .Require(catalogue.IsUrgency(command.Urgency), "urgency", $"未知的紧急程度「{command.Urgency}」。")
            .Require(catalogue.IsChannel(command.Channel), "channel", command.Channel is null ? "须注明来源渠道。" : $"未知的来源渠道「{command.Channel}」。")
            .Require(command.Place is { StreetId.Length: > 0, CommunityId.Length: > 0 }, "place", "须注明所在街道和社区。")
            .Text(command.Place?.Address, "place.address", "地点", 200, required: false, singleLine: true)
            .Text(command.Reporter?.Name, "reporter.name", "报告人姓名", 50, singleLine: true)
            .Phone(command.Reporter?.Phone, "reporter.phone", "报告人电话")
            .Text(command.ExternalId, "externalId", "外部编号", 100, required: false, singleLine: true)
            .Require(command.Media is null || command.Media.Count <= MaxMedia, "media", $"一条需求最多附 {MaxMedia} 个文件。")
            .Require(command.Media?.All(media => media.IsWellFormed) ?? true, "media", "附件须为本平台保存的文件，或以 http(s):// 开头、不超过 500 字符的链接。")
            .ThrowIfInvalid();

        return
        [
            new NeedRaised(
                command.NeedId, command.Title!.Trim(), command.Description!.Trim(), command.Category!, command.Urgency!, command.Place!,
                new ReporterContact(command.Reporter!.Name.Trim(), command.Reporter.Phone.Trim()), command.ReporterUserId, command.Channel!,
                command.ExternalId, context.Actor, context.Now, command.Media is { Count: > 0 } media ? [.. media] : null),
        ];
    }
}

public static class RaiseNeedEndpoint
{
    public sealed record PlaceRequest(string? StreetId, string? CommunityId, string? GridId, string? BuildingId, string? Address);

    public sealed record ReporterRequest(string? Name, string? Phone);

    public sealed record RaiseRequest(
        string? Title, string? Description, string? Category, string? Urgency, PlaceRequest? Place, ReporterRequest? Reporter, string? Channel);

    public static void Map(RouteGroupBuilder needs) =>
        needs.MapPost("", RaiseAsync).RequireAccess(NeedsActions.RaiseNeed).WithName("RaiseNeed").Idempotent();

    private static async Task<IResult> RaiseAsync(
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
            RecordIds.New("N", clock.GetUtcNow()), request.Title, request.Description, request.Category, request.Urgency, place, reporter,
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
    private static async Task<Place> PlaceOfAsync(
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
}
