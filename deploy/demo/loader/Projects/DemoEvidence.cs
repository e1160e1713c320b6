using System.Security.Cryptography;
using System.Text;
using Platform.Projects.ProjectList;
using SkiaSharp;

namespace Platform.DemoLoader.Projects;

/// <summary>A photo the demo keeps as a task's evidence, under an id made from its project and task, so a second load finds it.</summary>
public sealed record DemoEvidenceFile(Guid Id, string ProjectId, string FileName, string ContentType, byte[] Bytes, string Sha256);

/// <summary>
/// The demo's site photos: a few drawn scenes (sky, a building, the finished work in front of it), each kept as a
/// PNG the way the service keeps a re-encoded photo. A completed task of the demo has one, so that its completion
/// rests on evidence as the rules require.
/// </summary>
internal static class DemoEvidence
{
    private static readonly Lazy<byte[][]> Scenes = new(() => [.. Enumerable.Range(0, 6).Select(Draw)]);

    public static (DemoEvidenceFile File, TaskEvidence Evidence) For(string projectId, ResponsibilityTask task)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes($"{projectId}/{task.TaskId}"));
        var id = new Guid(key.AsSpan(0, 16));
        var bytes = Scenes.Value[key[16] % Scenes.Value.Length];
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var what = task.What.Length > 40 ? task.What[..40] : task.What;
        var file = new DemoEvidenceFile(id, projectId, $"{what}-现场照片.png", "image/png", bytes, sha256);
        return (file, new TaskEvidence(id.ToString(), file.FileName, file.ContentType, bytes.Length, sha256));
    }

    private static byte[] Draw(int variant)
    {
        using var surface = SKSurface.Create(new SKImageInfo(480, 320));
        var canvas = surface.Canvas;
        using var paint = new SKPaint { IsAntialias = true };
        paint.Color = new SKColor(180, (byte)(205 + variant * 7), 235);
        canvas.DrawRect(0, 0, 480, 320, paint);
        paint.Color = new SKColor(120, 160, 90);
        canvas.DrawRect(0, 230, 480, 90, paint);
        paint.Color = new SKColor((byte)(170 + variant * 12), 120, 95);
        canvas.DrawRect(60 + variant * 25, 90, 200, 150, paint);
        paint.Color = new SKColor(240, 230, 200);
        for (var row = 0; row < 3; row++)
        {
            for (var column = 0; column < 4; column++) canvas.DrawRect(75 + variant * 25 + column * 46, 105 + row * 42, 28, 26, paint);
        }
        paint.Color = new SKColor(200, 40, 40);
        canvas.DrawRect(300, 200 - variant * 8, 120, 40, paint);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
