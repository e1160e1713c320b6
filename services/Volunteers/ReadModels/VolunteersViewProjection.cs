using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;

namespace Platform.Volunteers.ReadModels;

/// <summary>Keeps the views and the ledgers' lines in the append's own transaction (a Marten inline projection), so a
/// roster or a balance never lags behind the decision the caller just made.</summary>
public sealed class VolunteersViewProjection : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string VolunteerStream = "volunteer-";
    private const string TeamStream = "team-";
    private const string ActivityStream = "activity-";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var (tenantId, streamId, streamEvents) in InlineViews.ByStream(events))
        {
            if (streamId.StartsWith(VolunteerStream, StringComparison.Ordinal)) await ApplyToVolunteerAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(TeamStream, StringComparison.Ordinal)) await ApplyToTeamAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(ActivityStream, StringComparison.Ordinal)) await ApplyToActivityAsync(operations, tenantId, streamId, streamEvents, cancellation);
        }
    }

    private static async Task ApplyToVolunteerAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<VolunteerView>(
            operations, $"{VolunteersSchema.Name}.volunteer_views", "volunteer_id", tenantId, streamId[VolunteerStream.Length..], streamId, events, Json,
            cancellationToken);
        view = events.Aggregate(view, (current, stored) => VolunteerView.Apply(current, (VolunteerEvent)stored.Data)) with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.volunteer_views
                (tenant_id, volunteer_id, kind, status, street_id, community_id, user_id, name, registered_at, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
            ON CONFLICT (tenant_id, volunteer_id) DO UPDATE SET
                status = excluded.status, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.Kind, view.Status, view.StreetId, view.CommunityId, view.UserId, view.Person.Name, view.RegisteredAt,
            JsonSerializer.Serialize(view, Json), view.Version);
    }

    private static async Task ApplyToTeamAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<TeamView>(
            operations, $"{VolunteersSchema.Name}.team_views", "team_id", tenantId, streamId[TeamStream.Length..], streamId, events, Json, cancellationToken);
        view = events.Aggregate(view, (current, stored) => TeamView.Apply(current, (TeamEvent)stored.Data)) with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.team_views (tenant_id, team_id, street_id, community_id, name, member_ids, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
            ON CONFLICT (tenant_id, team_id) DO UPDATE SET member_ids = excluded.member_ids, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.StreetId, view.CommunityId, view.Name, view.Members.Select(member => member.VolunteerId).ToArray(),
            JsonSerializer.Serialize(view, Json), view.Version);
    }

    /// <summary>The activity's view, and the ledger lines of every entry the append posted (each written once).</summary>
    private static async Task ApplyToActivityAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<ActivityView>(
            operations, $"{VolunteersSchema.Name}.activity_views", "activity_id", tenantId, streamId[ActivityStream.Length..], streamId, events, Json,
            cancellationToken);
        foreach (var stored in events)
        {
            var @event = (ActivityEvent)stored.Data;
            view = ActivityView.Apply(view, @event) with { Version = stored.Version };
            foreach (var entry in @event.Posted())
            {
                for (var lineNo = 0; lineNo < entry.Lines.Count; lineNo++)
                {
                    operations.QueueSql($"""
                        INSERT INTO {VolunteersSchema.Name}.ledger_lines
                            (tenant_id, entry_id, line_no, activity_id, kind, account, street_id, community_id, amount, occurred_on, posted_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT DO NOTHING
                        """,
                        tenantId, entry.EntryId, lineNo, view.Id, entry.Kind, entry.Lines[lineNo].Account, view.StreetId, view.CommunityId,
                        entry.Lines[lineNo].Amount, DistrictTime.DateOf(view.StartsAt), @event.At());
                }
            }
        }
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.activity_views
                (tenant_id, activity_id, street_id, community_id, team_id, starts_at, status, volunteer_ids, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
            ON CONFLICT (tenant_id, activity_id) DO UPDATE SET
                status = excluded.status, volunteer_ids = excluded.volunteer_ids, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.StreetId, view.CommunityId, view.TeamId, view.StartsAt, view.Status,
            view.Roster.Select(line => line.VolunteerId).ToArray(), JsonSerializer.Serialize(view, Json), view.Version);
    }
}
