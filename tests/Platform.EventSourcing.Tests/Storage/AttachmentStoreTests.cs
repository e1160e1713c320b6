using System.Security.Cryptography;
using Npgsql;
using Platform.Kernel.Errors;
using Platform.Storage;
using Platform.Storage.Attachments;
using Platform.Testing;

namespace Platform.EventSourcing.Tests.Storage;

/// <summary>
/// The kernel's attachments: what a file may be is decided by its bytes, not by the name or type its sender gave it,
/// and the PostgreSQL store gives back exactly what it kept, with its digest.
/// </summary>
public sealed class AttachmentStoreTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    public void A_file_is_what_its_first_bytes_say(byte[] bytes, string contentType) =>
        Assert.Equal(contentType, AttachmentRules.ContentTypeOf(bytes, "media"));

    [Fact]
    public void An_empty_an_oversized_or_an_unknown_file_is_refused_naming_the_field()
    {
        foreach (var bytes in new[] { Array.Empty<byte>(), new byte[AttachmentRules.MaxBytes + 1], "MZ\u0090\0 an executable"u8.ToArray() })
        {
            var refused = Assert.Throws<InvalidCommandException>(() => AttachmentRules.ContentTypeOf(bytes, "photo"));
            Assert.True(refused.Errors.ContainsKey("photo"));
        }
    }

    [Theory]
    [InlineData("路面塌陷.jpg", "image/png", "路面塌陷.png")]
    [InlineData("../../etc/passwd", "image/png", "passwd.png")]
    [InlineData("a\"b\u0001.pdf", "application/pdf", "ab.pdf")]
    [InlineData(null, "image/jpeg", "attachment.jpg")]
    public void The_name_kept_is_the_senders_without_paths_or_control_characters_and_with_the_real_extension(string? sent, string contentType, string kept) =>
        Assert.Equal(kept, AttachmentRules.FileName(sent, contentType));

    [Fact]
    public async Task The_store_gives_back_exactly_what_it_kept_under_its_tenant_and_forgets_it_when_deleted()
    {
        await using var dataSource = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        var schema = "files_" + Guid.NewGuid().ToString("N")[..12];
        await SchemaScript.ApplyAsync(dataSource, schema, PostgresAttachmentStore.Ddl(schema));
        var store = new PostgresAttachmentStore(dataSource, schema);

        // Named as a JPEG, kept as what it is.
        var accepted = AttachmentRules.Accept("井盖.jpg", Png, "media");
        var kept = await store.SaveAsync("990101", "need", "N20261206-1", accepted, default);
        var read = await store.OpenAsync("990101", kept.Id, default);

        Assert.NotNull(read);
        Assert.Equal(accepted.Bytes, read.Bytes);
        Assert.Equal(("image/png", "井盖.png", accepted.Bytes.Length, Convert.ToHexStringLower(SHA256.HashData(accepted.Bytes))),
            (read.Attachment.ContentType, read.Attachment.FileName, (int)read.Attachment.Size, read.Attachment.Sha256));
        Assert.Equal(("need", "N20261206-1"), (read.Attachment.OwnerKind, read.Attachment.OwnerId));
        Assert.Null(await store.OpenAsync("990102", kept.Id, default));

        await store.DeleteAsync("990101", kept.Id, default);
        Assert.Null(await store.OpenAsync("990101", kept.Id, default));
    }
}
