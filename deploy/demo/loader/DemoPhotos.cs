using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Platform.Storage.Attachments;
using SkiaSharp;

namespace Platform.DemoLoader;

/// <summary>A photo the demo keeps for a record (a task's evidence, a fulfilled wish), under an id made from its key, so
/// that a second load finds it.</summary>
public sealed record DemoPhoto(Guid Id, string OwnerKind, string OwnerId, string FileName, string ContentType, byte[] Bytes, string Sha256);

/// <summary>
/// The demo's site photos: a few drawn scenes (sky, a building, the finished work in front of it), each kept as a PNG
/// the way a service keeps a re-encoded photo, in the service's own attachments table.
/// </summary>
internal static class DemoPhotos
{
    private static readonly Lazy<byte[][]> Scenes = new(() => [.. Enumerable.Range(0, 6).Select(Draw)]);

    public static DemoPhoto For(string ownerKind, string ownerId, string key, string fileName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var bytes = Scenes.Value[hash[16] % Scenes.Value.Length];
        return new DemoPhoto(new Guid(hash.AsSpan(0, 16)), ownerKind, ownerId, fileName, "image/png", bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Keeps the photos before the histories that name them; a photo already kept is left alone.</summary>
    public static async Task KeepAsync(
        NpgsqlDataSource dataSource, string schema, string districtCode, IReadOnlyCollection<DemoPhoto> photos, CancellationToken cancellationToken)
    {
        if (photos.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var photo in photos)
        {
            var command = new NpgsqlBatchCommand($"""
                INSERT INTO {schema}.{PostgresAttachmentStore.Table}
                    (tenant_id, attachment_id, owner_kind, owner_id, file_name, content_type, size, sha256, content)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
                """);
            foreach (var value in new object[]
                { districtCode, photo.Id, photo.OwnerKind, photo.OwnerId, photo.FileName, photo.ContentType, (long)photo.Bytes.Length, photo.Sha256, photo.Bytes })
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
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
