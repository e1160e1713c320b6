using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Platform.Messaging.Figures;
using Platform.Projects.Meetings;

namespace Platform.Projects.ReadModels;

/// <summary>
/// The figures the district view reads of the 项目清单, 责任清单 and 反馈清单, recounted for every place an event
/// touched (behind Marten's daemon, exactly once with its progress) from the views the lists read: the projects decided
/// in a month and the meetings held in it, and what stands now (projects running, done, claimed by a unit and overdue; tasks done, on
/// time and late). A street's own projects and meetings count under the street, the district's under the district.
/// </summary>
public sealed class ProjectsFigures : SubscriptionBase
{
    public const string SubscriptionName = "projects-figures";

    private const string ProjectStream = "project-";

    private readonly TimeProvider clock;

    /// <param name="clock">"Now" for what is overdue: the tests' clock where they move time.</param>
    public ProjectsFigures(TimeProvider clock)
    {
        this.clock = clock;
        Name = SubscriptionName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var projects = new HashSet<(string Tenant, string ProjectId)>();
        var meetings = new HashSet<(string Tenant, string MeetingId)>();
        foreach (var stored in page.Events)
        {
            if (stored.StreamKey is { } key && key.StartsWith(ProjectStream, StringComparison.Ordinal)) projects.Add((stored.TenantId, key[ProjectStream.Length..]));
            else if (MeetingOf(stored.Data) is { } meetingId) meetings.Add((stored.TenantId, meetingId));
        }
        if (projects.Count == 0 && meetings.Count == 0) return NullChangeListener.Instance;

        var touched = new List<string[]>();
        if (projects.Count > 0)
        {
            touched.AddRange((await operations.AdvancedSql.QueryAsync<string>($"""
                SELECT DISTINCT json_build_array(v.tenant_id, v.street_id, coalesce(v.community_id, v.street_id),
                       to_char(v.decided_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'))::text
                  FROM {ProjectsSchema.Name}.project_views AS v
                  JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, project_id) USING (tenant_id, project_id)
                """, cancellationToken, projects.Select(p => p.Tenant).ToArray(), projects.Select(p => p.ProjectId).ToArray())).Select(Place));
        }
        if (meetings.Count > 0)
        {
            touched.AddRange((await operations.AdvancedSql.QueryAsync<string>($"""
                SELECT DISTINCT json_build_array(v.tenant_id, coalesce(v.street_id, ''), coalesce(v.community_id, v.street_id, v.tenant_id),
                       to_char(v.held_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'))::text
                  FROM {ProjectsSchema.Name}.meeting_views AS v
                  JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, meeting_id) USING (tenant_id, meeting_id)
                """, cancellationToken, meetings.Select(m => m.Tenant).ToArray(), meetings.Select(m => m.MeetingId).ToArray())).Select(Place));
        }

        var today = Kernel.Time.DistrictTime.DateOf(clock.GetUtcNow());
        foreach (var place in touched.DistinctBy(place => (place[0], place[2], place[3])))
        {
            if (!Kernel.Time.DistrictTime.TryParseMonth(place[3], out var start, out var end)) continue;
            PlaceFigures.Recount(operations, place[0], place[1], place[2], place[3], MonthCount, start, end);
        }
        foreach (var place in touched.DistinctBy(place => (place[0], place[2])))
            PlaceFigures.Recount(operations, place[0], place[1], place[2], PlaceFigures.CurrentPeriod, CurrentCount, today);
        return NullChangeListener.Instance;
    }

    private static string? MeetingOf(object data) => data switch
    {
        MeetingScheduled scheduled => scheduled.MeetingId,
        MeetingOpened opened => opened.MeetingId,
        DecisionRecorded recorded => recorded.MeetingId,
        DecisionReviewed reviewed => reviewed.MeetingId,
        MinutesClosed closed => closed.MeetingId,
        _ => null,
    };

    private static string[] Place(string json) => System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>A place's own rows: a community's, or a street's or the district's own (no community, or no street).</summary>
    private const string OwnRows = """
        tenant_id = $1 AND coalesce(community_id, street_id, tenant_id) = $2
        """;

    private static readonly string MonthCount = $"""
        SELECT jsonb_build_object(
            'projects.decided', (SELECT count(*) FROM {ProjectsSchema.Name}.project_views
                                  WHERE tenant_id = $1 AND coalesce(community_id, street_id) = $2 AND decided_at >= $4 AND decided_at < $5),
            'meetings.planned', count(*),
            'meetings.held', count(*) FILTER (WHERE status <> '{MeetingView.Scheduled}'),
            'meetings.decisions', coalesce(sum(decisions), 0),
            'meetings.reviews', coalesce(sum(reviews), 0))
          FROM {ProjectsSchema.Name}.meeting_views WHERE {OwnRows} AND held_at >= $4 AND held_at < $5
        """;

    private static readonly string CurrentCount = $"""
        SELECT jsonb_build_object(
            'projects.active', count(*) FILTER (WHERE status = '{ProjectView.Active}'),
            'projects.completed', count(*) FILTER (WHERE status = '{ProjectView.Completed}'),
            'projects.claimed', (SELECT count(DISTINCT project_id) FROM {ProjectsSchema.Name}.project_claims
                                  WHERE tenant_id = $1 AND coalesce(community_id, street_id) = $2 AND status = '{ClaimView.Confirmed}'),
            'projects.overdue', count(*) FILTER (WHERE status = '{ProjectView.Active}' AND next_deadline < $4),
            'tasks.done', (SELECT count(*) FROM {ProjectsSchema.Name}.project_tasks WHERE tenant_id = $1 AND coalesce(community_id, street_id) = $2 AND done_on IS NOT NULL),
            'tasks.on_time', (SELECT count(*) FROM {ProjectsSchema.Name}.project_tasks WHERE tenant_id = $1 AND coalesce(community_id, street_id) = $2 AND done_on IS NULL AND deadline >= $4),
            'tasks.late', (SELECT count(*) FROM {ProjectsSchema.Name}.project_tasks WHERE tenant_id = $1 AND coalesce(community_id, street_id) = $2 AND done_on IS NULL AND deadline < $4))
          FROM {ProjectsSchema.Name}.project_views WHERE tenant_id = $1 AND coalesce(community_id, street_id) = $2
        """;
}
