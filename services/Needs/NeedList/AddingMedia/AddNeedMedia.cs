using Platform.Authorization;
using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;
using Platform.Needs.Handling;
using Platform.Needs.ReadModels;
using Platform.ServiceDefaults;
using Platform.Storage.Attachments;

namespace Platform.Needs.NeedList;

/// <summary>Photos or documents added to a need after it was raised: by its reporter, or by the community that handles it.</summary>
public sealed record AddNeedMedia(IReadOnlyList<MediaReference> Media) : NeedCommand;

public static partial class NeedDecider
{
    /// <summary>While the need is still being worked on, up to <see cref="MaxMedia"/> in all; a closed record stays as it was closed.</summary>
    private static NeedMediaAdded AddMedia(AddNeedMedia command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "补充附件", NeedStatus.Raised, NeedStatus.Accepted, NeedStatus.InCommunityHandling, NeedStatus.Escalated, NeedStatus.InProject);
        new Validation()
            .Require(command.Media.Count > 0, "media", "没有附件。")
            .Require(command.Media.All(media => media.IsWellFormed), "media", "附件须为已保存的文件或 http(s) 链接。")
            .Require(state.MediaCount + command.Media.Count <= MaxMedia, "media", $"一条需求最多 {MaxMedia} 个附件，已有 {state.MediaCount} 个。")
            .ThrowIfInvalid();
        return new NeedMediaAdded(state.NeedId, [.. command.Media], context.Actor, context.Now);
    }
}

public static class AddNeedMediaEndpoint
{
    public static void Map(RouteGroupBuilder needs)
    {
        needs.MapPost("/{needId}/media", AddMediaAsync).RequireAccess(NeedsActions.AddNeedMedia).WithName("AddNeedMedia")
            .WithSummary("为需求补充一张照片或一个文件（multipart 字段 file）；照片去除拍摄位置等元数据后保存。");
        needs.MapGet("/{needId}/media/{attachmentId}", GetMediaAsync).RequireAccess(NeedsActions.ReadNeeds).WithName("GetNeedMedia")
            .WithSummary("需求的一个附件（照片或文件）。");
    }

    /// <summary>The caller's scope is checked before the file is read, so nothing is kept for a need they cannot touch.</summary>
    private static async Task<IResult> AddMediaAsync(
        string needId, HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCommandHandler commands, IAttachmentStore attachments,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await NeedEndpoints.ReadableNeedAsync(user, needId, guard, queries, cancellationToken);
        return await MediaFiles.AddAsync(http, attachments, user.DistrictCode, MediaFiles.NeedOwner, needId, MediaFiles.OfNeed(needId), media => commands.OnNeedAsync(
            CommandRequests.Origin(http, user), needId, new AddNeedMedia([media]), CommandRequests.ExpectedVersion(http),
            need => guard.EnsureCovers(user, NeedEndpoints.LocationOf(user.DistrictCode, need), $"需求「{needId}」"), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> GetMediaAsync(
        string needId, string attachmentId, HttpContext http, AccessGuard guard, NeedsQueries queries, IAttachmentStore attachments,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await NeedEndpoints.ReadableNeedAsync(user, needId, guard, queries, cancellationToken);
        return await MediaFiles.ServeAsync(http, attachments, user.DistrictCode, $"需求「{needId}」", attachmentId, view.Media, cancellationToken);
    }
}
