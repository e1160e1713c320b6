using Platform.Projects.Copies;

namespace Platform.Projects.ProjectList;

/// <summary>The claiming unit as the handler found it: a co-building unit with an agreement in force with the project's
/// community (or street).</summary>
public sealed record ClaimingUnit(string UnitId, string Name);

/// <summary>
/// Where one promise of a unit's agreement stands: what it adds up to over the term (as Resources counts it), what the
/// community has confirmed as delivered, and what claims on projects still running have pledged from it.
/// </summary>
public sealed record CommitmentStanding(string AgreementId, string What, string Measure, decimal DueInTerm, decimal Delivered, decimal Pledged)
{
    /// <summary>What a new claim may still pledge: never below zero, even when deliveries ran ahead of the promise.</summary>
    public decimal Left => Math.Max(0, DueInTerm - Delivered - Pledged);
}

/// <summary>A unit claims (认领) the whole project, or one task when <paramref name="TaskId"/> is given, pledging
/// <paramref name="Amount"/> of a promise when <paramref name="Commitment"/> names one.</summary>
public sealed record ClaimProject(ClaimingUnit Unit, string? TaskId, CommitmentStanding? Commitment, decimal? Amount, string? Note) : ProjectCommand;

public static partial class ProjectDecider
{
    private static ProjectClaimed Claim(ClaimProject command, Project state, DecisionContext context)
    {
        ExpectActive(state, "再认领");
        var taskId = string.IsNullOrWhiteSpace(command.TaskId) ? null : command.TaskId.Trim();
        var task = taskId is null ? null : state.Task(taskId) ?? throw new InvalidReferenceException("taskId", $"项目「{state.Name}」没有任务「{taskId}」。");
        var target = task is null ? $"项目「{state.Name}」" : $"任务「{task.What}」";
        if (task is { IsDone: true }) throw new RuleViolationException($"{target}已于 {task.DoneOn:yyyy-MM-dd} 完成，无需认领。");
        if (task?.Owner.UnitId == command.Unit.UnitId) throw new RuleViolationException($"{command.Unit.Name}已是{target}的责任单位。");
        if (state.Claims.FirstOrDefault(claim => claim.UnitId == command.Unit.UnitId && claim.TaskId == taskId && claim.Stands) is { } standing)
            throw new RuleViolationException($"{command.Unit.Name}已认领{target}（{(standing.Status == ClaimStatus.Open ? "待社区确认" : "社区已确认")}）。");
        if (state.Claims.Count >= MostClaims) throw new RuleViolationException($"一个项目至多受理 {MostClaims} 次认领。");

        var commitment = command.Commitment;
        new Validation()
            .Text(command.Note, "note", "认领说明", 500, required: false)
            .Require(command.Amount is null || commitment is not null, "commitment", "投入的数量须对应共建协议中的一项承诺。")
            .Require(commitment is null || command.Amount is > 0, "amount", "须写明从这项承诺中投入多少（大于 0）。")
            .Require(commitment is null || command.Amount is not > 0 || command.Amount <= commitment.Left, "amount",
                commitment is null ? "" : $"承诺「{commitment.What}」尚余 {commitment.Left:#,0.##} {MeasureName(commitment.Measure)}可投入，认领不能超出。")
            .ThrowIfInvalid();
        return new ProjectClaimed(
            state.ProjectId, state.NextClaimId(), command.Unit.UnitId, command.Unit.Name, task?.TaskId, task?.What,
            commitment is null ? null : new ClaimPledge(commitment.AgreementId, commitment.What, commitment.Measure, command.Amount!.Value),
            string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), context.Actor, context.Now);
    }

    internal static string MeasureName(string measure) => Platform.Contracts.Catalogue.CommitmentMeasures.Names.GetValueOrDefault(measure, measure);
}

public static class ClaimProjectEndpoint
{
    /// <param name="UnitId">The unit that claims: a unit's member claims for its own unit and leaves it out; staff record a
    /// claim a unit made at the meeting or by phone, and name it.</param>
    /// <param name="AgreementId">With <paramref name="Commitment"/> (the promise's "what") and <paramref name="Amount"/>:
    /// the part of that promise the unit puts in.</param>
    public sealed record ClaimRequest(string? UnitId, string? TaskId, string? AgreementId, string? Commitment, decimal? Amount, string? Note);

    public sealed record ClaimOutcome(string ProjectId, string ClaimId, string Status, long Version);

    public static void Map(RouteGroupBuilder projects) =>
        projects.MapPost("/{projectId}/claims", ClaimAsync).RequireAccess(ProjectsActions.ClaimProjects).WithName("ClaimProject")
            .WithSummary("共建单位认领整个项目或其中一项任务（taskId），可注明从共建协议的哪项承诺中投入多少；须与项目所在社区（或街道）有生效的共建协议，投入不超过承诺余量。可多家联合认领，待社区确认。答 201。");

    private static async Task<IResult> ClaimAsync(
        string projectId, ClaimRequest request, HttpContext http, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var project = await ProjectEndpoints.ClaimableProjectAsync(user, projectId, guard, queries, copies, clock, cancellationToken);
        var party = new ProjectParty(project.StreetId, project.CommunityId);
        var unitId = user.Role == PlatformRole.UnitMember ? user.UnitId : request.UnitId;
        var (unit, agreements) = await copies.ClaimingUnitAsync(user.DistrictCode, unitId, party, DistrictTime.DateOf(clock.GetUtcNow()), cancellationToken);
        var standing = string.IsNullOrWhiteSpace(request.AgreementId) && string.IsNullOrWhiteSpace(request.Commitment)
            ? null
            : await copies.StandingAsync(user.DistrictCode, agreements, request.AgreementId, request.Commitment, cancellationToken);
        var decided = await ProjectEndpoints.DecideAsync(http, guard, runner, projectId,
            new ClaimProject(unit, request.TaskId, standing, request.Amount, request.Note), state => state.Party == party, cancellationToken);
        var claim = decided.State.Claims[^1];
        return TypedResults.Created($"projects/{Uri.EscapeDataString(projectId)}#claim-{claim.ClaimId}",
            new ClaimOutcome(projectId, claim.ClaimId, ClaimView.StatusCode(claim.Status), decided.Version));
    }
}
