using Platform.EventSourcing;
using Platform.Kernel;
using Platform.ServiceDefaults.Idempotency;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Volunteers.Registry;

public enum UnitReportStatus
{
    None,
    Pending,
    Confirmed,
}

/// <summary>双报到's other half: a unit (its party organization) reports to the community where it is, says what it can
/// offer, and the community confirms it with the duty it takes on (seed 002: 兴华南里's units in 小巷管家 and patrols).</summary>
public sealed record UnitReport(string UnitId, UnitReportStatus Status, string UnitName, string StreetId, string CommunityId)
{
    public static readonly UnitReport Initial = new("", UnitReportStatus.None, "", "", "");

    public static string StreamId(string unitId) => $"unit-report-{unitId}";

    public static UnitReport Evolve(UnitReport state, UnitReportEvent @event) => @event switch
    {
        UnitReported reported => state with
        {
            UnitId = reported.UnitId, Status = UnitReportStatus.Pending, UnitName = reported.UnitName, StreetId = reported.StreetId,
            CommunityId = reported.CommunityId,
        },
        UnitReportConfirmed => state with { Status = UnitReportStatus.Confirmed },
    };
}

[ClosedHierarchy]
public abstract record UnitReportEvent
{
    private protected UnitReportEvent() { }
}

/// <param name="PartyMembers">How many party members the unit's organization has (its in-service members report one by one).</param>
[EventType("volunteers.unit-reported.v1")]
public sealed record UnitReported(
    string UnitId, string UnitName, string StreetId, string CommunityId, string PartyOrganization, int PartyMembers, string Offering, string Actor,
    DateTimeOffset ReportedAt) : UnitReportEvent;

[EventType("volunteers.unit-report-confirmed.v1")]
public sealed record UnitReportConfirmed(string UnitId, string Duty, string Actor, DateTimeOffset ConfirmedAt) : UnitReportEvent;

[ClosedHierarchy]
public abstract record UnitReportCommand
{
    private protected UnitReportCommand() { }
}

/// <summary>The handler names the unit and its community from the org tree.</summary>
public sealed record ReportUnit(string UnitId, string UnitName, string StreetId, string CommunityId, string? PartyOrganization, int? PartyMembers, string? Offering)
    : UnitReportCommand;

public sealed record ConfirmUnitReport(string? Duty) : UnitReportCommand;

public static class UnitReportDecider
{
    public static readonly Decider<UnitReportCommand, UnitReportEvent, UnitReport> Decider =
        new(UnitReport.Initial, UnitReport.Evolve, Decide, UnitReport.StreamId);

    public static IReadOnlyList<UnitReportEvent> Decide(UnitReportCommand command, UnitReport state, DecisionContext context) => command switch
    {
        ReportUnit report => [Report(report, state, context)],
        ConfirmUnitReport confirm => [Confirm(confirm, state, context)],
    };

    private static UnitReported Report(ReportUnit command, UnitReport state, DecisionContext context)
    {
        if (state.Status != UnitReportStatus.None) throw new RuleViolationException($"「{state.UnitName}」已向社区报到。");
        new Validation()
            .Text(command.PartyOrganization, "partyOrganization", "党组织名称", 100, singleLine: true)
            .Require(command.PartyMembers is >= 0 and <= 100_000, "partyMembers", "党员人数须为 0–100000。")
            .Text(command.Offering, "offering", "可提供的资源与服务", 500)
            .ThrowIfInvalid();
        return new UnitReported(command.UnitId, command.UnitName, command.StreetId, command.CommunityId, command.PartyOrganization!.Trim(),
            command.PartyMembers!.Value, command.Offering!.Trim(), context.Actor, context.Now);
    }

    private static UnitReportConfirmed Confirm(ConfirmUnitReport command, UnitReport state, DecisionContext context)
    {
        if (state.Status == UnitReportStatus.None) throw new NotFoundException($"单位「{state.UnitId}」尚未报到。");
        if (state.Status == UnitReportStatus.Confirmed) throw new RuleViolationException($"「{state.UnitName}」的报到已确认。");
        new Validation().Text(command.Duty, "duty", "承担的责任（认领的岗位或服务项目）", 200).ThrowIfInvalid();
        return new UnitReportConfirmed(state.UnitId, command.Duty!.Trim(), context.Actor, context.Now);
    }
}

public static class UnitReportEndpoints
{
    public sealed record ReportRequest(string? UnitId, string? PartyOrganization, int? PartyMembers, string? Offering);

    public sealed record ConfirmRequest(string? Duty);

    public sealed record UnitReportOutcome(string UnitId, string Status, long Version);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/unit-reports").WithTags("Volunteers");
        reports.MapGet("", ListAsync).RequireAccess(VolunteersActions.ReadUnitReports).WithName("ListUnitReports")
            .WithSummary("向社区报到的单位：社区看本社区的，街道看本街道的，单位看自己。");
        reports.MapPost("", ReportAsync).RequireAccess(VolunteersActions.ReportUnits).WithName("ReportUnit").Idempotent()
            .WithSummary("单位（其党组织）向所在社区报到：党组织、党员人数、可提供的资源与服务；单位为本单位报到，社区可代为登记。答 201。");
        reports.MapPost("/{reportedUnitId}/confirm", ConfirmAsync).RequireAccess(VolunteersActions.ManageVolunteers).WithName("ConfirmUnitReport")
            .WithSummary("社区确认单位报到，并写明其承担的责任。");
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, string? streetId, string? communityId, int? page,
        int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var found = await queries.ListUnitReportsAsync(user, streetId, communityId, CommandRequests.Paging(page, pageSize), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(report => report.CommunityId), cancellationToken);
        return TypedResults.Ok(found.Select(report => report with { CommunityName = names.GetValueOrDefault(report.CommunityId, report.CommunityId) }));
    }

    private static async Task<IResult> ReportAsync(
        ReportRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, CommandRunner runner, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var unitId = user.Role == PlatformRole.UnitMember ? user.UnitId : request.UnitId?.Trim();
        if (user.Role == PlatformRole.UnitMember && !string.IsNullOrWhiteSpace(request.UnitId) && request.UnitId.Trim() != user.UnitId)
            throw new AccessDeniedException("单位只能为本单位报到。");
        var unit = string.IsNullOrEmpty(unitId) ? null : await directory.FindAsync(user.DistrictCode, unitId, cancellationToken);
        if (unit is not { Kind: OrganizationUnitKinds.CoBuildingUnit, Closed: false, CommunityId: { } communityId, StreetId: { } streetId })
            throw new InvalidReferenceException("unitId", $"组织架构中没有位于社区的单位「{unitId}」。");
        if (user.Role != PlatformRole.UnitMember) guard.EnsureCovers(user, unit.Location, $"单位「{unit.Name}」");
        var decided = await runner.StartAsync(CommandRequests.Origin(http, user), UnitReportDecider.Decider, unit.UnitId,
            new ReportUnit(unit.UnitId, unit.Name, streetId, communityId, request.PartyOrganization, request.PartyMembers, request.Offering), cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"unit-reports/{unit.UnitId}", new UnitReportOutcome(unit.UnitId, UnitReportView.Pending, decided.Version));
    }

    /// <param name="reportedUnitId">Named apart from the edge's <c>unitId</c>, which only a unit's own members pass: the
    /// community confirms here, checked on the report's place.</param>
    private static async Task<IResult> ConfirmAsync(
        string reportedUnitId, ConfirmRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var unitId = reportedUnitId;
        var decided = await runner.RunAsync(CommandRequests.Origin(http, user), UnitReportDecider.Decider, unitId, new ConfirmUnitReport(request.Duty),
            CommandRequests.ExpectedVersion(http),
            state => guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, state.StreetId, state.CommunityId), $"单位「{state.UnitName}」"),
            $"单位「{unitId}」尚未报到。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new UnitReportOutcome(unitId, UnitReportView.Confirmed, decided.Version));
    }
}
