using Platform.Authorization;
using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;
using Platform.Needs.Handling;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;
using Platform.ServiceDefaults;
using Platform.Storage.Attachments;

namespace Platform.Needs.Cases;

/// <summary>Photos or documents of a department's work on the case (现场照片、整改前后对比), kept with its result.</summary>
public sealed record AddCaseEvidence(string DepartmentId, IReadOnlyList<MediaReference> Media) : CaseCommand;

public static partial class WhistleCaseDecider
{
    /// <summary>While a signed department works on the case and until the community has verified its result.</summary>
    private static CaseEvidenceAdded AddEvidence(AddCaseEvidence command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "上传办理照片", CaseStatus.InHandling, CaseStatus.Reported);
        EnsureSigned(state, command.DepartmentId);
        new Validation()
            .Require(command.Media.Count > 0, "media", "没有附件。")
            .Require(command.Media.All(media => media.IsWellFormed), "media", "附件须为已保存的文件或 http(s) 链接。")
            .Require(state.EvidenceCount + command.Media.Count <= MaxEvidence, "media", $"一个案件最多 {MaxEvidence} 个办理照片或文件，已有 {state.EvidenceCount} 个。")
            .ThrowIfInvalid();
        return new CaseEvidenceAdded(state.CaseId, command.DepartmentId, [.. command.Media], context.Actor, context.Now);
    }
}

public static class AddCaseEvidenceEndpoint
{
    public static void Map(RouteGroupBuilder cases)
    {
        cases.MapPost("/{caseId}/evidence", AddEvidenceAsync).RequireAccess(NeedsActions.HandleCases).WithName("AddCaseEvidence")
            .WithSummary("承办部门上传一张办理照片或一个文件（multipart 字段 file），随办理结果一并留存；照片去除拍摄位置等元数据。");
        cases.MapGet("/{caseId}/evidence/{attachmentId}", GetEvidenceAsync).RequireAccess(NeedsActions.ReadCases).WithName("GetCaseEvidence")
            .WithSummary("案件的一个办理照片或文件。");
    }

    /// <summary>
    /// The department's scope on the case is checked before the file is read; whether it has signed, and the limit,
    /// are the decider's, and a file it refuses is not kept.
    /// </summary>
    private static async Task<IResult> AddEvidenceAsync(
        string caseId, HttpContext http, AccessGuard guard, NeedsQueries queries, NeedsCommandHandler commands, IAttachmentStore attachments,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var department = user.DepartmentId ?? throw new AccessDeniedException("账户未绑定职能部门。");
        await CaseEndpoints.ReadableCaseAsync(user, caseId, guard, queries, cancellationToken);
        return await MediaFiles.AddAsync(
            http, attachments, user.DistrictCode, MediaFiles.CaseEvidenceOwner, caseId, MediaFiles.OfCase(caseId), media => commands.OnCaseAsync(
                CommandRequests.Origin(http, user), caseId, new AddCaseEvidence(department, [media]), CommandRequests.ExpectedVersion(http),
                state => guard.EnsureCovers(user, CaseEndpoints.LocationOf(user.DistrictCode, state), "该案件"), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> GetEvidenceAsync(
        string caseId, string attachmentId, HttpContext http, AccessGuard guard, NeedsQueries queries, IAttachmentStore attachments,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await CaseEndpoints.ReadableCaseAsync(user, caseId, guard, queries, cancellationToken);
        return await MediaFiles.ServeAsync(
            http, attachments, user.DistrictCode, $"案件「{caseId}」", attachmentId, view.Evidence.Select(evidence => evidence.Media), cancellationToken);
    }
}
