using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Timers;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;
using Platform.Volunteers.Wishes;

namespace Platform.Volunteers.ReadModels;

/// <summary>Keeps the views and the ledgers' lines in the append's own transaction (a Marten inline projection), so a
/// roster or a balance never lags behind the decision the caller just made.</summary>
/// <param name="rules">For the grace period after which a missing check-out closes itself (its timer is kept here).</param>
/// <param name="care">For when a household's next visit falls due (its timer is kept here).</param>
public sealed class VolunteersViewProjection(ServiceRules rules, Households.CareRules care) : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string VolunteerStream = "volunteer-";
    private const string TeamStream = "team-";
    private const string ActivityStream = "activity-";
    private const string WishStream = "wish-";
    private const string GiftStream = "gift-";
    private const string HouseholdStream = "household-";
    private const string UnitReportStream = "unit-report-";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var (tenantId, streamId, streamEvents) in InlineViews.ByStream(events))
        {
            if (streamId.StartsWith(VolunteerStream, StringComparison.Ordinal)) await ApplyToVolunteerAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(TeamStream, StringComparison.Ordinal)) await ApplyToTeamAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(ActivityStream, StringComparison.Ordinal)) await ApplyToActivityAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(WishStream, StringComparison.Ordinal)) await ApplyToWishAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(GiftStream, StringComparison.Ordinal)) await ApplyToGiftAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(UnitReportStream, StringComparison.Ordinal)) await ApplyToUnitReportAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(HouseholdStream, StringComparison.Ordinal)) await ApplyToHouseholdAsync(operations, tenantId, streamId, streamEvents, cancellation);
        }
    }

    private static async Task ApplyToVolunteerAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<VolunteerView>(
            operations, $"{VolunteersSchema.Name}.volunteer_views", "volunteer_id", tenantId, streamId[VolunteerStream.Length..], streamId, events, Json,
            cancellationToken);
        view = events.Aggregate(view, (current, stored) => VolunteerView.Apply(current, (VolunteerEvent)stored.Data)) with { Version = events[^1].Version };
        foreach (var @event in events.Select(stored => (VolunteerEvent)stored.Data))
            foreach (var (entry, sourceId, title) in @event.Posted())
                PostLedgerLines(operations, tenantId, entry, sourceId, title, view.StreetId, view.CommunityId, DistrictTime.DateOf(@event.At()), @event.At());
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.volunteer_views
                (tenant_id, volunteer_id, kind, status, street_id, community_id, user_id, employer_unit_id, name, registered_at, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
            ON CONFLICT (tenant_id, volunteer_id) DO UPDATE SET
                status = excluded.status, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.Kind, view.Status, view.StreetId, view.CommunityId, view.UserId, view.Employer?.UnitId, view.Person.Name, view.RegisteredAt,
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
    private async Task ApplyToActivityAsync(
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
                PostLedgerLines(operations, tenantId, entry, view.Id, view.Title, view.StreetId, view.CommunityId, DistrictTime.DateOf(view.StartsAt), @event.At());
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
        var missingCheckOut = view.Status == ActivityView.Scheduled && view.Roster.Any(line => line.CheckedInAt is not null && line.CheckedOutAt is null);
        DurableTimers.Sync(operations, VolunteersSchema.Name, tenantId, streamId,
            missingCheckOut ? [new RunningTimer($"close:{view.Id}", VolunteersTimers.CheckOutCloseKind, view.EndsAt + rules.CheckOutGrace)] : []);
    }

    /// <summary>The wish's view, its lapse timer (derived from its state after the append), and the ledger lines of its credits.</summary>
    private static async Task ApplyToWishAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<WishView>(
            operations, $"{VolunteersSchema.Name}.wish_views", "need_id", tenantId, streamId[WishStream.Length..], streamId, events, Json, cancellationToken);
        foreach (var stored in events)
        {
            var @event = (WishEvent)stored.Data;
            view = WishView.Apply(view, @event) with { Version = stored.Version };
            foreach (var entry in @event.Posted())
                PostLedgerLines(operations, tenantId, entry, view.Id, $"微心愿：{view.Title}", view.StreetId, view.CommunityId, DistrictTime.DateOf(@event.At()), @event.At());
        }
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.wish_views (tenant_id, need_id, street_id, community_id, status, claimer_id, posted_at, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
            ON CONFLICT (tenant_id, need_id) DO UPDATE SET
                status = excluded.status, claimer_id = excluded.claimer_id, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.StreetId, view.CommunityId, view.Status, view.Claimer?.Id, view.PostedAt, JsonSerializer.Serialize(view, Json), view.Version);
        DurableTimers.Sync(operations, VolunteersSchema.Name, tenantId, streamId, WishDecider.RunningTimers(view.Id, view.Status, view.Deadline));
    }

    private static async Task ApplyToUnitReportAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<UnitReportView>(
            operations, $"{VolunteersSchema.Name}.unit_report_views", "unit_id", tenantId, streamId[UnitReportStream.Length..], streamId, events, Json, cancellationToken);
        view = events.Aggregate(view, (current, stored) => UnitReportView.Apply(current, (UnitReportEvent)stored.Data)) with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.unit_report_views (tenant_id, unit_id, street_id, community_id, status, view, version)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
            ON CONFLICT (tenant_id, unit_id) DO UPDATE SET status = excluded.status, view = excluded.view, version = excluded.version
            """,
            tenantId, view.UnitId, view.StreetId, view.CommunityId, view.Status, JsonSerializer.Serialize(view, Json), view.Version);
    }

    private static async Task ApplyToGiftAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<GiftView>(
            operations, $"{VolunteersSchema.Name}.gift_views", "gift_id", tenantId, streamId[GiftStream.Length..], streamId, events, Json, cancellationToken);
        view = events.Aggregate(view, (current, stored) => GiftView.Apply(current, (Redemption.GiftEvent)stored.Data)) with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.gift_views (tenant_id, gift_id, street_id, community_id, name, stock, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
            ON CONFLICT (tenant_id, gift_id) DO UPDATE SET stock = excluded.stock, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.StreetId, view.CommunityId, view.Name, view.Stock, JsonSerializer.Serialize(view, Json), view.Version);
    }

    /// <summary>The file's view, with the day its next visit is due, and the timer that notices it overdue the day after.</summary>
    private async Task ApplyToHouseholdAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var view = await InlineViews.LoadFollowingAsync<HouseholdView>(
            operations, $"{VolunteersSchema.Name}.household_views", "household_id", tenantId, streamId[HouseholdStream.Length..], streamId, events, Json,
            cancellationToken);
        view = events.Aggregate(view, (current, stored) => HouseholdView.Apply(current, (Households.HouseholdEvent)stored.Data)) with { Version = events[^1].Version };
        var due = care.NextVisitDue(view.Colour, view.CareSince, view.LastVisitOn);
        operations.QueueSql($"""
            INSERT INTO {VolunteersSchema.Name}.household_views
                (tenant_id, household_id, street_id, community_id, grid_id, colour, member_id, next_visit_due, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
            ON CONFLICT (tenant_id, household_id) DO UPDATE SET
                colour = excluded.colour, member_id = excluded.member_id, next_visit_due = excluded.next_visit_due, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.StreetId, view.CommunityId, view.GridId, view.Colour, view.Member.VolunteerId, due, JsonSerializer.Serialize(view, Json),
            view.Version);
        DurableTimers.Sync(operations, VolunteersSchema.Name, tenantId, streamId, view.OverdueNoticedFor == due
            ? []
            : [new RunningTimer($"visit:{view.Id}", VolunteersTimers.VisitOverdueKind, DistrictTime.StartOf(due.AddDays(1)))]);
    }

    /// <summary>Each line of a double entry, written once however often the projection replays it.</summary>
    private static void PostLedgerLines(
        IDocumentOperations operations, string tenantId, LedgerEntry entry, string sourceId, string sourceTitle, string streetId, string communityId,
        DateOnly occurredOn, DateTimeOffset postedAt)
    {
        for (var lineNo = 0; lineNo < entry.Lines.Count; lineNo++)
        {
            operations.QueueSql($"""
                INSERT INTO {VolunteersSchema.Name}.ledger_lines
                    (tenant_id, entry_id, line_no, source_id, source_title, kind, account, street_id, community_id, amount, occurred_on, posted_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT DO NOTHING
                """,
                tenantId, entry.EntryId, lineNo, sourceId, sourceTitle, entry.Kind, entry.Lines[lineNo].Account, streetId, communityId, entry.Lines[lineNo].Amount,
                occurredOn, postedAt);
        }
    }
}
