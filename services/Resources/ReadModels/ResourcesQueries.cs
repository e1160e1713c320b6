using Npgsql;
using Platform.Storage.Views;

namespace Platform.Resources.ReadModels;

public sealed record AgreementFilter(string? Status, string? UnitId, string? StreetId, string? CommunityId, bool? ExpiringSoon, PageRequest Paging);

public sealed record UnitFilter(string? Kind, string? Status, string? StreetId, string? CommunityId, string? Query, PageRequest Paging);

public sealed record OfferFilter(
    string? Kind, string? Category, string? Status, string? UnitId, string? StreetId, string? CommunityId, string? Query, PageRequest Paging);

/// <param name="From">Bookings on or after this date.</param>
public sealed record BookingFilter(
    string? OfferId, string? UnitId, string? StreetId, string? CommunityId, string? Status, DateOnly? From, DateOnly? Until, PageRequest Paging);

public sealed record ContributionFilter(
    string? Status, string? UnitId, string? StreetId, string? CommunityId, string? AgreementId, DateOnly? From, DateOnly? Until, PageRequest Paging);

/// <summary>One group of the ledger: what the units gave and the communities received in one kind (they are equal,
/// line for line), and how many contributions it adds up.</summary>
public sealed record LedgerTotal(string GroupId, string Kind, decimal Given, decimal Received, long Contributions);

/// <summary>Reads of the views, always narrowed to what the caller's role and place may see, then to the filters.</summary>
public sealed class ResourcesQueries(NpgsqlDataSource dataSource)
{
    private const string UnitViews = $"{ResourcesSchema.Name}.unit_views";
    private const string AgreementViews = $"{ResourcesSchema.Name}.agreement_views";

    /// <summary>An agreement belongs to the community (or street) that signed it, and to the unit.</summary>
    private static readonly ViewScopeColumns AgreementScope = new(Unit: "unit_id");

    /// <summary>A unit serves several communities, and is seen in each of them and their streets; a unit's members see their own.</summary>
    private static readonly ViewScopeColumns UnitScope = new(Street: "street_ids", Community: "community_ids", Unit: "unit_id", PlacesAreLists: true);

    private const string OfferViews = $"{ResourcesSchema.Name}.offer_views";
    private const string BookingViews = $"{ResourcesSchema.Name}.booking_views";

    /// <summary>An offer is seen in every community it reaches and their streets, and by the unit's members.</summary>
    private static readonly ViewScopeColumns OfferScope = new(Street: "street_ids", Community: "community_ids", Unit: "unit_id", PlacesAreLists: true);

    /// <summary>A booking belongs to the community that booked it, and to the unit whose offer it takes.</summary>
    private static readonly ViewScopeColumns BookingScope = new(Unit: "unit_id");

    private const string ContributionViews = $"{ResourcesSchema.Name}.contribution_views";
    private const string LedgerLines = $"{ResourcesSchema.Name}.ledger_lines";

    /// <summary>A contribution, and each ledger line, belongs to the community that received it and the unit that gave it.</summary>
    private static readonly ViewScopeColumns ContributionScope = new(Unit: "unit_id");

    private readonly JsonViews views = new(dataSource, ResourcesViewProjection.Json);

    public Task<UnitView?> FindUnitAsync(string tenantId, string unitId, CancellationToken cancellationToken) =>
        views.FindAsync<UnitView>(UnitViews, "unit_id", tenantId, unitId, cancellationToken);

    public Task<ResultPage<UnitView>> ListUnitsAsync(PlatformUser user, UnitFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, UnitScope)
            .AddWhenGiven("kind = {0}", filter.Kind)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("street_ids @> ARRAY[{0}]::text[]", filter.StreetId)
            .AddWhenGiven("community_ids @> ARRAY[{0}]::text[]", filter.CommunityId);
        if (filter.Query is { Length: > 0 } query) where.Add("name ILIKE {0}", ViewFilter.Containing(query));
        return views.PageAsync<UnitView>(UnitViews, where, "name, unit_id", filter.Paging, cancellationToken);
    }

    public Task<AgreementView?> FindAgreementAsync(string tenantId, string agreementId, CancellationToken cancellationToken) =>
        views.FindAsync<AgreementView>(AgreementViews, "agreement_id", tenantId, agreementId, cancellationToken);

    /// <param name="today">The district's date, from which "expiring soon" (within the warning period) counts.</param>
    public Task<ResultPage<AgreementView>> ListAgreementsAsync(PlatformUser user, AgreementFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, AgreementScope)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("unit_id = {0}", filter.UnitId)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId);
        if (filter.ExpiringSoon is true) where.Add("status = 'active' AND ends_on <= {0}", today.AddDays(Agreements.Agreement.WarningDays));
        return views.PageAsync<AgreementView>(AgreementViews, where, "ends_on, agreement_id", filter.Paging, cancellationToken);
    }

    public Task<OfferView?> FindOfferAsync(string tenantId, string offerId, CancellationToken cancellationToken) =>
        views.FindAsync<OfferView>(OfferViews, "offer_id", tenantId, offerId, cancellationToken);

    public Task<ResultPage<OfferView>> ListOffersAsync(PlatformUser user, OfferFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, OfferScope)
            .AddWhenGiven("kind = {0}", filter.Kind)
            .AddWhenGiven("category = {0}", filter.Category)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("unit_id = {0}", filter.UnitId)
            .AddWhenGiven("street_ids @> ARRAY[{0}]::text[]", filter.StreetId)
            .AddWhenGiven("community_ids @> ARRAY[{0}]::text[]", filter.CommunityId);
        if (filter.Query is { Length: > 0 } query) where.Add("title ILIKE {0}", ViewFilter.Containing(query));
        return views.PageAsync<OfferView>(OfferViews, where, "title, offer_id", filter.Paging, cancellationToken);
    }

    /// <summary>The offers open to a community, published and still available, for matching (a community's offers are a few dozen).</summary>
    public async Task<IReadOnlyList<OfferView>> OffersReachingAsync(string tenantId, string communityId, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(tenantId).Add("status = 'published'").Add("community_ids @> ARRAY[{0}]::text[]", communityId);
        return (await views.PageAsync<OfferView>(OfferViews, where, "offer_id", PageRequest.From(1, PageRequest.LargestSize), cancellationToken)).Items;
    }

    public Task<BookingView?> FindBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken) =>
        views.FindAsync<BookingView>(BookingViews, "booking_id", tenantId, bookingId, cancellationToken);

    public Task<ResultPage<BookingView>> ListBookingsAsync(PlatformUser user, BookingFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, BookingScope)
            .AddWhenGiven("offer_id = {0}", filter.OfferId)
            .AddWhenGiven("unit_id = {0}", filter.UnitId)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId)
            .AddWhenGiven("status = {0}", filter.Status);
        if (filter.From is { } from) where.Add("booked_on >= {0}", from);
        if (filter.Until is { } until) where.Add("booked_on <= {0}", until);
        return views.PageAsync<BookingView>(BookingViews, where, "booked_on, booking_id", filter.Paging, cancellationToken);
    }

    public Task<ContributionView?> FindContributionAsync(string tenantId, string contributionId, CancellationToken cancellationToken) =>
        views.FindAsync<ContributionView>(ContributionViews, "contribution_id", tenantId, contributionId, cancellationToken);

    public Task<ResultPage<ContributionView>> ListContributionsAsync(PlatformUser user, ContributionFilter filter, CancellationToken cancellationToken) =>
        views.PageAsync<ContributionView>(ContributionViews, Narrowed(user, filter), "occurred_on DESC, contribution_id", filter.Paging, cancellationToken);

    /// <summary>
    /// The ledger in the caller's scope, added up by <paramref name="groupBy"/> (community, street, unit, or the
    /// whole district) and kind, from the lines themselves: what each community received is the sum of its lines.
    /// </summary>
    public async Task<IReadOnlyList<LedgerTotal>> LedgerTotalsAsync(
        PlatformUser user, string groupBy, ContributionFilter filter, CancellationToken cancellationToken)
    {
        var group = groupBy switch
        {
            "community" => "community_id",
            "street" => "street_id",
            "unit" => "unit_id",
            _ => "tenant_id",
        };
        var where = Narrowed(user, filter with { Status = null });
        await using var command = dataSource.CreateCommand($"""
            SELECT {group}, kind,
                   -coalesce(sum(amount) FILTER (WHERE account LIKE 'unit:%'), 0),
                   coalesce(sum(amount) FILTER (WHERE account LIKE 'community:%'), 0),
                   count(DISTINCT contribution_id)
            FROM {LedgerLines} WHERE {where.Sql}
            GROUP BY {group}, kind
            HAVING coalesce(sum(amount) FILTER (WHERE account LIKE 'community:%'), 0) <> 0
            ORDER BY {group}, kind
            """);
        command.Parameters.AddRange(where.Parameters());
        var totals = new List<LedgerTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            totals.Add(new LedgerTotal(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetInt64(4)));
        return totals;
    }

    /// <summary>What the confirmed contributions delivered on each commitment of the agreements named, by agreement and commitment.</summary>
    public async Task<IReadOnlyDictionary<(string AgreementId, string Commitment), decimal>> DeliveredAsync(
        string tenantId, IReadOnlyCollection<string> agreementIds, CancellationToken cancellationToken)
    {
        var delivered = new Dictionary<(string, string), decimal>();
        if (agreementIds.Count == 0) return delivered;
        await using var command = dataSource.CreateCommand($"""
            SELECT agreement_id, commitment, sum(amount) FROM {LedgerLines}
            WHERE tenant_id = $1 AND agreement_id = ANY($2) AND commitment IS NOT NULL AND account LIKE 'community:%'
            GROUP BY agreement_id, commitment
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = agreementIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) delivered[(reader.GetString(0), reader.GetString(1))] = reader.GetDecimal(2);
        return delivered;
    }

    private static ViewFilter Narrowed(PlatformUser user, ContributionFilter filter)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, ContributionScope)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("unit_id = {0}", filter.UnitId)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId)
            .AddWhenGiven("agreement_id = {0}", filter.AgreementId);
        if (filter.From is { } from) where.Add("occurred_on >= {0}", from);
        if (filter.Until is { } until) where.Add("occurred_on <= {0}", until);
        return where;
    }
}
