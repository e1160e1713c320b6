using Marten;
using Platform.EventSourcing.Audit;
using Platform.Resources.Agreements;
using Platform.Resources.Contributions;
using Platform.Storage.Views;

namespace Platform.Resources.Api;

/// <summary>Contributions and their ledger: the list, a contribution's page and the ledger's totals here, each
/// command's endpoint in its use case's folder.</summary>
public static class ContributionEndpoints
{
    public static IEndpointRouteBuilder MapContributionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var contributions = endpoints.MapGroup("/contributions").WithTags("Contributions");
        contributions.MapGet("", ListAsync).RequireAccess(ResourcesActions.ReadContributions).WithName("ListContributions")
            .WithSummary("共建单位的贡献登记，按调用者的范围筛选，最近的在前；status=reported 为待社区确认的。");
        contributions.MapGet("/ledger", LedgerAsync).RequireAccess(ResourcesActions.ReadContributions).WithName("GetContributionLedger")
            .WithSummary("贡献台账合计：按社区、街道、单位或全区（groupBy）与种类（时长、资金、物资、场地、活动），单位付出与社区收到逐笔相抵。");
        contributions.MapGet("/{contributionId}", GetAsync).RequireAccess(ResourcesActions.ReadContributions).WithName("GetContribution")
            .WithSummary("一条贡献：登记、确认或退回、每次更正及原因；ETag 为其版本号。");
        ReportContributionEndpoint.Map(contributions);
        ConfirmContributionEndpoint.Map(contributions);
        DeclineContributionEndpoint.Map(contributions);
        CorrectContributionEndpoint.Map(contributions);
        return endpoints;
    }

    public sealed record ContributionSummary(
        string Id, string UnitId, string UnitName, string CommunityId, string CommunityName, string? AgreementId, string? Commitment, string What,
        string Measure, string Kind, string KindName, decimal Amount, decimal ReportedAmount, string Reads, DateOnly OccurredOn, string Status,
        string StatusName, string? DeclineReason, long Version);

    public sealed record ContributionDetail(ContributionSummary Summary, IReadOnlyList<ContributionCorrection> Corrections, IReadOnlyList<ContributionChange> Changes);

    public sealed record ContributionChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record LedgerTotalView(string GroupId, string GroupName, string Kind, string KindName, decimal Given, decimal Received, long Contributions);

    /// <param name="Balanced">Whether what the units gave equals what the communities received, over everything shown.</param>
    public sealed record LedgerView(string GroupBy, IReadOnlyList<LedgerTotalView> Totals, bool Balanced);

    public sealed record ContributionOutcome(string Id, string Status, long Version);

    private static readonly string[] Groupings = ["community", "street", "unit", "district"];

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, string? status, string? coBuildingUnitId,
        string? streetId, string? communityId, string? agreementId, DateOnly? from, DateOnly? until, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or ContributionView.Reported or ContributionView.Confirmed or ContributionView.Declined, "status",
                $"未知的状态「{status}」（应为 reported、confirmed 或 declined）。")
            .Require(from is null || until is null || until >= from, "until", "结束日期不能早于开始日期。")
            .ThrowIfInvalid();
        var found = await queries.ListContributionsAsync(
            user, new ContributionFilter(status, coBuildingUnitId, streetId, communityId, agreementId, from, until, CommandRequests.Paging(page, pageSize)),
            cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(view => view.CommunityId), cancellationToken);
        return TypedResults.Ok(found.Select(view => Summary(view, names)));
    }

    private static async Task<IResult> LedgerAsync(
        HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, string? groupBy, string? coBuildingUnitId,
        string? streetId, string? communityId, string? agreementId, DateOnly? from, DateOnly? until, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        groupBy ??= "community";
        new Validation()
            .Require(Groupings.Contains(groupBy), "groupBy", $"groupBy 须为 {string.Join("、", Groupings)} 之一。")
            .Require(from is null || until is null || until >= from, "until", "结束日期不能早于开始日期。")
            .ThrowIfInvalid();
        var totals = await queries.LedgerTotalsAsync(
            user, groupBy, new ContributionFilter(null, coBuildingUnitId, streetId, communityId, agreementId, from, until, PageRequest.From(1, 1)),
            cancellationToken);
        var names = groupBy is "community" or "street"
            ? await directory.NamesAsync(user.DistrictCode, totals.Select(total => total.GroupId), cancellationToken)
            : new Dictionary<string, string>();
        var unitNames = groupBy == "unit" ? await UnitNamesAsync(user, queries, totals.Select(total => total.GroupId), cancellationToken) : names;
        return TypedResults.Ok(new LedgerView(groupBy,
            [.. totals.Select(total => new LedgerTotalView(
                total.GroupId, groupBy == "district" ? "全区" : unitNames.GetValueOrDefault(total.GroupId, total.GroupId), total.Kind,
                LedgerKinds.Names.GetValueOrDefault(total.Kind, total.Kind), total.Given, total.Received, total.Contributions))],
            totals.Sum(total => total.Given) == totals.Sum(total => total.Received)));
    }

    private static async Task<IReadOnlyDictionary<string, string>> UnitNamesAsync(
        PlatformUser user, ResourcesQueries queries, IEnumerable<string> unitIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unitId in unitIds.Distinct())
            if (await queries.FindUnitAsync(user.DistrictCode, unitId, cancellationToken) is { } unit) names[unitId] = unit.Name;
        return names;
    }

    private static async Task<IResult> GetAsync(
        string contributionId, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, IDocumentStore store,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableContributionAsync(user, contributionId, guard, queries, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Contribution.StreamId(contributionId), token: cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, [view.CommunityId], cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new ContributionDetail(Summary(view, names), view.Corrections,
            [.. events.Select(stored => new ContributionChange(stored.Version, TitleOf(stored.Data), ((ContributionEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    internal static string TitleOf(object data) => data switch
    {
        ContributionReported => "登记贡献",
        ContributionConfirmed => "社区确认入账",
        ContributionDeclined => "社区退回",
        ContributionCorrected corrected => $"更正为 {corrected.Amount:0.##}（冲销原分录）",
        _ => data.GetType().Name,
    };

    internal static string StatusName(string status) => status switch
    {
        ContributionView.Reported => "待社区确认",
        ContributionView.Confirmed => "已确认入账",
        ContributionView.Declined => "已退回",
        _ => status,
    };

    private static ContributionSummary Summary(ContributionView view, IReadOnlyDictionary<string, string> names)
    {
        var kind = LedgerKinds.Of(view.Measure);
        return new ContributionSummary(
            view.Id, view.UnitId, view.UnitName, view.CommunityId, names.GetValueOrDefault(view.CommunityId, view.CommunityId), view.AgreementId,
            view.Commitment, view.What, view.Measure, kind, LedgerKinds.Names[kind], view.Amount, view.ReportedAmount,
            $"{view.What} {view.Amount:#,0.##} {CommitmentMeasures.Names.GetValueOrDefault(view.Measure, view.Measure)}", view.OccurredOn, view.Status,
            StatusName(view.Status), view.DeclineReason, view.Version);
    }

    /// <summary>A contribution is the receiving community's (and its street's), and the giving unit's.</summary>
    internal static async Task<ContributionView> ReadableContributionAsync(
        PlatformUser user, string contributionId, AccessGuard guard, ResourcesQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindContributionAsync(user.DistrictCode, contributionId, cancellationToken)
            ?? throw new NotFoundException($"贡献记录「{contributionId}」不存在。");
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, view.StreetId, view.CommunityId, UnitId: view.UnitId), $"贡献记录「{view.What}」");
        return view;
    }

    /// <summary>A community's decision on a contribution: the receiving community (or its street, or the district)
    /// decides; the giving unit never confirms its own.</summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string contributionId, ContributionCommand command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), ContributionDecider.Decider, contributionId, command, CommandRequests.ExpectedVersion(http),
            state => guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, state.Party?.StreetId, state.Party?.CommunityId), $"贡献记录「{contributionId}」"),
            $"贡献记录「{contributionId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new ContributionOutcome(contributionId, decided.State.Status switch
        {
            ContributionStatus.Confirmed => ContributionView.Confirmed,
            ContributionStatus.Declined => ContributionView.Declined,
            _ => ContributionView.Reported,
        }, decided.Version));
    }
}
