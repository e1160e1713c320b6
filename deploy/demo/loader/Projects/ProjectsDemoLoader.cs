using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Projects.ProjectList;

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

    /// <summary>The tasks' photos, kept before the histories that name them; a photo already kept is left alone.</summary>
    internal static async Task KeepEvidenceAsync(NpgsqlDataSource dataSource, ProjectsDemoSet data, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var file in data.Evidence)
        {
            var command = new NpgsqlBatchCommand($"""
                INSERT INTO {Platform.Projects.ReadModels.ProjectsSchema.Name}.{Platform.Storage.Attachments.PostgresAttachmentStore.Table}
                    (tenant_id, attachment_id, owner_kind, owner_id, file_name, content_type, size, sha256, content)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
                """);
            foreach (var value in new object[]
                { data.DistrictCode, file.Id, AddTaskEvidenceEndpoint.OwnerKind, file.ProjectId, file.FileName, file.ContentType, (long)file.Bytes.Length, file.Sha256, file.Bytes })
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
