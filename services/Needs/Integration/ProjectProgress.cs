using Npgsql;
using Platform.Messaging.Copies;
using Platform.Needs.ReadModels;
using Projects = Platform.Contracts.Projects;

namespace Platform.Needs.Integration;

/// <summary>How a project that took needs on stands, as the Projects service last published it: what a resident sees
/// on the need they raised while the project follows it.</summary>
public sealed record ProjectProgressFacts(string Name, int TasksDone, int Tasks, int ProgressPercent, string LastStep, DateOnly LastStepOn);

/// <summary>Needs' copy of the projects' progress (<c>needs.copied_project_progress</c>), one row per project, the
/// latest report winning whatever order the messages arrive in.</summary>
public static class ProjectProgressCopies
{
    public static readonly RecordCopies<ProjectProgressFacts> Copies = new($"{NeedsSchema.Name}.copied_project_progress", "running");

    public static Task<RecordCopy<ProjectProgressFacts>?> FindAsync(NpgsqlDataSource dataSource, string districtCode, string? projectId, CancellationToken cancellationToken) =>
        projectId is null ? Task.FromResult<RecordCopy<ProjectProgressFacts>?>(null) : Copies.FindAsync(dataSource, districtCode, projectId, cancellationToken);
}

public sealed class ProjectProgressedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Projects.ProjectProgressed, ProjectProgressFacts>(
    dataSource, ProjectProgressCopies.Copies, message => new(message.DistrictCode, message.ProjectId, new ProjectProgressFacts(
        message.ProjectName, message.TasksDone, message.Tasks, message.ProgressPercent,
        message.CompletesTask ? $"「{message.Task}」完成：{message.Milestone}" : $"「{message.Task}」进展：{message.Milestone}", message.ReachedOn),
        null, null, message.ReportedAt));
