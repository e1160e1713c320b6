using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Timers;
using Platform.Projects.ProjectList;

namespace Platform.Projects.ReadModels;

/// <summary>Keeps the views in the append's own transaction (a Marten inline projection), so a list never lags behind
/// the decision the caller just made.</summary>
public sealed class ProjectsViewProjection : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string ProjectStream = "project-";
    private const string ProjectViews = $"{ProjectsSchema.Name}.project_views";
    private const string CouncilStream = "council-";
    private const string CouncilViews = $"{ProjectsSchema.Name}.council_views";
    private const string MeetingViews = $"{ProjectsSchema.Name}.meeting_views";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var (tenantId, streamId, streamEvents) in InlineViews.ByStream(events))
        {
            if (streamId.StartsWith(ProjectStream, StringComparison.Ordinal)) await ApplyToProjectAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(CouncilStream, StringComparison.Ordinal)) await ApplyToCouncilAsync(operations, tenantId, streamId, streamEvents, cancellation);
        }
    }

    private static async Task ApplyToProjectAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var projectId = streamId[ProjectStream.Length..];
        var view = await InlineViews.LoadFollowingAsync<ProjectView>(operations, ProjectViews, "project_id", tenantId, projectId, streamId, events, Json, cancellationToken);
        view = events.Aggregate(view, (current, stored) => ProjectView.Apply(current, (ProjectEvent)stored.Data)) with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {ProjectViews}
                (tenant_id, project_id, name, status, street_id, community_id, unit_ids, need_ids, due_on, next_deadline, decided_at, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
            ON CONFLICT (tenant_id, project_id) DO UPDATE SET
                status = excluded.status, unit_ids = excluded.unit_ids, need_ids = excluded.need_ids, next_deadline = excluded.next_deadline,
                view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.Name, view.Status, view.StreetId, view.CommunityId,
            view.UnitIds.ToArray(), view.Needs.Select(need => need.NeedId).ToArray(), view.DueOn,
            view.NextDeadline, view.DecidedAt, JsonSerializer.Serialize(view, Json), view.Version);
        // A dropped project's tasks are no one's responsibility any more: they leave the 责任清单's counts.
        if (view.Status == ProjectView.Dropped)
            operations.QueueSql($"DELETE FROM {ProjectsSchema.Name}.project_tasks WHERE tenant_id = $1 AND project_id = $2", tenantId, view.Id);
        foreach (var task in view.Status == ProjectView.Dropped ? [] : view.Tasks)
        {
            operations.QueueSql($"""
                INSERT INTO {ProjectsSchema.Name}.project_tasks (tenant_id, project_id, task_id, street_id, community_id, unit_id, deadline, done_on)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (tenant_id, project_id, task_id) DO UPDATE SET deadline = excluded.deadline, done_on = excluded.done_on
                """, tenantId, view.Id, task.TaskId, view.StreetId, view.CommunityId, task.Owner.UnitId, task.Deadline, task.DoneOn);
        }
        foreach (var claim in view.Claims)
        {
            operations.QueueSql($"""
                INSERT INTO {ProjectsSchema.Name}.project_claims
                    (tenant_id, project_id, claim_id, project_name, project_status, street_id, community_id, unit_id, status, agreement_id, commitment, amount,
                     claimed_at, view)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
                ON CONFLICT (tenant_id, project_id, claim_id) DO UPDATE SET
                    project_status = excluded.project_status, status = excluded.status, view = excluded.view
                """, tenantId, view.Id, claim.ClaimId, view.Name, view.Status, view.StreetId, view.CommunityId, claim.UnitId, claim.Status,
                claim.Pledge?.AgreementId, claim.Pledge?.Commitment, claim.Pledge?.Amount, claim.ClaimedAt,
                JsonSerializer.Serialize(new ClaimRow(view.Id, view.Name, view.StreetId, view.CommunityId, claim), Json));
        }
        foreach (var notice in view.Notices)
        {
            operations.QueueSql($"""
                INSERT INTO {ProjectsSchema.Name}.project_notices
                    (tenant_id, project_id, task_id, stage, street_id, community_id, unit_id, noticed_at, view)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
                ON CONFLICT (tenant_id, project_id, task_id, stage) DO NOTHING
                """, tenantId, view.Id, notice.TaskId, notice.Stage, view.StreetId, view.CommunityId, notice.NoticeToUnitId, notice.NoticedAt,
                JsonSerializer.Serialize(notice, Json));
        }
        DurableTimers.Sync(operations, ProjectsSchema.Name, tenantId, streamId, [.. view.PendingNotices.Select(ProjectList.ProjectsTimers.AsTimer)]);
    }

    /// <summary>The council's view, a row for each meeting the append changed, and the reminders of every meeting
    /// whose minutes are still open, derived from the view after the append so that they can never disagree with it.</summary>
    private static async Task ApplyToCouncilAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var partyId = streamId[CouncilStream.Length..];
        var view = await InlineViews.LoadFollowingAsync<CouncilView>(operations, CouncilViews, "party_id", tenantId, partyId, streamId, events, Json, cancellationToken);
        var changed = new Dictionary<string, MeetingView>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            (view, var meeting) = CouncilView.Apply(view, (Meetings.CouncilEvent)stored.Data);
            if (meeting is not null) changed[meeting.Id] = meeting with { Version = stored.Version };
        }
        view = view with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {CouncilViews} (tenant_id, party_id, view, version) VALUES ($1, $2, $3::jsonb, $4)
            ON CONFLICT (tenant_id, party_id) DO UPDATE SET view = excluded.view, version = excluded.version
            """, tenantId, partyId, JsonSerializer.Serialize(view, Json), view.Version);
        foreach (var meeting in changed.Values)
        {
            operations.QueueSql($"""
                INSERT INTO {MeetingViews}
                    (tenant_id, meeting_id, party_id, level, street_id, community_id, number, held_at, status, decisions, reviews, view, version)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
                ON CONFLICT (tenant_id, meeting_id) DO UPDATE SET
                    status = excluded.status, decisions = excluded.decisions, reviews = excluded.reviews, view = excluded.view, version = excluded.version
                """,
                tenantId, meeting.Id, meeting.PartyId, meeting.Level, meeting.StreetId, meeting.CommunityId, meeting.Number, meeting.HeldAt, meeting.Status,
                meeting.Decisions.Count, meeting.Reviews.Count, JsonSerializer.Serialize(meeting, Json), meeting.Version);
        }
        DurableTimers.Sync(operations, ProjectsSchema.Name, tenantId, streamId, [.. view.Meetings
            .SelectMany(meeting => Meetings.Council.RemindersOf(meeting.Id, meeting.Status == MeetingView.Open, meeting.OpenedAt, meeting.Reminded.ToList()))
            .Select(Meetings.MinutesReminders.AsTimer)]);
    }
}
