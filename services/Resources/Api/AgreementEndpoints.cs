using Marten;
using Platform.EventSourcing.Audit;
using Platform.Resources.Agreements;
using Platform.Resources.Units;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Resources.Api;

/// <summary>Co-building agreements (共建协议): the list and an agreement's page here, each command's endpoint in its use case's folder.</summary>
public static class AgreementEndpoints
{
    public static IEndpointRouteBuilder MapAgreementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var agreements = endpoints.MapGroup("/agreements").WithTags("Co-building agreements");
        agreements.MapGet("", ListAsync).RequireAccess(ResourcesActions.ReadAgreements).WithName("ListAgreements")
            .WithSummary("共建协议，按调用者的范围筛选，最先到期的在前；expiringSoon=true 只看 30 天内到期的。");
        agreements.MapGet("/{agreementId}", GetAsync).RequireAccess(ResourcesActions.ReadAgreements).WithName("GetAgreement")
            .WithSummary("一份共建协议：双方、期限、承诺、季度履约报告与变更经过；ETag 为其版本号。");
        SignAgreementEndpoint.Map(agreements);
        RenewAgreementEndpoint.Map(agreements);
        ReportQuarterEndpoint.Map(agreements);
        TerminateAgreementEndpoint.Map(agreements);
        return endpoints;
    }

    public sealed record AgreementSummary(
        string Id, string Title, string UnitId, string UnitName, string PartyId, string PartyName, string Status, string StatusName, DateOnly StartsOn,
        DateOnly EndsOn, bool ExpiringSoon, IReadOnlyList<CommitmentView> Commitments, bool BehindPace, long Version);

    public sealed record AgreementDetail(AgreementSummary Summary, IReadOnlyList<QuarterReport> Reports, string? TerminationReason, IReadOnlyList<AgreementChange> Changes);

    /// <summary>A commitment as people read it ("腊八粥 每年450 份"), and its pace: what the confirmed contributions
    /// delivered against what is due by today.</summary>
    public sealed record CommitmentView(string What, string Measure, decimal Amount, string Per, string Reads, Pace Pace, string PaceReads);

    public sealed record AgreementChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record AgreementOutcome(string Id, string Status, long Version);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, TimeProvider clock, string? status, string? coBuildingUnitId,
        string? streetId, string? communityId, bool? expiringSoon, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or AgreementView.Active or AgreementView.Expired or AgreementView.Terminated, "status",
                $"未知的协议状态「{status}」（应为 active、expired 或 terminated）。")
            .ThrowIfInvalid();
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var found = await queries.ListAgreementsAsync(
            user, new AgreementFilter(status, coBuildingUnitId, streetId, communityId, expiringSoon, CommandRequests.Paging(page, pageSize)), today, cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(view => view.PartyId), cancellationToken);
        var delivered = await queries.DeliveredAsync(user.DistrictCode, [.. found.Items.Select(view => view.Id)], cancellationToken);
        return TypedResults.Ok(found.Select(view => Summary(view, names, delivered, today)));
    }

    private static async Task<IResult> GetAsync(
        string agreementId, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, IDocumentStore store,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableAgreementAsync(user, agreementId, guard, queries, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Agreement.StreamId(agreementId), token: cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, [view.PartyId], cancellationToken);
        var delivered = await queries.DeliveredAsync(user.DistrictCode, [view.Id], cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new AgreementDetail(
            Summary(view, names, delivered, DistrictTime.DateOf(clock.GetUtcNow())), view.Reports, view.TerminationReason,
            [.. events.Select(stored => new AgreementChange(stored.Version, TitleOf(stored.Data), ((AgreementEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    internal static string TitleOf(object data) => data switch
    {
        AgreementSigned => "签订协议",
        AgreementRenewed renewed => $"续签至 {renewed.EndsOn:yyyy-MM-dd}",
        QuarterReported reported => $"报告 {reported.Quarter} 履约情况",
        AgreementExpiryWarned => "到期前 30 天提醒",
        AgreementExpired => "协议到期",
        AgreementTerminated => "提前终止",
        _ => data.GetType().Name,
    };

    internal static string StatusName(string status) => status switch
    {
        AgreementView.Active => "履行中",
        AgreementView.Expired => "已到期",
        AgreementView.Terminated => "已终止",
        _ => status,
    };

    private static AgreementSummary Summary(
        AgreementView view, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<(string, string), decimal> delivered, DateOnly today)
    {
        var commitments = view.Commitments
            .Select(commitment => Reads(commitment, CommitmentPace.Of(commitment, view.StartsOn, view.EndsOn, delivered.GetValueOrDefault((view.Id, commitment.What)), today)))
            .ToList();
        return new AgreementSummary(
            view.Id, view.Title, view.UnitId, view.UnitName, view.PartyId, names.GetValueOrDefault(view.PartyId, view.PartyId), view.Status,
            StatusName(view.Status), view.StartsOn, view.EndsOn,
            view.ExpiresSoon(today), commitments, view.IsBehind(delivered, today), view.Version);
    }

    private static CommitmentView Reads(Commitment commitment, Pace pace)
    {
        var measure = CommitmentMeasures.Names.GetValueOrDefault(commitment.Measure, commitment.Measure);
        return new CommitmentView(
            commitment.What, commitment.Measure, commitment.Amount, commitment.Per,
            $"{commitment.What} {CommitmentPeriods.Names.GetValueOrDefault(commitment.Per, commitment.Per)}{commitment.Amount:#,0.##} {measure}", pace,
            pace.Behind
                ? $"已完成 {pace.Delivered:#,0.##}/{pace.DueInTerm:#,0.##} {measure}，按进度应完成 {pace.DueByNow:#,0.##}，差 {pace.Shortfall:#,0.##}"
                : $"已完成 {pace.Delivered:#,0.##}/{pace.DueInTerm:#,0.##} {measure}，进度正常");
    }

    internal static OrgLocation LocationOf(string districtCode, string unitId, AgreementParty? party) =>
        new(districtCode, party?.StreetId, party?.CommunityId, UnitId: unitId);

    internal static async Task<AgreementView> ReadableAgreementAsync(
        PlatformUser user, string agreementId, AccessGuard guard, ResourcesQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindAgreementAsync(user.DistrictCode, agreementId, cancellationToken)
            ?? throw new NotFoundException($"共建协议「{agreementId}」不存在。");
        guard.EnsureCovers(user, LocationOf(user.DistrictCode, view.UnitId, new AgreementParty(view.StreetId, view.CommunityId)), $"共建协议「{view.Title}」");
        return view;
    }

    /// <summary>
    /// The party named by a signing: exactly one of a community or a street of the district (else a 422 naming the
    /// field), which the unit serves (the community, or a community of the street).
    /// </summary>
    internal static async Task<AgreementParty> PartyAsync(
        PlatformUser user, string? communityId, string? streetId, UnitView unit, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(communityId) == string.IsNullOrWhiteSpace(streetId))
            throw new InvalidCommandException("须写明签约的社区或街道（其一）。", new Dictionary<string, string[]> { ["communityId"] = ["须写明签约的社区或街道（其一）。"] });
        if (!string.IsNullOrWhiteSpace(communityId))
        {
            var community = await directory.FindAsync(user.DistrictCode, communityId.Trim(), cancellationToken);
            if (community is not { Kind: OrganizationUnitKinds.Community, Closed: false, StreetId: { } street })
                throw new InvalidReferenceException("communityId", $"本区没有社区「{communityId}」。");
            if (unit.Communities.All(served => served.CommunityId != community.UnitId))
                throw new InvalidReferenceException("communityId", $"共建单位「{unit.Name}」不服务{community.Name}，请先调整其服务社区。");
            return new AgreementParty(street, community.UnitId);
        }
        var found = await directory.FindAsync(user.DistrictCode, streetId!.Trim(), cancellationToken);
        if (found is not { Kind: OrganizationUnitKinds.Street, Closed: false })
            throw new InvalidReferenceException("streetId", $"本区没有街道「{streetId}」。");
        if (unit.Communities.All(served => served.StreetId != found.UnitId))
            throw new InvalidReferenceException("streetId", $"共建单位「{unit.Name}」不服务{found.Name}的社区。");
        return new AgreementParty(found.UnitId, null);
    }

    /// <summary>A command on one agreement, after the caller's scope over it is checked on its state.</summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string agreementId, AgreementCommand command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), AgreementDecider.Decider, agreementId, command, CommandRequests.ExpectedVersion(http),
            state => guard.EnsureCovers(user, LocationOf(user.DistrictCode, state.UnitId, state.Party), $"共建协议「{agreementId}」"),
            $"共建协议「{agreementId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new AgreementOutcome(agreementId, StatusCode(decided.State.Status), decided.Version));
    }

    internal static string StatusCode(AgreementStatus status) => status switch
    {
        AgreementStatus.Active => AgreementView.Active,
        AgreementStatus.Expired => AgreementView.Expired,
        _ => AgreementView.Terminated,
    };
}
