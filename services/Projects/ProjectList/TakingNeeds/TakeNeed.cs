using Platform.Projects.Copies;

namespace Platform.Projects.ProjectList;

/// <summary>An active project takes on one more accepted need of its place.</summary>
public sealed record TakeNeed(ProjectNeed Need) : ProjectCommand;

public static partial class ProjectDecider
{
    private static IReadOnlyList<ProjectEvent> Take(TakeNeed command, Project state, DecisionContext context)
    {
        ExpectActive(state, "再列入需求");
        if (state.Needs.Any(need => need.NeedId == command.Need.NeedId)) return [];
        if (state.Needs.Count >= MostNeeds) throw new RuleViolationException($"一个项目至多回应 {MostNeeds} 条需求。");
        return [new NeedTakenIntoProject(state.ProjectId, state.Name, command.Need.NeedId, command.Need.Title, context.Actor, context.Now)];
    }
}

public static class TakeNeedEndpoint
{
    public sealed record TakeRequest(string? NeedId);

    public static void Map(RouteGroupBuilder projects) =>
        projects.MapPost("/{projectId}/needs", TakeAsync).RequireAccess(ProjectsActions.ManageProjects).WithName("TakeNeedIntoProject")
            .WithSummary("把本社区（或本街道）一条已受理的需求列入项目；需求服务随即把它转为项目跟进。已列入的再提交不变。");

    private static async Task<IResult> TakeAsync(
        string projectId, TakeRequest request, HttpContext http, AccessGuard guard, ProjectCopies copies, ProjectQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var project = await ProjectEndpoints.ManagedProjectAsync(user, projectId, guard, queries, cancellationToken);
        var need = await copies.NeedForAsync(user.DistrictCode, new ProjectParty(project.StreetId, project.CommunityId), request.NeedId, "needId", cancellationToken);
        return await ProjectEndpoints.RunAsync(http, guard, runner, projectId, new TakeNeed(need), cancellationToken);
    }
}
