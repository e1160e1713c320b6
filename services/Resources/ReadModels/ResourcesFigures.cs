using System.Text.Json;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Platform.Kernel.Time;
using Platform.Messaging.Figures;
using Platform.Resources.Offers;
using Platform.Resources.Units;

namespace Platform.Resources.ReadModels;

/// <summary>
/// The figures the district view reads of the 资源清单, recounted for every place an event touched (behind Marten's
/// daemon, exactly once with its progress) from the views the lists read: the bookings held and the contributions
/// confirmed in a month, and what stands now (agreements running, behind their pace and ending soon; units and offers
/// serving the place).
/// </summary>
/// <remarks>
/// An agreement counts under the community or street that signed it, so a street's figure adds its communities' to its
/// own. A unit or an offer serves several communities: it counts once under each, and once under each street and the
/// district it reaches, so those figures are not added up but read from the place's own row
/// (<c>units.active</c> and <c>offers.published</c> are the gateway's reach figures).
/// </remarks>
public sealed class ResourcesFigures : SubscriptionBase
{
    public const string SubscriptionName = "resources-figures";

    private const string UnitStream = "unit-";
    private const string AgreementStream = "agreement-";
    private const string OfferStream = "offer-";
    private const string ContributionStream = "contribution-";

    private readonly TimeProvider clock;
    private readonly ResourcesQueries queries;

    /// <param name="clock">"Now" for pace and expiry: the tests' clock where they move time.</param>
    public ResourcesFigures(TimeProvider clock, ResourcesQueries queries)
    {
        this.clock = clock;
        this.queries = queries;
        Name = SubscriptionName;
    }

    private enum PlaceKind { Community, Street, District }

    private sealed record Place(string Tenant, PlaceKind Kind, string StreetId, string PlaceId);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var units = new HashSet<(string Tenant, string UnitId)>();
        var unitsRehomed = new HashSet<(string Tenant, string StreamKey)>();
        var agreements = new HashSet<(string Tenant, string AgreementId)>();
        var offers = new HashSet<(string Tenant, string OfferId)>();
        var bookings = new HashSet<(string Tenant, string BookingId)>();
        var contributions = new HashSet<(string Tenant, string ContributionId)>();
        foreach (var stored in page.Events)
        {
            if (stored.StreamKey is not { } key) continue;
            if (key.StartsWith(UnitStream, StringComparison.Ordinal))
            {
                units.Add((stored.TenantId, key[UnitStream.Length..]));
                if (stored.Data is UnitCommunitiesChanged) unitsRehomed.Add((stored.TenantId, key));
            }
            else if (key.StartsWith(AgreementStream, StringComparison.Ordinal)) agreements.Add((stored.TenantId, key[AgreementStream.Length..]));
            else if (key.StartsWith(ContributionStream, StringComparison.Ordinal)) contributions.Add((stored.TenantId, key[ContributionStream.Length..]));
            else if (key.StartsWith(OfferStream, StringComparison.Ordinal))
            {
                offers.Add((stored.TenantId, key[OfferStream.Length..]));
                if (stored.Data is OfferBooked booked) bookings.Add((stored.TenantId, booked.BookingId));
                else if (stored.Data is BookingReleased released) bookings.Add((stored.TenantId, released.BookingId));
            }
        }
        if (units.Count + agreements.Count + offers.Count + contributions.Count == 0) return NullChangeListener.Instance;

        var current = new HashSet<Place>();
        var months = new HashSet<(Place Place, string Month)>();

        // What a unit or an offer reaches now, and for a unit whose communities changed, every community it ever served.
        current.UnionWith(await ReachAsync(operations, "unit_views", "unit_id", "communities", units, cancellationToken));
        current.UnionWith(await ReachAsync(operations, "offer_views", "offer_id", "reach", offers, cancellationToken));
        foreach (var (tenant, streamKey) in unitsRehomed)
        {
            foreach (var stored in await operations.ForTenant(tenant).Events.FetchStreamAsync(streamKey, token: cancellationToken))
            {
                var served = stored.Data switch
                {
                    UnitJoined joined => joined.Communities,
                    UnitCommunitiesChanged changed => changed.Communities,
                    _ => [],
                };
                current.UnionWith(served.SelectMany(community => Reached(tenant, community.StreetId, community.CommunityId)));
            }
        }

        foreach (var row in await RowsAsync(operations, $"""
            SELECT json_build_array(v.tenant_id, v.street_id, v.community_id, to_char(v.booked_on, 'YYYY-MM'))::text
              FROM {ResourcesSchema.Name}.booking_views AS v
              JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, booking_id) USING (tenant_id, booking_id)
            """, bookings, cancellationToken))
            months.Add((new Place(row[0], PlaceKind.Community, row[1], row[2]), row[3]));

        // A confirmed contribution counts in its month, and moves its agreement's pace.
        foreach (var row in await RowsAsync(operations, $"""
            SELECT json_build_array(v.tenant_id, v.street_id, v.community_id, to_char(v.occurred_on, 'YYYY-MM'), coalesce(v.agreement_id, ''))::text
              FROM {ResourcesSchema.Name}.contribution_views AS v
              JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, contribution_id) USING (tenant_id, contribution_id)
            """, contributions, cancellationToken))
        {
            months.Add((new Place(row[0], PlaceKind.Community, row[1], row[2]), row[3]));
            if (row[4].Length > 0) agreements.Add((row[0], row[4]));
        }

        foreach (var row in await RowsAsync(operations, $"""
            SELECT json_build_array(v.tenant_id, v.street_id, coalesce(v.community_id, ''))::text
              FROM {ResourcesSchema.Name}.agreement_views AS v
              JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, agreement_id) USING (tenant_id, agreement_id)
            """, agreements, cancellationToken))
        {
            current.Add(row[2].Length > 0
                ? new Place(row[0], PlaceKind.Community, row[1], row[2])
                : new Place(row[0], PlaceKind.Street, row[1], row[1]));
        }

        foreach (var (place, month) in months)
            PlaceFigures.Recount(operations, place.Tenant, place.StreetId, place.PlaceId, month, MonthCount);

        var today = DistrictTime.DateOf(clock.GetUtcNow());
        foreach (var place in current)
        {
            var signed = await AgreementsSignedByAsync(operations, place, cancellationToken);
            var delivered = await queries.DeliveredAsync(place.Tenant, [.. signed.Select(agreement => agreement.Id)], cancellationToken);
            PlaceFigures.Recount(operations, place.Tenant, place.StreetId, place.PlaceId, PlaceFigures.CurrentPeriod, CurrentCount(place.Kind),
                signed.Count(agreement => agreement.Status == AgreementView.Active),
                signed.Count(agreement => agreement.IsBehind(delivered, today)),
                signed.Count(agreement => agreement.ExpiresSoon(today)));
        }
        return NullChangeListener.Instance;
    }

    /// <summary>A community reached, and so its street and the district.</summary>
    private static IEnumerable<Place> Reached(string tenant, string streetId, string communityId) =>
    [
        new(tenant, PlaceKind.Community, streetId, communityId),
        new(tenant, PlaceKind.Street, streetId, streetId),
        new(tenant, PlaceKind.District, "", tenant),
    ];

    private static async Task<IEnumerable<Place>> ReachAsync(
        IDocumentOperations operations, string table, string key, string servedList, HashSet<(string Tenant, string Id)> touched,
        CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(operations, $"""
            SELECT json_build_array(v.tenant_id, served.community ->> 'streetId', served.community ->> 'communityId')::text
              FROM {ResourcesSchema.Name}.{table} AS v
              JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, {key}) USING (tenant_id, {key})
              CROSS JOIN LATERAL jsonb_array_elements(v.view -> '{servedList}') AS served(community)
            """, touched, cancellationToken);
        // A unit or offer that reaches nowhere any more still changes the district's count.
        return rows.SelectMany(row => Reached(row[0], row[1], row[2]))
            .Concat(touched.Select(item => new Place(item.Tenant, PlaceKind.District, "", item.Tenant)));
    }

    private static async Task<IReadOnlyList<string[]>> RowsAsync(
        IDocumentOperations operations, string sql, HashSet<(string Tenant, string Id)> touched, CancellationToken cancellationToken)
    {
        if (touched.Count == 0) return [];
        var rows = await operations.AdvancedSql.QueryAsync<string>(
            sql, cancellationToken, touched.Select(item => item.Tenant).ToArray(), touched.Select(item => item.Id).ToArray());
        return [.. rows.Select(json => JsonSerializer.Deserialize<string[]>(json) ?? [])];
    }

    /// <summary>The agreements a community or street signed itself (a district signs none).</summary>
    private static async Task<IReadOnlyList<AgreementView>> AgreementsSignedByAsync(
        IDocumentOperations operations, Place place, CancellationToken cancellationToken)
    {
        var sql = place.Kind switch
        {
            PlaceKind.Community => $"SELECT view::text FROM {ResourcesSchema.Name}.agreement_views WHERE tenant_id = ? AND community_id = ?",
            PlaceKind.Street => $"SELECT view::text FROM {ResourcesSchema.Name}.agreement_views WHERE tenant_id = ? AND street_id = ? AND community_id IS NULL",
            _ => null,
        };
        if (sql is null) return [];
        var views = await operations.AdvancedSql.QueryAsync<string>(sql, cancellationToken, place.Tenant, place.PlaceId);
        return [.. views.Select(view => JsonSerializer.Deserialize<AgreementView>(view, ResourcesViewProjection.Json)!)];
    }

    private static readonly string MonthCount = $"""
        SELECT jsonb_build_object(
            'bookings.held', (SELECT count(*) FROM {ResourcesSchema.Name}.booking_views
                               WHERE tenant_id = $1 AND community_id = $2 AND status = '{BookingView.Held}'
                                 AND booked_on >= to_date($3, 'YYYY-MM') AND booked_on < to_date($3, 'YYYY-MM') + interval '1 month'),
            'contributions.confirmed', (SELECT count(*) FROM {ResourcesSchema.Name}.contribution_views
                               WHERE tenant_id = $1 AND community_id = $2 AND status = '{ContributionView.Confirmed}'
                                 AND occurred_on >= to_date($3, 'YYYY-MM') AND occurred_on < to_date($3, 'YYYY-MM') + interval '1 month'))
        """;

    /// <summary>The agreements' figures come counted as <c>$4</c> to <c>$6</c> (their pace is a rule of the domain, not
    /// of SQL); the units and offers reaching the place are counted here.</summary>
    private static string CurrentCount(PlaceKind kind)
    {
        var reaches = kind switch
        {
            PlaceKind.Community => "community_ids @> ARRAY[$2]::text[]",
            PlaceKind.Street => "street_ids @> ARRAY[$2]::text[]",
            _ => "true",
        };
        return $"""
            SELECT jsonb_build_object(
                'agreements.active', $4::int, 'agreements.behind', $5::int, 'agreements.expiring', $6::int,
                'units.active', (SELECT count(*) FROM {ResourcesSchema.Name}.unit_views WHERE tenant_id = $1 AND status = '{UnitView.Active}' AND {reaches}),
                'offers.published', (SELECT count(*) FROM {ResourcesSchema.Name}.offer_views WHERE tenant_id = $1 AND status = '{OfferView.Published}' AND {reaches}))
            """;
    }
}
