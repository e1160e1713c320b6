using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Timers;
using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using Platform.Needs.Timers;
using Platform.Kernel.Time;

namespace Platform.Needs.ReadModels;

/// <summary>
/// Keeps, in the append's own transaction (a Marten inline projection), everything that must never lag behind a
/// decision: the need and case views, the running time limits the timers watch, and the notifications a decision
/// sends. The running limits are derived from the view after every change (not from single events), so an
/// aggregate's timers can never disagree with it.
/// </summary>
public sealed class NeedsViewProjection : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var (tenantId, streamId, streamEvents) in InlineViews.ByStream(events))
        {
            var isNeed = streamId.StartsWith("need-", StringComparison.Ordinal);
            if (!isNeed && !streamId.StartsWith("case-", StringComparison.Ordinal)) continue;

            var writes = new SqlWrites(operations);
            if (isNeed) await ApplyToNeedAsync(operations, writes, tenantId, streamId, streamEvents, cancellation);
            else await ApplyToCaseAsync(operations, writes, tenantId, streamId, streamEvents, cancellation);
        }
    }

    private static async Task ApplyToNeedAsync(
        IDocumentOperations operations, SqlWrites writes, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var needId = streamId["need-".Length..];
        var view = await InlineViews.LoadFollowingAsync<NeedView>(
            operations, $"{NeedsSchema.Name}.need_views", "need_id", tenantId, needId, streamId, events, Json, cancellationToken);
        foreach (var stored in events)
        {
            view = NeedView.Apply(view, stored.Data);
            if (Notifications.ForReporter(stored.Data, view) is { } notice)
            {
                writes.Add($"""
                    INSERT INTO {NeedsSchema.Name}.notifications (tenant_id, audience_kind, audience_id, case_id, need_id, kind, message, at)
                    VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)
                    """,
                    tenantId, notice.AudienceKind, notice.AudienceId, view.Id, notice.Kind, notice.Message, view.UpdatedAt);
            }
        }
        view = view with { Version = events[^1].Version };

        writes.Add($"""
            INSERT INTO {NeedsSchema.Name}.need_views
                (tenant_id, need_id, status, category, street_id, community_id, reporter_user_id, external_id, raised_at, is_open, overdue, search, view, version, funnel_stages)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15)
            ON CONFLICT (tenant_id, need_id) DO UPDATE SET
                status = excluded.status, category = excluded.category, is_open = excluded.is_open, overdue = excluded.overdue,
                search = excluded.search, view = excluded.view, version = excluded.version, funnel_stages = excluded.funnel_stages
            """,
            tenantId, view.Id, view.Status, view.Category, view.Place.StreetId, view.Place.CommunityId, view.ReporterUserId, view.ExternalId,
            view.RaisedAt, view.IsOpen, view.Overdue, $"{view.Title} {view.Description} {view.Place.Address}", new JsonValue(view), view.Version,
            view.FunnelStages.ToArray());
        DurableTimers.Sync(operations, NeedsSchema.Name, tenantId, streamId, [.. view.RunningDeadlines().Select(NeedsDeadlineHandler.AsTimer)]);
    }

    private static async Task ApplyToCaseAsync(
        IDocumentOperations operations, SqlWrites writes, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var caseId = streamId["case-".Length..];
        var view = await InlineViews.LoadFollowingAsync<CaseView>(
            operations, $"{NeedsSchema.Name}.case_views", "case_id", tenantId, caseId, streamId, events, Json, cancellationToken);
        foreach (var stored in events)
        {
            var before = view;
            view = CaseView.Apply(view, stored.Data);
            foreach (var notification in Notifications.For(stored.Data, before, view))
            {
                writes.Add($"""
                    INSERT INTO {NeedsSchema.Name}.notifications (tenant_id, audience_kind, audience_id, case_id, need_id, kind, message, at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """,
                    tenantId, notification.AudienceKind, notification.AudienceId, view.Id, view.NeedId, notification.Kind, notification.Message, view.UpdatedAt);
            }
        }
        view = view with { Version = events[^1].Version };

        writes.Add($"""
            INSERT INTO {NeedsSchema.Name}.case_views
                (tenant_id, case_id, need_id, status, level, street_id, community_id, department_ids, blown_at, next_deadline_at, is_open, overdue, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)
            ON CONFLICT (tenant_id, case_id) DO UPDATE SET
                status = excluded.status, level = excluded.level, department_ids = excluded.department_ids,
                next_deadline_at = excluded.next_deadline_at, is_open = excluded.is_open, overdue = excluded.overdue,
                view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.NeedId, view.Status, view.Level, view.Place.StreetId, view.Place.CommunityId, view.DepartmentIds.ToArray(),
            view.BlownAt, view.NextDeadline?.DueAt, view.IsOpen, view.Overdue, new JsonValue(view), view.Version);
        DurableTimers.Sync(operations, NeedsSchema.Name, tenantId, streamId, [.. view.RunningDeadlines().Select(NeedsDeadlineHandler.AsTimer)]);
    }

    internal sealed record JsonValue(object Value);

    /// <summary>Statements queued in the session's unit of work, so they run in its transaction, after its appends.</summary>
    private sealed class SqlWrites(IDocumentOperations operations)
    {
        public void Add(string sql, params object?[] values) =>
            operations.QueueSql(sql, [.. values.Select(value => value is JsonValue json ? JsonSerializer.Serialize(json.Value, json.Value.GetType(), Json) : value)]);
    }
}

/// <summary>Who hears of a case's change: the departments it is dispatched to, and the level that supervises it.</summary>
internal static class Notifications
{
    public sealed record Notice(string AudienceKind, string AudienceId, string Kind, string Message);

    private static Notice Supervisor(CaseView view, string kind, string message) => view.Level == WhistleLevels.District
        ? new Notice("district", "*", kind, message)
        : new Notice("street", view.Place.StreetId, kind, message);

    /// <summary>What the resident who raised a need (with an account) is told of it: that a project took it on (or,
    /// dropped, gave it back), and that it is resolved and their feedback is asked.</summary>
    public static Notice? ForReporter(object @event, NeedView view) => (@event, view.ReporterUserId) switch
    {
        (NeedMatchedToProject matched, { } reporter) =>
            new Notice("user", reporter, "in-project", $"您反映的「{view.Title}」已列入项目「{matched.ProjectName}」，由项目跟进办理。"),
        (NeedReturnedFromProject returned, { } reporter) =>
            new Notice("user", reporter, "returned", $"您反映的「{view.Title}」所在的项目「{returned.ProjectName}」经联席会议撤销（{returned.Reason}），改由社区继续办理。"),
        (NeedResolved resolved, { } reporter) =>
            new Notice("user", reporter, "resolved", $"您反映的「{view.Title}」已办结：{resolved.Resolution} 请告诉我们问题是否解决、是否满意。"),
        _ => null,
    };

    public static IEnumerable<Notice> For(object @event, CaseView before, CaseView after)
    {
        var title = $"「{after.Title}」";
        switch (@event)
        {
            case WhistleBlown:
                yield return Supervisor(after, "whistle", $"{title}吹哨，待派单。");
                break;
            case CaseDispatched dispatched:
                foreach (var departmentId in after.DepartmentIds)
                    yield return new Notice("department", departmentId, "dispatched", $"{title}已派至本部门，请于 {dispatched.SignBy.ToDistrict():MM-dd HH:mm} 前签收。");
                break;
            case CaseTransferred transferred:
                yield return new Notice("department", transferred.ToDepartmentId, "dispatched", $"{title}转办至本部门，请于 {transferred.SignBy.ToDistrict():MM-dd HH:mm} 前签收。");
                break;
            case TransferRequested:
                yield return Supervisor(after, "transfer", $"{title}有部门申请转办，待决定。");
                break;
            case CaseReported:
                yield return new Notice("community", after.Place.CommunityId, "reported", $"{title}部门已反馈办理结果，请现场核实。");
                break;
            case CaseOverdue overdue:
                var what = overdue.Deadline == WhistleCaseDecider.SignDeadline ? "签收" : "办理";
                foreach (var departmentId in overdue.DepartmentIds)
                    yield return new Notice("department", departmentId, "overdue", $"{title}{what}已超时。");
                yield return Supervisor(before, "overdue", $"{title}{what}超时。");
                yield return new Notice("community", after.Place.CommunityId, "overdue", $"{title}{what}超时。");
                break;
            case CaseEscalated escalated:
                yield return Supervisor(after, "escalated", $"{title}{(escalated.Automatic ? "超时自动" : "")}升级至{WhistleCaseDecider.LevelName(escalated.ToLevel)}督办。");
                break;
            case CaseReopened:
                if (after.LeadDepartmentId is { } lead) yield return new Notice("department", lead, "reopened", $"{title}诉求人不满意，退回重办。");
                break;
        }
    }
}
