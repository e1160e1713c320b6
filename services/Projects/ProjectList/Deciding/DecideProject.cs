using Platform.Projects.Copies;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Projects.ProjectList;

/// <summary>A joint meeting, or the community's or street's staff for it, decides a project: its name and purpose,
/// the accepted needs it answers, and its 责任清单 with an owner and a deadline for every task.</summary>
/// <param name="Needs">Accepted needs of the party's place, as the handler found them.</param>
public sealed record DecideProject(
    string ProjectId, string? Name, string? Summary, ProjectParty Party, string? Funding, DateOnly? DueOn, IReadOnlyList<ProjectNeed> Needs,
    IReadOnlyList<TaskDraft>? Tasks, string? MeetingId) : ProjectCommand;

public static partial class ProjectDecider
{
    private static IReadOnlyList<ProjectEvent> Decided(DecideProject command, Project state, DecisionContext context)
    {
        if (state.Status != ProjectStatus.None) throw new RuleViolationException($"项目「{command.ProjectId}」已立项。");
        var today = DistrictTime.DateOf(context.Now);
        var tasks = command.Tasks ?? [];
        var validation = new Validation()
            .Text(command.Name, "name", "项目名称", 60, singleLine: true)
            .Text(command.Summary, "summary", "项目内容", 2000)
            .Text(command.Funding, "funding", "经费来源", 100, required: false, singleLine: true)
            .Require(command.DueOn is not null, "dueOn", "须写明项目完成时限。")
            .Require(command.DueOn is null || command.DueOn >= today, "dueOn", "项目完成时限不能早于今天。")
            .Require(command.DueOn is null || command.DueOn <= today.AddYears(LongestYears), "dueOn", $"项目周期不超过 {LongestYears} 年，更长的工作请分期立项。")
            .Require(tasks.Count > 0, "tasks", "责任清单至少要有一项任务，每项写明责任单位和时限。")
            .Require(tasks.Count <= MostTasks, "tasks", $"一个项目至多 {MostTasks} 项任务。")
            .Require(command.Needs.Count <= MostNeeds, "needIds", $"一个项目至多回应 {MostNeeds} 条需求。")
            .Require(command.Needs.Select(need => need.NeedId).Distinct().Count() == command.Needs.Count, "needIds", "同一条需求只能列入一次。");
        for (var index = 0; index < Math.Min(tasks.Count, MostTasks); index++) validation.Task(tasks[index], $"tasks[{index}]", today, command.DueOn);
        validation.ThrowIfInvalid();

        var name = command.Name!.Trim();
        var decided = new ProjectDecided(
            command.ProjectId, name, command.Summary!.Trim(), command.Party, string.IsNullOrWhiteSpace(command.Funding) ? null : command.Funding.Trim(),
            command.DueOn!.Value, [.. tasks.Select((draft, index) => TaskFrom(draft, $"T{index + 1}"))], command.MeetingId, context.Actor, context.Now);
        return [decided, .. command.Needs.Select(need => new NeedTakenIntoProject(command.ProjectId, name, need.NeedId, need.Title, context.Actor, context.Now))];
    }
}

public static class DecideProjectEndpoint
{
    public sealed record TaskRequest(string? What, string? OwnerName, string? UnitId, DateOnly? Deadline);

    /// <param name="CommunityId">The community whose project it is; leave it out, and name <paramref name="StreetId"/>, for a street's project.</param>
    public sealed record DecideRequest(
        string? Name, string? Summary, string? StreetId, string? CommunityId, string? Funding, DateOnly? DueOn, IReadOnlyList<string>? NeedIds,
        IReadOnlyList<TaskRequest?>? Tasks);

    public static void Map(RouteGroupBuilder projects) =>
        projects.MapPost("", DecideAsync).RequireAccess(ProjectsActions.ManageProjects).WithName("DecideProject").Idempotent()
            .WithSummary("立项：项目名称与内容、回应的已受理需求、责任清单（每项任务写明责任单位或责任人与时限）；答 201 及其地址。");

    private static async Task<IResult> DecideAsync(
        DecideRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, ProjectCopies copies, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var party = await ProjectEndpoints.PartyAsync(user, directory, request.StreetId, request.CommunityId, cancellationToken);
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, party.StreetId, party.CommunityId), "该项目的社区或街道");
        var command = await CommandAsync(user, request, party, copies, RecordIds.New("P", clock.GetUtcNow()), meetingId: null, cancellationToken);
        var decided = await runner.StartAsync(CommandRequests.Origin(http, user), ProjectDecider.Decider, command.ProjectId, command, cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"projects/{Uri.EscapeDataString(command.ProjectId)}",
            new ProjectEndpoints.ProjectOutcome(command.ProjectId, ProjectView.Active, decided.Version));
    }

    /// <summary>The decision as asked, with every need and unit it names checked against the copies (a 422 naming the
    /// field otherwise); for 立项 on its own and for a meeting's decision alike.</summary>
    internal static async Task<DecideProject> CommandAsync(
        PlatformUser user, DecideRequest request, ProjectParty party, ProjectCopies copies, string projectId, string? meetingId,
        CancellationToken cancellationToken)
    {
        var needs = new List<ProjectNeed>();
        foreach (var needId in (request.NeedIds ?? []).Take(ProjectDecider.MostNeeds + 1))
            needs.Add(await copies.NeedForAsync(user.DistrictCode, party, needId, "needIds", cancellationToken));
        var tasks = new List<TaskDraft>();
        for (var index = 0; index < (request.Tasks?.Count ?? 0) && index <= ProjectDecider.MostTasks; index++)
            tasks.Add(await copies.DraftAsync(user.DistrictCode, request.Tasks![index], $"tasks[{index}]", cancellationToken));
        return new DecideProject(projectId, request.Name, request.Summary, party, request.Funding, request.DueOn, needs, tasks, meetingId);
    }
}
