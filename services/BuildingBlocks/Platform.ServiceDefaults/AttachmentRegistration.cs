using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Storage;
using Platform.Storage.Attachments;
using Platform.Kernel.Errors;

namespace Platform.ServiceDefaults;

public static class AttachmentRegistration
{
    /// <summary>
    /// The service's attachments in its own database, in <paramref name="schema"/>: the table is created when the host
    /// starts, and <see cref="IAttachmentStore"/> is the PostgreSQL store unless a deployment registers another first.
    /// </summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, string schema)
    {
        services.AddHostedService(provider => new AttachmentSchema(provider.GetRequiredService<NpgsqlDataSource>(), schema));
        services.TryAddSingleton<IAttachmentStore>(provider => new PostgresAttachmentStore(provider.GetRequiredService<NpgsqlDataSource>(), schema));
        return services;
    }

    /// <summary>
    /// The one file a request sent as multipart <paramref name="field"/>, as the attachment rules accept it: its size
    /// checked before it is read, its type taken from its bytes, a photo re-encoded. No file is a 400 naming the field.
    /// </summary>
    public static async Task<AcceptedFile> ReadAcceptedFileAsync(this HttpRequest request, string field, CancellationToken cancellationToken)
    {
        var file = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken)).Files.GetFile(field) : null;
        if (file is null)
            throw new InvalidCommandException($"请以 multipart/form-data 上传文件（字段 {field}）。", new Dictionary<string, string[]> { [field] = ["没有收到文件。"] });
        AttachmentRules.EnsureSize(file.Length, field);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return AttachmentRules.Accept(file.FileName, buffer.ToArray(), field);
    }

    /// <summary>
    /// A kept file that its owner's record names (<paramref name="named"/>), to a caller already allowed to read the
    /// owner; anything else is a 404 that says whose file was asked for.
    /// </summary>
    public static async Task<IResult> ServeAttachmentAsync(
        this HttpContext http, IAttachmentStore attachments, string tenantId, string ownerName, string attachmentId, IEnumerable<string> named,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(attachments);
        if (!named.Contains(attachmentId) || !Guid.TryParse(attachmentId, out var id)
            || await attachments.OpenAsync(tenantId, id, cancellationToken) is not { } found)
            throw new NotFoundException($"{ownerName}没有附件「{attachmentId}」。");
        // Personal pictures: kept by the browser that asked, never by a shared cache.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.File(found.Bytes, found.Attachment.ContentType, found.Attachment.FileName);
    }

    private sealed class AttachmentSchema(NpgsqlDataSource dataSource, string schema) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            SchemaScript.ApplyAsync(dataSource, $"{schema}.{PostgresAttachmentStore.Table}", PostgresAttachmentStore.Ddl(schema), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
