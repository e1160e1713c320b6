using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.DemoLoader.Projects;

/// <summary>
/// Loads the Projects demo data (<see cref="ProjectsDemoData"/>) for the load day through the Projects service's own
/// event store (its views and timers included). Records already there are left alone, so loading twice changes
/// nothing. The service's schema must be in place: its host has started once.
/// </summary>
internal sealed class ProjectsDemoLoader(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ProjectsDemoLoader> logger)
{
    private readonly DemoStreamWriter writer = new(store, dataSource);

    public async Task LoadAsync(string folder, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var data = ProjectsDemoData.Generate(ProjectsDemoSources.Load(folder), clock.GetUtcNow());
        await KeepEvidenceAsync(dataSource, data, cancellationToken);
        var written = await writer.WriteAsync(data.DistrictCode, data.Groups, data.ActorNames, "projects.demo-data", cancellationToken);
        logger.LogInformation(
            "Demo data: {Councils} councils, {Meetings} meetings, {Projects} projects with {Tasks} tasks ({Completed} completed, {Overdue} tasks overdue); {Streams} streams with {Events} events written, {Existing} streams already there, in {Elapsed} ms",
            data.Councils, data.Meetings, data.Projects, data.Tasks, data.ProjectsCompleted, data.TasksOverdue, written.Streams, written.Events, written.Existing,
            stopwatch.ElapsedMilliseconds);
    }

    /// <summary>The tasks' photos, kept before the histories that name them.</summary>
    internal static Task KeepEvidenceAsync(NpgsqlDataSource dataSource, ProjectsDemoSet data, CancellationToken cancellationToken) =>
        DemoPhotos.KeepAsync(dataSource, Platform.Projects.ReadModels.ProjectsSchema.Name, data.DistrictCode, data.Evidence, cancellationToken);
}
