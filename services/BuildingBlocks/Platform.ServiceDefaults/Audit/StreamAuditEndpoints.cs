using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.EventSourcing.Audit;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// What an auditor reads of any stream a service opens to them, never changing it: the whole history with who, when,
/// why and the correlation; the state as it was at any version or moment; the hash chain's verdict; a dossier to file
/// as JSON and as a printable page; and the personal-data access log. The same endpoints in every service.
/// </summary>
public static class StreamAuditEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddStreamAudit(this IServiceCollection services, IEventNarrator narrator, params AuditedKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(narrator);
        return services.AddSingleton(new AuditedStreams(narrator, kinds));
    }

    /// <summary>The same, with a narrator that needs the service's own services (its catalogue, its org copy).</summary>
    public static IServiceCollection AddStreamAudit<TNarrator>(this IServiceCollection services, params AuditedKind[] kinds)
        where TNarrator : class, IEventNarrator =>
        services.AddSingleton(provider => new AuditedStreams(ActivatorUtilities.CreateInstance<TNarrator>(provider), kinds));

    /// <summary>Maps <c>{prefix}/{kind}/{id}/…</c> and <c>{prefix}/personal-data-views</c>, all requiring
    /// <paramref name="access"/>.</summary>
    public static RouteGroupBuilder MapStreamAudit(this IEndpointRouteBuilder endpoints, PlatformAction access, string prefix = "/audit")
    {
        var audit = endpoints.MapGroup(prefix).WithTags("Audit");
        audit.MapGet("/{kind}/{id}/history", History).RequireAccess(access).WithName("AuditHistory")
            .WithSummary("一条记录的全部事件，含元数据和哈希。");
        audit.MapGet("/{kind}/{id}/state", State).RequireAccess(access).WithName("AuditState")
            .WithSummary("第 N 版（?version=N）或某一时刻（?at=ISO 时间，按事件记录时间）的状态。");
        audit.MapGet("/{kind}/{id}/verify", Verify).RequireAccess(access).WithName("AuditVerify")
            .WithSummary("重新计算哈希链；如有篡改，指出最早被改动的版本。");
        audit.MapGet("/{kind}/{id}/export.json", ExportJson).RequireAccess(access).WithName("AuditExportJson")
            .WithSummary("审计卷宗（JSON）：全部事件、最终状态和哈希链校验结果。");
        audit.MapGet("/{kind}/{id}/export.html", ExportHtml).RequireAccess(access).WithName("AuditExportHtml")
            .WithSummary("审计卷宗（可打印的网页）。");
        audit.MapGet("/personal-data-views", PersonalDataViews).RequireAccess(access).WithName("AuditPersonalDataViews")
            .WithSummary("个人信息查看记录：谁在何时查看了谁的哪些未脱敏信息（按日期，最多 31 天，可按对象筛选）。");
        return audit;
    }

    public sealed record AuditedEvent(
        long Version, long Sequence, string Type, string Title, JsonObject Data, DateTimeOffset At, DateTimeOffset RecordedAt, string? Actor,
        string? ActorName, string? CorrelationId, string? CausationId, Guid EventId, string Hash);

    public sealed record HistoryResponse(string Kind, string KindName, string Id, string StreamId, long Version, IReadOnlyList<AuditedEvent> Events);

    public sealed record StateResponse(string Kind, string Id, long Version, long LatestVersion, DateTimeOffset? At, object State);

    public sealed record VerifyResponse(string StreamId, bool Intact, long? FirstBrokenVersion, long EventsChecked, DateTimeOffset VerifiedAt);

    public sealed record Dossier(
        string Title, string District, DateTimeOffset ExportedAt, string ExportedBy, HistoryResponse History, object FinalState, VerifyResponse Verification);

    /// <summary>One unmasked view as an auditor reads it: the stored event, with the viewer's role named in Chinese.</summary>
    public sealed record PersonalDataView(
        DateTimeOffset ViewedAt, string ViewerId, string ViewerName, string ViewerRole, string ViewerRoleName, string SubjectKind, string SubjectId,
        string SubjectName, IReadOnlyList<string> Fields);

    public sealed record PersonalDataViewsResponse(DateOnly From, DateOnly To, string? SubjectId, IReadOnlyList<PersonalDataView> Items);

    /// <summary>The stream's whole history, archived or not; 404 when the district has no such stream.</summary>
    private static async Task<IReadOnlyList<IEvent>> ReadAsync(
        PlatformUser user, StreamAuditor auditor, AuditedKind kind, string id, CancellationToken cancellationToken)
    {
        var events = await auditor.ReadHistoryAsync(user.DistrictCode, kind.StreamIdOf(id), cancellationToken: cancellationToken);
        return events.Count > 0 ? events : throw new NotFoundException($"{kind.Name}「{id}」不存在。");
    }

    private static async Task<HistoryResponse> HistoryOfAsync(
        PlatformUser user, StreamAuditor auditor, AuditedStreams streams, AuditedKind kind, string id, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var streamId = kind.StreamIdOf(id);
        var hashes = await auditor.ReadHashesAsync(user.DistrictCode, streamId, cancellationToken);
        var narrator = streams.Narrator;
        return new HistoryResponse(kind.Kind, kind.Name, id, streamId, events[^1].Version, [.. events.Select(stored => new AuditedEvent(
            stored.Version, stored.Sequence, stored.EventTypeName, narrator.TitleOf(stored.Data), narrator.Details(stored.Data), narrator.BusinessTime(stored),
            stored.Timestamp, stored.UserName, EventActors.NameOf(stored), stored.CorrelationId, stored.CausationId, stored.Id, hashes.GetValueOrDefault(stored.Version, "")))]);
    }

    private static async Task<IResult> History(
        string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, AuditedStreams streams, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var audited = streams.Find(kind);
        var events = await ReadAsync(user, auditor, audited, id, cancellationToken);
        return TypedResults.Json(await HistoryOfAsync(user, auditor, streams, audited, id, events, cancellationToken), Json);
    }

    private static async Task<IResult> State(
        string kind, string id, long? version, DateTimeOffset? at, HttpContext http, AccessGuard guard, StreamAuditor auditor, AuditedStreams streams,
        CancellationToken cancellationToken)
    {
        // One way of naming the moment, and one that exists: the state at version 0 or before the stream began was
        // never anything, and a version past the end has not happened; answering with a made-up state would mislead.
        if (version is not null && at is not null) throw new InvalidCommandException("version 与 at 只能指定其一。");
        if (version is < 1) throw new InvalidCommandException("version 须为正整数（第 1 版是记录的第一个事件）。");
        var audited = streams.Find(kind);
        var all = await ReadAsync(guard.CurrentUser(http), auditor, audited, id, cancellationToken);
        if (version > all[^1].Version) throw new NotFoundException($"记录只有 {all[^1].Version} 版，没有第 {version} 版。");
        var events = all.Where(stored => (version is null || stored.Version <= version) && (at is null || stored.Timestamp <= at)).ToList();
        if (events.Count == 0) throw new NotFoundException($"{at?.ToDistrict():yyyy-MM-dd HH:mm:ss} 时该记录尚未建立。");
        return TypedResults.Json(new StateResponse(kind, id, events[^1].Version, all[^1].Version, at, audited.StateOf(events)), Json);
    }

    private static async Task<VerifyResponse> VerifyAsync(
        PlatformUser user, StreamAuditor auditor, TimeProvider clock, AuditedKind kind, string id, CancellationToken cancellationToken)
    {
        var result = await auditor.VerifyStreamAsync(user.DistrictCode, kind.StreamIdOf(id), cancellationToken)
            ?? throw new NotFoundException($"{kind.Name}「{id}」不存在。");
        return new VerifyResponse(result.StreamId, result.IsIntact, result.FirstBrokenVersion, result.EventsChecked, clock.GetUtcNow());
    }

    private static async Task<IResult> Verify(
        string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, AuditedStreams streams, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Json(await VerifyAsync(guard.CurrentUser(http), auditor, clock, streams.Find(kind), id, cancellationToken), Json);

    private static async Task<Dossier> DossierAsync(
        string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, AuditedStreams streams, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var audited = streams.Find(kind);
        var events = await ReadAsync(user, auditor, audited, id, cancellationToken);
        var history = await HistoryOfAsync(user, auditor, streams, audited, id, events, cancellationToken);
        var verification = await VerifyAsync(user, auditor, clock, audited, id, cancellationToken);
        return new Dossier(audited.TitleOf(events) ?? id, user.DistrictCode, clock.GetUtcNow(), user.UserId, history, audited.StateOf(events), verification);
    }

    private static async Task<IResult> ExportJson(
        string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, AuditedStreams streams, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var dossier = await DossierAsync(kind, id, http, guard, auditor, streams, clock, cancellationToken);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{kind}-{Uri.EscapeDataString(id)}-dossier.json\"";
        return TypedResults.Json(dossier, Json);
    }

    private static async Task<IResult> ExportHtml(
        string kind, string id, HttpContext http, AccessGuard guard, StreamAuditor auditor, AuditedStreams streams, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var dossier = await DossierAsync(kind, id, http, guard, auditor, streams, clock, cancellationToken);
        var names = await streams.Narrator.ValueNamesAsync(dossier.District, kind, [.. dossier.History.Events.Select(audited => audited.Data)], cancellationToken);
        return TypedResults.Content(Printable(dossier, new DossierReader(streams.Narrator, names)), "text/html; charset=utf-8");
    }

    private static async Task<IResult> PersonalDataViews(
        string? from, string? to, string? subjectId, HttpContext http, AccessGuard guard, StreamAuditor auditor, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        var first = ParseDay(from, "from", today, errors);
        var last = ParseDay(to, "to", today, errors);
        if (errors.Count == 0 && last < first) errors["to"] = ["结束日期早于开始日期。"];
        if (errors.Count == 0 && last.DayNumber - first.DayNumber + 1 > PersonalDataAccessLog.MaxDays)
            errors["to"] = [$"一次最多查询 {PersonalDataAccessLog.MaxDays} 天。"];
        if (errors.Count > 0) throw new InvalidCommandException("查询范围不正确。", errors);
        var views = await PersonalDataAccessLog.ReadAsync(auditor, user.DistrictCode, first, last, string.IsNullOrWhiteSpace(subjectId) ? null : subjectId, cancellationToken);
        return TypedResults.Json(new PersonalDataViewsResponse(first, last, subjectId, [.. views.Select(view => new PersonalDataView(
            view.ViewedAt, view.ViewerId, view.ViewerName, view.ViewerRole, PlatformRoles.TryParse(view.ViewerRole, out var role) ? role.ChineseName() : view.ViewerRole,
            view.SubjectKind, view.SubjectId, view.SubjectName, view.Fields))]), Json);
    }

    private static DateOnly ParseDay(string? value, string field, DateOnly today, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return today;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[field] = ["须为 yyyy-MM-dd 格式的日期。"];
        return today;
    }

    private static string E(object? value) => WebUtility.HtmlEncode(value?.ToString() ?? "");

    /// <summary>How the printed dossier names fields and values.</summary>
    private sealed record DossierReader(IEventNarrator Narrator, Func<string, string, string?> ValueName)
    {
        public string Value(string field, JsonValue value) =>
            value.TryGetValue<string>(out var text) && ValueName(field, text) is { } name ? name : Readable(value);
    }

    /// <summary>An event's facts as a table of named fields (nested records as nested tables), with codes and ids by
    /// their names, yes/no, times in district time and lists joined, as a person reads them; empty fields are left out.</summary>
    private static string Fields(JsonNode? node, DossierReader reader, string field = "") => node switch
    {
        JsonObject record when record.Any(entry => !IsEmpty(entry.Value)) =>
            "<table class=\"fields\">" + string.Concat(record.Where(entry => !IsEmpty(entry.Value)).Select(entry =>
                $"<tr><th>{E(reader.Narrator.FieldName(entry.Key))}</th><td>{Fields(entry.Value, reader, entry.Key)}</td></tr>")) + "</table>",
        JsonArray list when list.All(item => item is JsonValue) => E(string.Join("、", list.Select(item => reader.Value(field, (JsonValue)item!)))),
        JsonArray list => string.Concat(list.Select(item => Fields(item, reader, field))),
        JsonValue value => E(reader.Value(field, value)),
        _ => "—",
    };

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray list => list.Count == 0,
        JsonValue value => value.TryGetValue<string>(out var text) && text.Length == 0,
        _ => false,
    };

    private static string Readable(JsonValue value)
    {
        if (value.TryGetValue<bool>(out var flag)) return flag ? "是" : "否";
        if (value.TryGetValue<string>(out var text))
        {
            return text.Length >= 19 && text[4] == '-' && text[10] == 'T'
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                ? Local(time)
                : text;
        }
        return value.ToJsonString();
    }

    private static string Local(DateTimeOffset time) => time.ToDistrict().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A page without scripts that prints as the record's dossier. Its stylesheet is the console's
    /// /dossier.css (a same-origin file, because the gateway's Content-Security-Policy refuses inline styles).</summary>
    private static string Printable(Dossier dossier, DossierReader reader)
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
            <p>对象：{{E(dossier.History.KindName)}} {{E(dossier.History.Id)}}（事件流 {{E(dossier.History.StreamId)}}，共 {{dossier.History.Version}} 个事件）<br>
            区：{{E(dossier.District)}}　导出时间：{{E(Local(dossier.ExportedAt))}}　导出人：{{E(dossier.ExportedBy)}}</p>
            <p class="verdict {{(dossier.Verification.Intact ? "intact" : "broken")}}" data-testid="verdict">{{E(verdict)}}（校验时间 {{E(Local(dossier.Verification.VerifiedAt))}}）</p>
            <table><thead><tr><th>#</th><th>事件</th><th>业务时间</th><th>记录时间</th><th>操作人</th><th>关联号</th><th>内容</th><th>哈希</th></tr></thead><tbody>
            """);
        foreach (var audited in dossier.History.Events)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{audited.Version}</td><td>{E(audited.Title)}<br><small>{E(audited.Type)}</small></td><td>{E(Local(audited.At))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(Local(audited.RecordedAt))}</td><td>{E(audited.ActorName ?? audited.Actor)}<br><small>{E(audited.Actor)}</small></td><td>{E(audited.CorrelationId)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Fields(audited.Data, reader)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><pre>{E(audited.Hash)}</pre></td></tr>\n");
        }
        html.Append("</tbody></table><p>说明：个人姓名与电话已脱敏。哈希链：每个事件的哈希覆盖其内容、元数据、时间与前一事件的哈希，任何改动都会使校验失败。</p></body></html>");
        return html.ToString();
    }
}
