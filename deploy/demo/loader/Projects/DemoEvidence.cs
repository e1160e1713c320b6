using Platform.Projects.ProjectList;

namespace Platform.DemoLoader.Projects;

/// <summary>A completed task of the demo has a site photo, so that its completion rests on evidence as the rules require.</summary>
internal static class DemoEvidence
{
    public static (DemoPhoto File, TaskEvidence Evidence) For(string projectId, ResponsibilityTask task)
    {
        var what = task.What.Length > 40 ? task.What[..40] : task.What;
        var photo = DemoPhotos.For(AddTaskEvidenceEndpoint.OwnerKind, projectId, $"{projectId}/{task.TaskId}", $"{what}-现场照片.png");
        return (photo, new TaskEvidence(photo.Id.ToString(), photo.FileName, photo.ContentType, photo.Bytes.Length, photo.Sha256));
    }
}
