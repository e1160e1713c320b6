using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Authorization;
using JasperFx.Events;
using Platform.EventSourcing.Audit;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;

namespace Platform.Needs.Api;

/// <param name="Actor">The account or system that acted; <paramref name="ActorName"/> is what people call it.</param>
public sealed record TimelineEntry(long Version, string Type, string Title, DateTimeOffset At, string? Actor, string? ActorName, JsonObject Details);

/// <summary>A stream's events as people read them: a Chinese title, the business time, who, and the facts (with the
/// reporter's personal data masked: timelines and audit dossiers are read by people who do not handle the reporter).</summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Of(IReadOnlyList<IEvent> events) =>
        events.Select(stored => new TimelineEntry(
            stored.Version, stored.EventTypeName, TitleOf(stored.Data), BusinessTime(stored), stored.UserName, EventActors.NameOf(stored), Details(stored.Data))).ToList();

    public static JsonObject Details(object data)
    {
        var json = JsonSerializer.SerializeToNode(data, data.GetType(), NeedsViewProjection.Json)!.AsObject();
        PersonalData.MaskPersonIn(json, "reporter");
        MaskFreeText(json);
        return json;
    }

    /// <summary>The fields people type into, where a phone or ID number may hide (ids and codes are left alone).</summary>
    private static readonly HashSet<string> FreeTextFields =
        ["title", "description", "reason", "note", "result", "comment", "plan", "resolution", "address", "triedByCommunity"];

    private static void MaskFreeText(JsonNode? node, bool freeText = false)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, value) in json.ToList())
                {
                    var isFreeText = freeText || FreeTextFields.Contains(name);
                    if (isFreeText && MaskedText(value) is { } masked) json[name] = masked;
                    else MaskFreeText(value, isFreeText);
                }
                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    if (freeText && MaskedText(array[index]) is { } masked) array[index] = masked;
                    else MaskFreeText(array[index], freeText);
                }
                break;
        }
    }

    private static JsonValue? MaskedText(JsonNode? value) =>
        value is JsonValue text && text.TryGetValue<string>(out var content) ? JsonValue.Create(PersonalData.MaskInText(content)) : null;

    /// <summary>When it happened as the decision saw it (the injected clock); the store's own timestamp is when it was recorded.</summary>
    public static DateTimeOffset BusinessTime(IEvent stored) => stored.Data switch
    {
        NeedRaised e => e.RaisedAt,
        NeedAccepted e => e.AcceptedAt,
        NeedRejected e => e.RejectedAt,
        NeedMergedAsDuplicate e => e.MergedAt,
        CommunityHandlingStarted e => e.StartedAt,
        NeedOverdue e => e.DetectedAt,
        NeedEscalatedByWhistle e => e.EscalatedAt,
        NeedMatchedToProject e => e.MatchedAt,
        MicroWishPublished e => e.PublishedAt,
        MicroWishClaimed e => e.ClaimedAt,
        MicroWishClaimLapsed e => e.LapsedAt,
        NeedResolved e => e.ResolvedAt,
        FeedbackRecorded e => e.RecordedAt,
        NeedClosed e => e.ClosedAt,
        NeedReopened e => e.ReopenedAt,
        NeedReturnedFromProject e => e.ReturnedAt,
        NeedReturnedToCase e => e.ReturnedAt,
        NeedMediaAdded e => e.AddedAt,
        WhistleBlown e => e.BlownAt,
        CaseDispatched e => e.DispatchedAt,
        DepartmentSigned e => e.SignedAt,
        CaseProgressNoted e => e.NotedAt,
        CaseReported e => e.ReportedAt,
        CaseVerified e => e.VerifiedAt,
        CallbackRecorded e => e.RecordedAt,
        CaseClosed e => e.ClosedAt,
        CaseReopened e => e.ReopenedAt,
        TransferRequested e => e.RequestedAt,
        CaseTransferred e => e.DecidedAt,
        TransferRejected e => e.DecidedAt,
        CaseOverdue e => e.DetectedAt,
        CaseEscalated e => e.EscalatedAt,
        CaseEvidenceAdded e => e.AddedAt,
        _ => stored.Timestamp,
    };

    public static string TitleOf(object data) => data switch
    {
        NeedRaised => "登记需求",
        NeedAccepted => "受理",
        NeedRejected => "退回",
        NeedMergedAsDuplicate => "合并为重复需求",
        CommunityHandlingStarted => "社区自办",
        NeedOverdue => "社区办理超时",
        NeedEscalatedByWhistle e => e.Automatic ? "超时自动吹哨" : "吹哨",
        NeedMatchedToProject => "转为项目",
        MicroWishPublished => "发布微心愿",
        MicroWishClaimed => "微心愿被认领",
        MicroWishClaimLapsed => "认领逾期，微心愿退回心愿墙",
        NeedResolved => "办结",
        FeedbackRecorded => "居民反馈",
        NeedClosed => "关闭",
        NeedReopened => "重新办理",
        NeedReturnedFromProject e => $"项目「{e.ProjectName}」撤销，退回社区办理",
        NeedReturnedToCase => "退回部门重办",
        NeedMediaAdded e => $"补充附件 {e.Media.Count} 个",
        WhistleBlown e => e.Automatic ? "自动吹哨" : "吹哨",
        CaseDispatched => "派单",
        DepartmentSigned e => e.InTime ? "签收（报到）" : "超时签收",
        CaseProgressNoted => "办理进展",
        CaseReported => "反馈办理结果",
        CaseVerified e => e.Passed ? "现场核实通过" : "现场核实未通过",
        CallbackRecorded => "回访",
        CaseClosed => "结案",
        CaseReopened => "重办",
        TransferRequested => "申请转办",
        CaseTransferred => "转办",
        TransferRejected => "驳回转办",
        CaseOverdue e => e.Deadline == WhistleCaseDecider.SignDeadline ? "签收超时" : "办理超时",
        CaseEscalated e => e.Automatic ? "自动升级" : "升级",
        CaseEvidenceAdded e => $"上传办理照片 {e.Media.Count} 个",
        _ => data.GetType().Name,
    };
}
