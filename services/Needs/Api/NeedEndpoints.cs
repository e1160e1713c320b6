using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Platform.Authorization;
using Platform.EventSourcing.Audit;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.Handling;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;

namespace Platform.Needs.Api;

public static class NeedEndpoints
{
    public static IEndpointRouteBuilder MapNeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var needs = endpoints.MapGroup("/needs").WithTags("Needs");
        needs.MapGet("", List).RequireAccess(NeedsActions.ReadNeeds).WithName("ListNeeds").WithSummary("需求清单, narrowed to the caller's scope.");
        needs.MapGet("/{needId}", Get).RequireAccess(NeedsActions.ReadNeeds).WithName("GetNeed").WithSummary("一条需求及其处理经过；ETag 为其版本号。");

        RaiseNeedEndpoint.Map(needs);
        AcceptNeedEndpoint.Map(needs);
        RejectNeedEndpoint.Map(needs);
        MergeNeedEndpoint.Map(needs);
        StartCommunityHandlingEndpoint.Map(needs);
        ResolveNeedEndpoint.Map(needs);
        RecordFeedbackEndpoint.Map(needs);
        CloseNeedEndpoint.Map(needs);
        ReopenNeedEndpoint.Map(needs);
        AddNeedMediaEndpoint.Map(needs);
        BlowWhistleEndpoint.Map(needs);
        return endpoints;
    }

    public sealed record ReasonRequest(string? Reason);

    public sealed record FeedbackRequest(bool? Resolved, bool? Satisfied, string? Comment);

    public sealed record EmptyRequest;

    public sealed record NeedSummary(
        string Id, string Title, string Category, string CategoryName, string Urgency, string Status, string StatusName, string StreetId,
        string CommunityId, string? GridId, string? Place, string Channel, DateTimeOffset RaisedAt, DateTimeOffset? HandleBy, string? CaseId,
        string? ProjectId, bool Overdue, long Version);

    public sealed record ReporterView(string Name, string Phone, bool Masked);

    /// <summary>How the project following the need stands, as Projects last reported it.</summary>
    public sealed record ProjectProgressView(int TasksDone, int Tasks, int ProgressPercent, string LastStep, DateOnly LastStepOn);

    public sealed record NeedDetail(
        string Id, string Title, string Description, string Category, string CategoryName, string Urgency, string Status, string StatusName,
        Place Place, ReporterView Reporter, string Channel, DateTimeOffset RaisedAt, string? HandlingClass, DateTimeOffset? HandleBy, string? Plan,
        string? CaseId, string? ProjectId, string? ProjectName, ProjectProgressView? ProjectProgress, string? DuplicateOfNeedId, string? RejectionReason, string? ClaimedBy,
        string? Resolution, FeedbackView? Feedback, bool Overdue, long Version, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<MediaLink> Media,
        ProjectTaskOrigin? FromProject);

    private static IReadOnlyList<MediaLink> MediaOf(NeedView view) => [.. view.Media.Select(media => MediaFiles.LinkOf(MediaFiles.OfNeed(view.Id), media))];

    internal static async Task<NeedView> ReadableNeedAsync(
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
        string? communityId, string? q, string? raisedIn, string? stage, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var paging = CommandRequests.Paging(page, pageSize);
        new Validation()
            .Require(raisedIn is null || DistrictTime.TryParseMonth(raisedIn, out _, out _), "raisedIn", "月份须写作 yyyy-MM，如 2026-11。")
            .Require(stage is null || NeedFunnel.Stages.Contains(stage), "stage", $"未知的办理阶段「{stage}」：可选 {string.Join("、", NeedFunnel.Stages)}。")
            .Require(status is null || status is "open" or "overdue" || Enum.GetValues<NeedStatus>().Any(known => known != NeedStatus.None && known.Code() == status),
                "status", $"未知的需求状态「{status}」。")
            .Require(category is null || catalogue.FindCategory(category) is not null, "category", $"未知的需求类别「{category}」。")
            .ThrowIfInvalid();
        var result = await queries.ListNeedsAsync(user, new NeedFilter(status, category, streetId, communityId, q, paging, raisedIn, stage), cancellationToken);
        return TypedResults.Ok(result.Select(view => Summary(view, catalogue, masked: !HandlesReporterOf(user, view))));
    }

    private static async Task<IResult> Get(
        string needId, HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCatalogue catalogue, IDocumentStore store, NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableNeedAsync(user, needId, guard, queries, cancellationToken);
        var progress = (await Integration.ProjectProgressCopies.FindAsync(dataSource, user.DistrictCode, view.ProjectId, cancellationToken))?.Facts;
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Need.StreamId(needId), token: cancellationToken);

        var unmasked = HandlesReporterOf(user, view);
        if (unmasked && view.ReporterUserId != user.UserId)
        {
            await store.RecordUnmaskedViewAsync(
                http, user, "need", needId, PersonalData.MaskInText(view.Title), ["reporter.name", "reporter.phone"], clock, cancellationToken);
        }
        var reporter = unmasked
            ? new ReporterView(view.Reporter.Name, view.Reporter.Phone, false)
            : new ReporterView(PersonalData.MaskName(view.Reporter.Name), PersonalData.MaskPhone(view.Reporter.Phone), true);
        var text = unmasked ? (Func<string?, string?>)(value => value) : FreeText.Masked;
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new NeedDetail(
            view.Id, text(view.Title)!, text(view.Description)!, view.Category, catalogue.FindCategory(view.Category)?.Name ?? view.Category, view.Urgency,
            view.Status, StatusName(view.Status), view.Place with { Address = text(view.Place.Address) }, reporter, view.Channel, view.RaisedAt,
            view.HandlingClass, view.HandleBy, text(view.Plan), view.CaseId, view.ProjectId, view.ProjectName,
            progress is null ? null : new ProjectProgressView(progress.TasksDone, progress.Tasks, progress.ProgressPercent, progress.LastStep, progress.LastStepOn),
            view.DuplicateOfNeedId,
            text(view.RejectionReason), view.ClaimedBy, text(view.Resolution), view.Feedback is { } feedback ? feedback with { Comment = text(feedback.Comment) } : null,
            view.Overdue, view.Version, Timeline.Of(events), MediaOf(view), view.FromProject));
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

    internal static void MapCommand<TRequest>(RouteGroupBuilder group, string verb, string name, Func<TRequest, NeedCommand> toCommand)
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

}
