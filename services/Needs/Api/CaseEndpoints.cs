using Marten;
using Platform.Authorization;
using Platform.Kernel.Errors;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.Handling;
using Platform.Needs.ReadModels;
using Platform.ServiceDefaults;
using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;

namespace Platform.Needs.Api;

public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup("/cases").WithTags("Whistle cases");
        cases.MapGet("", List).RequireAccess(NeedsActions.ReadCases).WithName("ListCases").WithSummary("吹哨案件, narrowed to the caller's scope, soonest deadline first.");
        cases.MapGet("/{caseId}", Get).RequireAccess(NeedsActions.ReadCases).WithName("GetCase");

        DispatchCaseEndpoint.Map(cases);
        SignCaseEndpoint.Map(cases);
        NoteProgressEndpoint.Map(cases);
        AddCaseEvidenceEndpoint.Map(cases);
        ReportHandledEndpoint.Map(cases);
        RequestTransferEndpoint.Map(cases);
        DecideTransferEndpoint.Map(cases);
        EscalateCaseEndpoint.Map(cases);
        VerifyCaseEndpoint.Map(cases);
        RecordCallbackEndpoint.Map(cases);
        CloseCaseEndpoint.Map(cases);
        ReopenCaseEndpoint.Map(cases);
        return endpoints;
    }

    public sealed record CaseSummary(
        string Id, string NeedId, string Title, string Category, string CategoryName, string Level, string LevelName, string WhistleType, string Status,
        string StatusName, string StreetId, string CommunityId, string? LeadDepartmentId, IReadOnlyList<string> DepartmentIds,
        IReadOnlyList<string> SignedDepartmentIds, DateTimeOffset BlownAt, DateTimeOffset? DispatchedAt, DateTimeOffset? SignBy, DateTimeOffset? HandleBy,
        DeadlineView? NextDeadline, bool Overdue, DeadlineView? OverdueSince, int Escalations, long Version);

    public sealed record CaseDetail(
        CaseSummary Summary, string Reason, IReadOnlyList<string> TriedByCommunity, bool AutomaticWhistle, string? HandlingClass,
        IReadOnlyList<string> ParticipatingUnitIds, IReadOnlyList<NamedUnit> ParticipatingUnits, string? Result, TransferView? PendingTransfer, CallbackView? Callback, int Round, int Breaches,
        IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<EvidenceLink> Evidence);

    /// <summary>A co-building unit as people read it; a unit the district has since removed keeps its id as its name.</summary>
    public sealed record NamedUnit(string Id, string Name);

    /// <summary>A department's photo or document of its work, where the API serves it.</summary>
    public sealed record EvidenceLink(string Url, bool Kept, string DepartmentId, DateTimeOffset AddedAt);

    internal static CaseSummary Summary(CaseView view, NeedsCatalogue catalogue, bool masked) => new(
        view.Id, view.NeedId, masked ? FreeText.Masked(view.Title)! : view.Title, view.Category, catalogue.FindCategory(view.Category)?.Name ?? view.Category, view.Level,
        WhistleCaseDecider.LevelName(view.Level), view.WhistleType, view.Status, StatusName(view.Status), view.Place.StreetId, view.Place.CommunityId,
        view.LeadDepartmentId, view.DepartmentIds, view.SignedDepartmentIds, view.BlownAt, view.DispatchedAt, view.SignBy, view.HandleBy, view.NextDeadline,
        view.Overdue, view.OverdueSince, view.Escalations, view.Version);

    internal static string StatusName(string code) => CaseStatusNames.Of(Enum.GetValues<CaseStatus>().FirstOrDefault(status => status.Code() == code));

    private static async Task<IResult> List(
        HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCatalogue catalogue, string? status, string? level, string? streetId,
        string? communityId, string? departmentId, bool? overdue, bool? open, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var paging = CommandRequests.Paging(page, pageSize);
        new Validation()
            .Require(status is null || Enum.GetValues<CaseStatus>().Any(known => known != CaseStatus.None && known.Code() == status), "status", $"未知的案件状态「{status}」。")
            .Require(level is null || WhistleCaseDecider.LevelAbove(level) is not null || level == WhistleLevels.District, "level", $"未知的督办层级「{level}」。")
            .ThrowIfInvalid();
        var result = await queries.ListCasesAsync(user, new CaseFilter(status, level, streetId, communityId, departmentId, overdue, open, paging), cancellationToken);
        return TypedResults.Ok(result.Select(view => Summary(view, catalogue, masked: !HandlesReporterOf(user, view))));
    }

    private static async Task<IResult> Get(
        string caseId, HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCatalogue catalogue, IDocumentStore store, OrganizationDirectory directory,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableCaseAsync(user, caseId, guard, queries, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(WhistleCase.StreamId(caseId), token: cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        var units = new List<NamedUnit>();
        foreach (var unitId in view.ParticipatingUnitIds)
            units.Add(new NamedUnit(unitId, (await directory.FindAsync(user.DistrictCode, unitId, cancellationToken))?.Name ?? unitId));
        var masked = !HandlesReporterOf(user, view);
        var text = masked ? FreeText.Masked : (Func<string?, string?>)(value => value);
        return TypedResults.Ok(new CaseDetail(
            Summary(view, catalogue, masked), text(view.Reason)!, [.. view.TriedByCommunity.Select(tried => text(tried)!)], view.AutomaticWhistle,
            view.HandlingClass, view.ParticipatingUnitIds, units, text(view.Result),
            view.PendingTransfer is { } transfer ? transfer with { Reason = text(transfer.Reason)! } : null,
            view.Callback is { } callback ? callback with { Comment = text(callback.Comment) } : null, view.Round, view.Breaches, Timeline.Of(events),
            [.. view.Evidence.Select(evidence => EvidenceOf(caseId, evidence))]));
    }

    private static EvidenceLink EvidenceOf(string caseId, EvidenceView evidence)
    {
        var link = MediaFiles.LinkOf(MediaFiles.OfCase(caseId), evidence.Media);
        return new EvidenceLink(link.Url, link.Kept, evidence.DepartmentId, evidence.AddedAt);
    }

    internal static async Task<CaseView> ReadableCaseAsync(
        PlatformUser user, string caseId, AccessGuard guard, NeedsQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindCaseAsync(user.DistrictCode, caseId, cancellationToken) ?? throw new NotFoundException($"吹哨案件「{caseId}」不存在。");
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, view.Place.StreetId, view.Place.CommunityId, view.DepartmentIds), $"案件「{caseId}」");
        return view;
    }

    /// <summary>The case's community and the district office work with the resident behind a case; departments and
    /// streets see what residents typed with phone and ID numbers masked.</summary>
    private static bool HandlesReporterOf(PlatformUser user, CaseView view) => user.Role switch
    {
        PlatformRole.DistrictAdmin => true,
        PlatformRole.CommunityStaff => view.Place.CommunityId == user.CommunityId,
        _ => false,
    };

    internal static OrgLocation LocationOf(string districtCode, WhistleCase state) =>
        new(districtCode, state.Place?.StreetId, state.Place?.CommunityId, [.. state.DepartmentIds]);

    /// <summary>The level that supervises a case dispatches it: its street's staff while it is a street case, the
    /// district office at any level.</summary>
    internal static void MapDispatcherCommand<TRequest>(RouteGroupBuilder group, string verb, string name, Func<TRequest, CaseCommand> toCommand) =>
        Map<TRequest>(group, verb, name, NeedsActions.DispatchCases, (user, _) => toCommand, (guard, user, state) =>
        {
            guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, state.Place?.StreetId, state.Place?.CommunityId), "该案件");
            if (user.Role == PlatformRole.StreetStaff && state.Level != WhistleLevels.Street)
                throw new AccessDeniedException($"案件已升级至{WhistleCaseDecider.LevelName(state.Level)}，由上级派单和督办。");
        });

    internal static void MapDepartmentCommand<TRequest>(RouteGroupBuilder group, string verb, string name, Func<string, TRequest, CaseCommand> toCommand) =>
        Map<TRequest>(group, verb, name, NeedsActions.HandleCases,
            (user, _) => request => toCommand(user.DepartmentId ?? throw new AccessDeniedException("账户未绑定职能部门。"), request),
            (guard, user, state) => guard.EnsureCovers(user, LocationOf(user.DistrictCode, state), "该案件"));

    internal static void MapCommunityCommand<TRequest>(RouteGroupBuilder group, string verb, string name, Func<TRequest, CaseCommand> toCommand) =>
        Map<TRequest>(group, verb, name, NeedsActions.VerifyCases, (user, _) => toCommand,
            (guard, user, state) => guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, state.Place?.StreetId, state.Place?.CommunityId), "该案件"));

    private static void Map<TRequest>(
        RouteGroupBuilder group, string verb, string name, PlatformAction action, Func<PlatformUser, string, Func<TRequest, CaseCommand>> commandFor,
        Action<AccessGuard, PlatformUser, WhistleCase> authorize)
    {
        group.MapPost($"/{{caseId}}/{verb}", async (string caseId, TRequest request, HttpContext http, AccessGuard guard, NeedsCommandHandler commands, CancellationToken cancellationToken) =>
            {
                var user = guard.CurrentUser(http);
                var command = commandFor(user, caseId)(request);
                var outcome = await commands.OnCaseAsync(
                    CommandRequests.Origin(http, user), caseId, command, CommandRequests.ExpectedVersion(http), state => authorize(guard, user, state), cancellationToken);
                CommandRequests.SetVersion(http, outcome.Version);
                return TypedResults.Ok(outcome);
            })
            .RequireAccess(action).WithName(name);
    }
}
