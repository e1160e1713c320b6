using Platform.Needs.Handling;
using Platform.ServiceDefaults;
using Platform.Needs.NeedList;
using Platform.Storage.Attachments;
using Platform.Kernel.Errors;

namespace Platform.Needs.Api;

/// <summary>A photo or document as the API names it: a kept one by its address relative to the service (served only to
/// those who may read what it belongs to), a link its sender gave as it was given.</summary>
public sealed record MediaLink(string Url, bool Kept);

/// <summary>What adding a file answers: the need's or case's new version, and the file as it was kept.</summary>
public sealed record MediaAdded(string Id, string Status, long Version, MediaLink Media, string FileName, string ContentType, long Size, string Sha256);

/// <summary>The files of needs (<c>needs/{id}/media/…</c>) and of cases' handling (<c>cases/{id}/evidence/…</c>).</summary>
internal static class MediaFiles
{
    public const string NeedOwner = "need";
    public const string CaseEvidenceOwner = "case-evidence";

    /// <summary>The address of a need's files, relative to the service.</summary>
    public static string OfNeed(string needId) => $"needs/{Uri.EscapeDataString(needId)}/media";

    /// <summary>The address of a case's evidence, relative to the service.</summary>
    public static string OfCase(string caseId) => $"cases/{Uri.EscapeDataString(caseId)}/evidence";

    public static MediaLink LinkOf(string files, MediaReference media) => media.AttachmentId is { } attachmentId
        ? new MediaLink($"{files}/{Uri.EscapeDataString(attachmentId)}", true)
        : new MediaLink(media.Url!, false);

    public static MediaAdded Added(string files, CommandOutcome outcome, StoredAttachment stored) => new(
        outcome.Id, outcome.Status, outcome.Version, LinkOf(files, ReferenceTo(stored)), stored.FileName, stored.ContentType, stored.Size, stored.Sha256);

    public static MediaReference ReferenceTo(StoredAttachment stored) => new(stored.Id.ToString(), null, stored.Sha256);

    /// <summary>
    /// Reads the one file of the request, keeps it for its owner and records it with <paramref name="record"/>; a file
    /// the decider refuses is not kept. Answers 201 with the file's address (relative to the request, which posted to
    /// the collection <paramref name="files"/> ends in).
    /// </summary>
    public static async Task<IResult> AddAsync(
        HttpContext http, IAttachmentStore attachments, string tenantId, string ownerKind, string ownerId, string files,
        Func<MediaReference, Task<CommandOutcome>> record, CancellationToken cancellationToken)
    {
        var accepted = await http.Request.ReadAcceptedFileAsync("file", cancellationToken);
        var (stored, outcome) = await attachments.KeepAndRecordAsync(tenantId, ownerKind, ownerId, accepted, stored => record(ReferenceTo(stored)), cancellationToken);
        CommandRequests.SetVersion(http, outcome.Version);
        return TypedResults.Created($"{files[(files.LastIndexOf('/') + 1)..]}/{stored.Id}", Added(files, outcome, stored));
    }

    /// <summary>A file that <paramref name="references"/> names, to a caller already allowed to read its owner.</summary>
    public static Task<IResult> ServeAsync(
        HttpContext http, IAttachmentStore attachments, string tenantId, string ownerName, string attachmentId, IEnumerable<MediaReference> references,
        CancellationToken cancellationToken) =>
        http.ServeAttachmentAsync(attachments, tenantId, ownerName, attachmentId, references.Select(media => media.AttachmentId).OfType<string>(), cancellationToken);
}
