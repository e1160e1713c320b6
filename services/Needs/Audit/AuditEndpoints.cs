using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Authorization;
using JasperFx.Events;
using Platform.EventSourcing.Audit;
using Platform.Needs.Api;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;

namespace Platform.Needs.Audit;

/// <summary>
/// What an auditor (or the district office) reads of a need or a case, never changing it: the whole history with
/// who, when, why and the correlation; the state as it was at any version or moment; the hash chain's verdict; and a
/// dossier to file, as JSON and as a printable page.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/audit/{kind}/{id}").WithTags("Audit");
        audit.MapGet("/history", History).RequireAccess(NeedsActions.Audit).WithName("AuditHistory")
            .WithSummary("需求（kind=needs）或吹哨案件（kind=cases）的全部事件，含元数据和哈希。");
        audit.MapGet("/state", State).RequireAccess(NeedsActions.Audit).WithName("AuditState")
            .WithSummary("第 N 版（?version=N）或某一时刻（?at=ISO 时间，按事件记录时间）的状态。");
        audit.MapGet("/verify", Verify).RequireAccess(NeedsActions.Audit).WithName("AuditVerify")
            .WithSummary("重新计算哈希链；如有篡改，指出最早被改动的版本。");
        audit.MapGet("/export.json", ExportJson).RequireAccess(NeedsActions.Audit).WithName("AuditExportJson");
        audit.MapGet("/export.html", ExportHtml).RequireAccess(NeedsActions.Audit).WithName("AuditExportHtml");
        return endpoints;
    }

    public sealed record AuditedEvent(
        long Version, long Sequence, string Type, string Title, JsonObject Data, DateTimeOffset At, DateTimeOffset RecordedAt, string? Actor,
        string? CorrelationId, string? CausationId, Guid EventId, string Hash);

    public sealed record HistoryResponse(string Kind, string Id, string StreamId, long Version, IReadOnlyList<AuditedEvent> Events);

    public sealed record StateResponse(string Kind, string Id, long Version, long LatestVersion, DateTimeOffset? At, object State);

    public sealed record VerifyResponse(string StreamId, bool Intact, long? FirstBrokenVersion, long EventsChecked, DateTimeOffset VerifiedAt);

    public sealed record Dossier(
        string Title, string District, DateTimeOffset ExportedAt, string ExportedBy, HistoryResponse History, object FinalState, VerifyResponse Verification);

    private static string StreamIdOf(string kind, string id) => kind switch
    {
        "needs" => Need.StreamId(id),
        "cases" => WhistleCase.StreamId(id),
        _ => throw new NotFoundException($"未知的审计对象类型「{kind}」（应为 needs 或 cases）。"),
    };

    /// <summary>The stream's whole history, archived or not; 404 when the district has no such stream.</summary>
    private static async Task<IReadOnlyList<IEvent>> ReadAsync(
        HttpContext http, AccessGuard guard, StreamAuditor auditor, string kind, string id, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var events = await auditor.ReadHistoryAsync(user.DistrictCode, StreamIdOf(kind, id), cancellationToken: cancellationToken);
        return events.Count > 0 ? events : throw new NotFoundException(kind == "needs" ? $"需求「{id}」不存在。" : $"吹哨案件「{id}」不存在。");
    }

    private static async Task<HistoryResponse> HistoryOfAsync(
        HttpContext http, AccessGuard guard, StreamAuditor auditor, string kind, string id, CancellationToken cancellationToken)
    {
        var events = await ReadAsync(http, guard, auditor, kind, id, cancellationToken);
        var hashes = await auditor.ReadHashesAsync(guard.CurrentUser(http).DistrictCode, StreamIdOf(kind, id), cancellationToken);
        return new HistoryResponse(kind, id, StreamIdOf(kind, id), events[^1].Version, [.. events.Select(stored => new AuditedEvent(
            stored.Version, stored.Sequence, stored.EventTypeName, Timeline.TitleOf(stored.Data), Timeline.Details(stored.Data), Timeline.BusinessTime(stored),
            stored.Timestamp, stored.UserName, stored.CorrelationId, stored.CausationId, stored.Id, hashes.GetValueOrDefault(stored.Version, "")))]);
    }

    private static async Task<IResult> History(string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await HistoryOfAsync(http, guard, auditor, kind, id, cancellationToken));

    private static async Task<IResult> State(
        string kind, string id, long? version, DateTimeOffset? at, HttpContext http, AccessGuard guard, StreamAuditor auditor, CancellationToken cancellationToken)
    {
        // One way of naming the moment, and one that exists: the state at version 0 or before the stream began was
        // never anything, and a version past the end has not happened; answering with a made-up state would mislead.
        if (version is not null && at is not null) throw new InvalidCommandException("version 与 at 只能指定其一。");
        if (version is < 1) throw new InvalidCommandException("version 须为正整数（第 1 版是记录的第一个事件）。");
        var all = await ReadAsync(http, guard, auditor, kind, id, cancellationToken);
        if (version > all[^1].Version) throw new NotFoundException($"记录只有 {all[^1].Version} 版，没有第 {version} 版。");
        var events = all.Where(stored => (version is null || stored.Version <= version) && (at is null || stored.Timestamp <= at)).ToList();
        if (events.Count == 0) throw new NotFoundException($"{at:yyyy-MM-dd HH:mm:ss} 时该记录尚未建立。");
        return TypedResults.Ok(new StateResponse(kind, id, events.Count == 0 ? 0 : events[^1].Version, all[^1].Version, at, StateOf(kind, events)));
    }

    /// <summary>The view (what the console showed) folded from the events, with the reporter masked.</summary>
    private static object StateOf(string kind, IReadOnlyList<IEvent> events)
    {
        object view = kind == "needs"
            ? events.Aggregate(new NeedView(), (state, stored) => NeedView.Apply(state, stored.Data)) with { Version = events.Count == 0 ? 0 : events[^1].Version }
            : events.Aggregate(new CaseView(), (state, stored) => CaseView.Apply(state, stored.Data)) with { Version = events.Count == 0 ? 0 : events[^1].Version };
        return Timeline.Details(view);
    }

    private static async Task<VerifyResponse> VerifyAsync(
        HttpContext http, AccessGuard guard, StreamAuditor auditor, TimeProvider clock, string kind, string id, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var result = await auditor.VerifyStreamAsync(user.DistrictCode, StreamIdOf(kind, id), cancellationToken)
            ?? throw new NotFoundException(kind == "needs" ? $"需求「{id}」不存在。" : $"吹哨案件「{id}」不存在。");
        return new VerifyResponse(result.StreamId, result.IsIntact, result.FirstBrokenVersion, result.EventsChecked, clock.GetUtcNow());
    }

    private static async Task<IResult> Verify(string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await VerifyAsync(http, guard, auditor, clock, kind, id, cancellationToken));

    private static async Task<Dossier> DossierAsync(
        string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var history = await HistoryOfAsync(http, guard, auditor, kind, id, cancellationToken);
        var verification = await VerifyAsync(http, guard, auditor, clock, kind, id, cancellationToken);
        var events = await ReadAsync(http, guard, auditor, kind, id, cancellationToken);
        var title = events[0].Data is NeedRaised raised ? raised.Title : events[0].Data is WhistleBlown blown ? blown.Title : id;
        return new Dossier(title, user.DistrictCode, clock.GetUtcNow(), user.UserId, history, StateOf(kind, events), verification);
    }

    private static async Task<IResult> ExportJson(string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dossier = await DossierAsync(kind, id, http, guard, auditor, clock, cancellationToken);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{kind}-{id}-dossier.json\"";
        return TypedResults.Json(dossier, NeedsViewProjection.Json);
    }

    private static async Task<IResult> ExportHtml(string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dossier = await DossierAsync(kind, id, http, guard, auditor, clock, cancellationToken);
        return TypedResults.Content(Printable(dossier), "text/html; charset=utf-8");
    }

    private static string E(object? value) => WebUtility.HtmlEncode(value?.ToString() ?? "");

    private static string Local(DateTimeOffset time) => time.ToDistrict().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A page without scripts that prints as the case's dossier. Its stylesheet is the console's /dossier.css (a
/// same-origin file, because the gateway's Content-Security-Policy refuses inline styles).</summary>
    private static string Printable(Dossier dossier)
    {
        var html = new StringBuilder();
        var verdict = dossier.Verification.Intact
            ? $"完整：{dossier.Verification.EventsChecked} 个事件的哈希链校验通过"
            : $"已被篡改：自第 {dossier.Verification.FirstBrokenVersion} 个事件起哈希链不符";
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>审计卷宗 {{E(dossier.History.Id)}}</title>
            <link rel="stylesheet" href="/dossier.css"></head><body>
            <h1>审计卷宗：{{E(dossier.Title)}}</h1>
            <p>对象：{{E(dossier.History.Kind == "needs" ? "需求" : "吹哨案件")}} {{E(dossier.History.Id)}}（事件流 {{E(dossier.History.StreamId)}}，共 {{dossier.History.Version}} 个事件）<br>
            区：{{E(dossier.District)}}　导出时间：{{E(Local(dossier.ExportedAt))}}　导出人：{{E(dossier.ExportedBy)}}</p>
            <p class="verdict {{(dossier.Verification.Intact ? "intact" : "broken")}}" data-testid="verdict">{{E(verdict)}}（校验时间 {{E(Local(dossier.Verification.VerifiedAt))}}）</p>
            <table><thead><tr><th>#</th><th>事件</th><th>业务时间</th><th>记录时间</th><th>操作人</th><th>关联号</th><th>内容</th><th>哈希</th></tr></thead><tbody>
            """);
        foreach (var audited in dossier.History.Events)
        {
            html.Append($"<tr><td>{audited.Version}</td><td>{E(audited.Title)}<br><small>{E(audited.Type)}</small></td><td>{E(Local(audited.At))}</td>")
                .Append($"<td>{E(Local(audited.RecordedAt))}</td><td>{E(audited.Actor)}</td><td>{E(audited.CorrelationId)}</td>")
                .Append($"<td><pre>{E(audited.Data.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))}</pre></td>")
                .Append($"<td><pre>{E(audited.Hash)}</pre></td></tr>\n");
        }
        html.Append("</tbody></table><p>说明：诉求人姓名与电话已脱敏。哈希链：每个事件的哈希覆盖其内容、元数据、时间与前一事件的哈希，任何改动都会使校验失败。</p></body></html>");
        return html.ToString();
    }
}
