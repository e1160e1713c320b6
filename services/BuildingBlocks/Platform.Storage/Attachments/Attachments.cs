using System.Security.Cryptography;
using Npgsql;
using Platform.Kernel.Errors;

namespace Platform.Storage.Attachments;

/// <summary>A photo or document as the service keeps it: whose it is (a need, a project's evidence …), what it is,
/// and a digest of its bytes, so that a copy handed out can be checked against what was received.</summary>
public sealed record StoredAttachment(
    Guid Id, string TenantId, string OwnerKind, string OwnerId, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset StoredAt);

/// <summary>
/// A file that <see cref="AttachmentRules.Accept"/> let in: what it really is, the name it is kept under, and the
/// bytes that will be kept, which for a photo are the re-encoded pixels, not what was sent. Only the rules make one,
/// so no store can keep a file that did not pass them.
/// </summary>
public sealed class AcceptedFile
{
    internal AcceptedFile(string fileName, string contentType, byte[] bytes)
    {
        (FileName, ContentType, Bytes) = (fileName, contentType, bytes);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public string FileName { get; }
    public string ContentType { get; }
    public byte[] Bytes { get; }
    public string Sha256 { get; }
}

/// <summary>An attachment read back: what it is and its bytes.</summary>
public sealed record AttachmentContent(StoredAttachment Attachment, byte[] Bytes);

/// <summary>
/// Where a service keeps the photos and documents it owns. The platform's own store keeps them in the service's
/// PostgreSQL database (<see cref="PostgresAttachmentStore"/>); a deployment with an object store can put another
/// implementation behind the same interface.
/// </summary>
public interface IAttachmentStore
{
    Task<StoredAttachment> SaveAsync(string tenantId, string ownerKind, string ownerId, AcceptedFile file, CancellationToken cancellationToken);

    Task<AttachmentContent?> OpenAsync(string tenantId, Guid id, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken);
}

public static class AttachmentStoreExtensions
{
    /// <summary>
    /// Keeps a file for its owner, then records it (an event that names it by id and digest). A file the record
    /// refuses (the owner does not exist, the caller may not, the limit is reached) is removed again, so the store
    /// holds no file that no history names.
    /// </summary>
    public static async Task<(StoredAttachment Stored, T Recorded)> KeepAndRecordAsync<T>(
        this IAttachmentStore store, string tenantId, string ownerKind, string ownerId, AcceptedFile file, Func<StoredAttachment, Task<T>> record,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(record);
        var stored = await store.SaveAsync(tenantId, ownerKind, ownerId, file, cancellationToken);
        try
        {
            return (stored, await record(stored));
        }
        catch
        {
            await store.DeleteAsync(tenantId, stored.Id, CancellationToken.None);
            throw;
        }
    }
}

/// <summary>
/// What an attachment may be: a photo (JPEG, PNG, WebP, GIF) or a PDF, recognised by its first bytes, whatever name
/// or type the sender gave it, and no larger than <see cref="MaxBytes"/>. A photo must decode as what it claims to be,
/// and is kept re-encoded without its metadata (<see cref="Photos"/>). The rules live here once, so every channel that
/// takes attachments refuses the same things and keeps the same things.
/// </summary>
public static class AttachmentRules
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private static readonly (string ContentType, string Extension, byte[] Magic, int Offset)[] Known =
    [
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF], 0),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/gif", ".gif", "GIF8"u8.ToArray(), 0),
        ("image/webp", ".webp", "WEBP"u8.ToArray(), 8),
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray(), 0),
    ];

    /// <summary>
    /// What is kept of a file sent in <paramref name="field"/>: its type recognised from its bytes, a photo decoded and
    /// encoded again from its pixels (turned upright, without location or any other metadata), a PDF as it came.
    /// </summary>
    public static AcceptedFile Accept(string? fileName, byte[] bytes, string field)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var contentType = ContentTypeOf(bytes, field);
        if (contentType.StartsWith("image/", StringComparison.Ordinal))
            (contentType, bytes) = Photos.Reencode(bytes, contentType, field);
        return new AcceptedFile(FileName(fileName, contentType), contentType, bytes);
    }

    /// <summary>The content type the bytes really have; an empty, oversized or unrecognised file is a 400 naming <paramref name="field"/>.</summary>
    public static string ContentTypeOf(ReadOnlySpan<byte> bytes, string field)
    {
        EnsureSize(bytes.Length, field);
        foreach (var (contentType, _, magic, offset) in Known)
        {
            if (bytes.Length >= offset + magic.Length && bytes.Slice(offset, magic.Length).SequenceEqual(magic)
                && (contentType != "image/webp" || bytes[..4].SequenceEqual("RIFF"u8)))
                return contentType;
        }
        throw Refused(field, "只接受 JPEG、PNG、WebP、GIF 图片或 PDF 文件。");
    }

    /// <summary>Checks a file's length before it is read: an empty or oversized one is a 400 naming <paramref name="field"/>.</summary>
    public static void EnsureSize(long length, string field)
    {
        if (length == 0) throw Refused(field, "附件为空。");
        if (length > MaxBytes) throw Refused(field, $"附件不能超过 {MaxBytes / 1024 / 1024} MB。");
    }

    /// <summary>A file name safe to hand back in a Content-Disposition: the sender's, without paths or control
    /// characters, with the extension of what the file really is.</summary>
    public static string FileName(string? sent, string contentType)
    {
        var extension = Known.First(known => known.ContentType == contentType).Extension;
        var name = Path.GetFileNameWithoutExtension(sent ?? "");
        name = new string([.. name.Where(character => !char.IsControl(character) && character is not ('"' or '\\' or '/'))]).Trim();
        if (name.Length > 80) name = name[..80];
        return (name.Length == 0 ? "attachment" : name) + extension;
    }

    internal static InvalidCommandException Refused(string field, string message) =>
        new(message, new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Attachments as rows of the service's own database: a table per service schema, the bytes beside what they are.</summary>
public sealed class PostgresAttachmentStore(NpgsqlDataSource dataSource, string schema) : IAttachmentStore
{
    public const string Table = "attachments";

    public static string Ddl(string schema) => $"""
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE IF NOT EXISTS {schema}.{Table} (
            tenant_id text NOT NULL,
            attachment_id uuid NOT NULL,
            owner_kind text NOT NULL,
            owner_id text NOT NULL,
            file_name text NOT NULL,
            content_type text NOT NULL,
            size bigint NOT NULL,
            sha256 text NOT NULL,
            stored_at timestamptz NOT NULL DEFAULT now(),
            content bytea NOT NULL,
            PRIMARY KEY (tenant_id, attachment_id));
        CREATE INDEX IF NOT EXISTS {Table}_by_owner ON {schema}.{Table} (tenant_id, owner_kind, owner_id);
        """;

    public async Task<StoredAttachment> SaveAsync(string tenantId, string ownerKind, string ownerId, AcceptedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {schema}.{Table} (tenant_id, attachment_id, owner_kind, owner_id, file_name, content_type, size, sha256, content)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING stored_at
            """);
        foreach (var value in new object[] { tenantId, id, ownerKind, ownerId, file.FileName, file.ContentType, (long)file.Bytes.Length, file.Sha256, file.Bytes })
            command.Parameters.Add(new() { Value = value });
        var storedAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new StoredAttachment(id, tenantId, ownerKind, ownerId, file.FileName, file.ContentType, file.Bytes.Length, file.Sha256,
            new DateTimeOffset(storedAt, TimeSpan.Zero));
    }

    public async Task<AttachmentContent?> OpenAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT owner_kind, owner_id, file_name, content_type, size, sha256, stored_at, content FROM {schema}.{Table}
             WHERE tenant_id = $1 AND attachment_id = $2
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var attachment = new StoredAttachment(id, tenantId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetInt64(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6));
        return new AttachmentContent(attachment, reader.GetFieldValue<byte[]>(7));
    }

    public async Task DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {schema}.{Table} WHERE tenant_id = $1 AND attachment_id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = id });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
