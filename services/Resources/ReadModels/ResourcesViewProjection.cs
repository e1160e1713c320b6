using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Timers;
using Platform.Resources.Agreements;
using Platform.Resources.Contributions;
using Platform.Resources.Offers;
using Platform.Resources.Units;

namespace Platform.Resources.ReadModels;

/// <summary>Keeps the views in the append's own transaction (a Marten inline projection), so a list never lags behind
/// the decision the caller just made.</summary>
public sealed class ResourcesViewProjection : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var (tenantId, streamId, streamEvents) in InlineViews.ByStream(events))
        {
            if (streamId.StartsWith(UnitStream, StringComparison.Ordinal)) await ApplyToUnitAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(AgreementStream, StringComparison.Ordinal))
                await ApplyToAgreementAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(OfferStream, StringComparison.Ordinal)) await ApplyToOfferAsync(operations, tenantId, streamId, streamEvents, cancellation);
            else if (streamId.StartsWith(ContributionStream, StringComparison.Ordinal))
                await ApplyToContributionAsync(operations, tenantId, streamId, streamEvents, cancellation);
        }
    }

    private const string UnitStream = "unit-";
    private const string AgreementStream = "agreement-";
    private const string OfferStream = "offer-";
    private const string ContributionStream = "contribution-";
    private const string OfferViews = $"{ResourcesSchema.Name}.offer_views";
    private const string BookingViews = $"{ResourcesSchema.Name}.booking_views";

    private static async Task ApplyToUnitAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var unitId = streamId[UnitStream.Length..];
        var view = await InlineViews.LoadFollowingAsync<UnitView>(
            operations, $"{ResourcesSchema.Name}.unit_views", "unit_id", tenantId, unitId, streamId, events, Json, cancellationToken);
        view = events.Aggregate(view, (current, stored) => UnitView.Apply(current, (UnitEvent)stored.Data)) with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {ResourcesSchema.Name}.unit_views
                (tenant_id, unit_id, name, kind, status, street_ids, community_ids, joined_at, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
            ON CONFLICT (tenant_id, unit_id) DO UPDATE SET
                name = excluded.name, kind = excluded.kind, status = excluded.status, street_ids = excluded.street_ids,
                community_ids = excluded.community_ids, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.Name, view.Kind, view.Status, view.Communities.Select(community => community.StreetId).Distinct().ToArray(),
            view.Communities.Select(community => community.CommunityId).ToArray(), view.JoinedAt, JsonSerializer.Serialize(view, Json), view.Version);
    }

    /// <summary>The view, and the agreement's running timers (its expiry and the warning before it), derived from the
    /// agreement's state after the append, so they can never disagree with it.</summary>
    private static async Task ApplyToAgreementAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var agreementId = streamId[AgreementStream.Length..];
        var view = await InlineViews.LoadFollowingAsync<AgreementView>(
            operations, $"{ResourcesSchema.Name}.agreement_views", "agreement_id", tenantId, agreementId, streamId, events, Json, cancellationToken);
        view = events.Aggregate(view, (current, stored) => AgreementView.Apply(current, (AgreementEvent)stored.Data)) with { Version = events[^1].Version };
        operations.QueueSql($"""
            INSERT INTO {ResourcesSchema.Name}.agreement_views
                (tenant_id, agreement_id, unit_id, party_id, street_id, community_id, status, ends_on, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
            ON CONFLICT (tenant_id, agreement_id) DO UPDATE SET
                status = excluded.status, ends_on = excluded.ends_on, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.UnitId, view.PartyId, view.StreetId, view.CommunityId, view.Status, view.EndsOn, JsonSerializer.Serialize(view, Json),
            view.Version);
        var state = AgreementState(view);
        DurableTimers.Sync(operations, ResourcesSchema.Name, tenantId, streamId, [.. Agreement.RunningDeadlines(state).Select(Timers.AgreementDeadlines.AsTimer)]);
    }

    /// <summary>The offer's view, and a view of each booking the append made or released.</summary>
    private static async Task ApplyToOfferAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var offerId = streamId[OfferStream.Length..];
        var view = await InlineViews.LoadFollowingAsync<OfferView>(operations, OfferViews, "offer_id", tenantId, offerId, streamId, events, Json, cancellationToken);
        var bookings = new Dictionary<string, BookingView>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            var @event = (OfferEvent)stored.Data;
            view = OfferView.Apply(view, @event) with { Version = stored.Version };
            switch (@event)
            {
                case OfferBooked booked:
                    bookings[booked.BookingId] = BookingView.Booked(view, booked) with { Version = stored.Version };
                    break;
                case BookingReleased released:
                    var booking = bookings.GetValueOrDefault(released.BookingId)
                        ?? await InlineViews.LoadAsync<BookingView>(operations, BookingViews, "booking_id", tenantId, released.BookingId, Json, cancellationToken);
                    bookings[released.BookingId] = booking.Release(released) with { Version = stored.Version };
                    break;
            }
        }
        operations.QueueSql($"""
            INSERT INTO {OfferViews}
                (tenant_id, offer_id, unit_id, kind, category, status, title, street_ids, community_ids, available_until, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
            ON CONFLICT (tenant_id, offer_id) DO UPDATE SET
                status = excluded.status, available_until = excluded.available_until, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.UnitId, view.Kind, view.Category, view.Status, view.Title,
            view.Reach.Select(community => community.StreetId).Distinct().ToArray(), view.Reach.Select(community => community.CommunityId).ToArray(),
            view.Availability.Until, JsonSerializer.Serialize(view, Json), view.Version);
        foreach (var booking in bookings.Values)
        {
            operations.QueueSql($"""
                INSERT INTO {BookingViews}
                    (tenant_id, booking_id, offer_id, unit_id, street_id, community_id, project_id, booked_on, status, view, version)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
                ON CONFLICT (tenant_id, booking_id) DO UPDATE SET status = excluded.status, view = excluded.view, version = excluded.version
                """,
                tenantId, booking.Id, booking.OfferId, booking.UnitId, booking.StreetId, booking.CommunityId, booking.ProjectId, booking.Date,
                booking.Status, JsonSerializer.Serialize(booking, Json), booking.Version);
        }
    }

    /// <summary>The contribution's view, and the ledger lines of every entry the append posted (each written once).</summary>
    private static async Task ApplyToContributionAsync(
        IDocumentOperations operations, string tenantId, string streamId, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var contributionId = streamId[ContributionStream.Length..];
        var view = await InlineViews.LoadFollowingAsync<ContributionView>(
            operations, $"{ResourcesSchema.Name}.contribution_views", "contribution_id", tenantId, contributionId, streamId, events, Json, cancellationToken);
        foreach (var stored in events)
        {
            var @event = (ContributionEvent)stored.Data;
            view = ContributionView.Apply(view, @event) with { Version = stored.Version };
            foreach (var entry in @event.Posted())
            {
                for (var lineNo = 0; lineNo < entry.Lines.Count; lineNo++)
                {
                    operations.QueueSql($"""
                        INSERT INTO {ResourcesSchema.Name}.ledger_lines
                            (tenant_id, entry_id, line_no, contribution_id, kind, account, unit_id, street_id, community_id, agreement_id, commitment,
                             amount, occurred_on, posted_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        ON CONFLICT DO NOTHING
                        """,
                        tenantId, entry.EntryId, lineNo, view.Id, entry.Kind, entry.Lines[lineNo].Account, view.UnitId, view.StreetId, view.CommunityId,
                        view.AgreementId, view.Commitment, entry.Lines[lineNo].Amount, view.OccurredOn, @event.At());
                }
            }
        }
        operations.QueueSql($"""
            INSERT INTO {ResourcesSchema.Name}.contribution_views
                (tenant_id, contribution_id, unit_id, street_id, community_id, agreement_id, status, occurred_on, view, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
            ON CONFLICT (tenant_id, contribution_id) DO UPDATE SET status = excluded.status, view = excluded.view, version = excluded.version
            """,
            tenantId, view.Id, view.UnitId, view.StreetId, view.CommunityId, view.AgreementId, view.Status, view.OccurredOn,
            JsonSerializer.Serialize(view, Json), view.Version);
    }

    /// <summary>What the deadlines are derived from, as the view holds it.</summary>
    private static Agreement AgreementState(AgreementView view) => Agreement.Initial with
    {
        AgreementId = view.Id,
        Status = view.Status switch
        {
            AgreementView.Active => AgreementStatus.Active,
            AgreementView.Expired => AgreementStatus.Expired,
            _ => AgreementStatus.Terminated,
        },
        EndsOn = view.EndsOn,
        WarnedFor = view.ExpiryWarned ? view.EndsOn : null,
    };
}
