using System.Text.Json;
using Npgsql;
using Platform.Authorization;
using Platform.Contracts.Organization;
using Platform.Gateway.Identity;

namespace Platform.Gateway.Insights;

public sealed record PlaceRef(string Id, string Name, string Kind);

/// <summary>A street's or a community's figures: the month's with what stands now, and why it needs attention.</summary>
public sealed record PlaceOverview(
    string Id, string Name, string Kind, string? StreetId, string? StreetName, IReadOnlyDictionary<string, long> Figures, IReadOnlyList<string> Attention);

public sealed record MonthFigures(string Period, IReadOnlyDictionary<string, long> Figures);

/// <summary>How current one service's figures are; <paramref name="CurrentAsOf"/> is null when it has never reported.</summary>
public sealed record SourceFreshness(string Source, string Name, DateTimeOffset? CurrentAsOf, DateTimeOffset? ReceivedAt, bool Late);

public sealed record DistrictOverview(
    string Period,
    PlaceRef Place,
    IReadOnlyDictionary<string, long> Figures,
    IReadOnlyList<PlaceOverview> Streets,
    IReadOnlyList<PlaceOverview> Communities,
    IReadOnlyList<MonthFigures> Trend,
    IReadOnlyList<SourceFreshness> Sources);

/// <summary>
/// Reads the district view for a place: the communities in it (from the org tree this module keeps), each with the
/// figures the services reported for the month and for now, added up to its streets and to the place itself.
/// </summary>
public sealed class InsightsQueries(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int TrendMonths = 12;

    private sealed record Community(string Id, string Name, string StreetId, string StreetName);

    /// <returns>Null when the place is not a street or community the caller works in.</returns>
    public async Task<DistrictOverview?> OverviewAsync(PlatformUser user, string? placeId, string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (place, communities) = await PlaceAsync(connection, user, placeId, cancellationToken);
        if (place is null) return null;

        // A street's own records (its projects, its meetings) count under the street, the district's under the district.
        var streets = communities.GroupBy(community => (community.StreetId, community.StreetName)).Select(street => street.Key).ToList();
        var scope = Rows.Of(place);
        var figures = await PlaceFiguresAsync(connection, user.DistrictCode, scope, period, cancellationToken);
        IReadOnlyDictionary<string, long> Of(string id) => figures.GetValueOrDefault(id) ?? new Dictionary<string, long>();

        var communityRows = communities
            .Select(community => new PlaceOverview(community.Id, community.Name, OrganizationUnitKinds.Community, community.StreetId, community.StreetName,
                Of(community.Id), DistrictFigures.AttentionReasons(Of(community.Id))))
            .OrderByDescending(row => row.Attention.Count)
            .ThenByDescending(row => row.Figures.GetValueOrDefault(DistrictFigures.CasesOverdue))
            .ThenBy(row => row.StreetName, StringComparer.Ordinal).ThenBy(row => row.Name, StringComparer.Ordinal)
            .ToList();
        var streetRows = place.Kind == OrganizationUnitKinds.Community ? [] : streets
            .Select(street =>
            {
                var sum = DistrictFigures.Sum(Of(street.StreetId), communityRows.Where(row => row.StreetId == street.StreetId).Select(row => row.Figures));
                return new PlaceOverview(street.StreetId, street.StreetName, OrganizationUnitKinds.Street, null, null, sum, DistrictFigures.AttentionReasons(sum));
            })
            .OrderBy(row => row.Name, StringComparer.Ordinal)
            .ToList();
        var total = place.Kind switch
        {
            OrganizationUnitKinds.Community => Of(place.Id),
            OrganizationUnitKinds.Street => streetRows.Single().Figures,
            _ => DistrictFigures.Sum(Of(place.Id), streetRows.Select(row => row.Figures)),
        };

        return new DistrictOverview(
            period, place, total, streetRows, communityRows,
            await TrendAsync(connection, user.DistrictCode, scope, period, cancellationToken),
            await FreshnessAsync(connection, cancellationToken));
    }

    /// <summary>The names of units of the org tree (communities, departments); an id it does not hold is left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(string districtCode, IReadOnlyCollection<string> unitIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (unitIds.Count == 0) return names;
        await using var command = dataSource.CreateCommand(
            $"SELECT unit_id, name FROM {IdentitySchema.Name}.org_units WHERE district_code = $1 AND unit_id = ANY($2)");
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = unitIds.Distinct(StringComparer.Ordinal).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) names[reader.GetString(0)] = reader.GetString(1);
        return names;
    }

    private static async Task<(PlaceRef? Place, IReadOnlyList<Community> Communities)> PlaceAsync(
        NpgsqlConnection connection, PlatformUser user, string? placeId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT unit.unit_id, unit.kind, unit.name, unit.street_id, coalesce(street.name, '')
              FROM {IdentitySchema.Name}.org_units AS unit
              LEFT JOIN {IdentitySchema.Name}.org_units AS street ON street.district_code = unit.district_code AND street.unit_id = unit.street_id
             WHERE unit.district_code = $1 AND unit.kind IN ('district', 'street', 'community') AND NOT unit.closed
            """, connection);
        command.Parameters.Add(new() { Value = user.DistrictCode });
        var units = new List<(string Id, string Kind, string Name, string? StreetId, string StreetName)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                units.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }

        // The caller's own place, unless they name one inside it.
        var ownId = user.Role switch
        {
            PlatformRole.StreetStaff => user.StreetId,
            PlatformRole.CommunityStaff => user.CommunityId,
            _ => units.FirstOrDefault(unit => unit.Kind == OrganizationUnitKinds.District).Id,
        };
        var chosen = units.FirstOrDefault(unit => unit.Id == (placeId ?? ownId));
        if (chosen.Id is null || ownId is null) return (null, []);
        var own = units.First(unit => unit.Id == ownId);
        var inside = own.Kind switch
        {
            OrganizationUnitKinds.District => true,
            OrganizationUnitKinds.Street => chosen.Id == own.Id || chosen.StreetId == own.Id,
            _ => chosen.Id == own.Id,
        };
        if (!inside) return (null, []);

        var communities = units
            .Where(unit => unit.Kind == OrganizationUnitKinds.Community && unit.StreetId is not null)
            .Where(unit => chosen.Kind switch
            {
                OrganizationUnitKinds.District => true,
                OrganizationUnitKinds.Street => unit.StreetId == chosen.Id,
                _ => unit.Id == chosen.Id,
            })
            .Select(unit => new Community(unit.Id, unit.Name, unit.StreetId!, unit.StreetName))
            .ToList();
        return (new PlaceRef(chosen.Id, chosen.Name, chosen.Kind), communities);
    }

    /// <summary>
    /// Which rows of figures a place's view reads, by the columns every row carries rather than a list of its places
    /// (a district's 300 communities as <c>= ANY(...)</c> is a comparison per community and row): the district's are
    /// all of its rows, a street's those of its street (its communities' and its own), a community's its own.
    /// </summary>
    private sealed record Rows(string Condition, string? Value)
    {
        public static Rows Of(PlaceRef place) => place.Kind switch
        {
            OrganizationUnitKinds.District => new("$4::text IS NULL", null),
            OrganizationUnitKinds.Street => new("street_id = $4", place.Id),
            _ => new("place_id = $4", place.Id),
        };

        /// <summary>Adds <c>$4</c>.</summary>
        public void AddTo(NpgsqlCommand command) =>
            command.Parameters.Add(new() { Value = (object?)Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }

    /// <summary>Each place's own figures for the month and for now, every source's together.</summary>
    private static async Task<Dictionary<string, Dictionary<string, long>>> PlaceFiguresAsync(
        NpgsqlConnection connection, string districtCode, Rows rows, string period, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT place_id, figures FROM {InsightsSchema.Name}.place_figures
             WHERE tenant_id = $1 AND period IN ($2, $3) AND {rows.Condition}
            """, connection);
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = period });
        command.Parameters.Add(new() { Value = Platform.Messaging.Figures.PlaceFigures.CurrentPeriod });
        rows.AddTo(command);
        var result = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var community = reader.GetString(0);
            if (!result.TryGetValue(community, out var kept)) kept = result[community] = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(1)) ?? [])
                kept[name] = kept.GetValueOrDefault(name) + value;
        }
        return result;
    }

    /// <summary>The place's figures for each of the twelve months up to the one shown, added up in the database.</summary>
    private static async Task<IReadOnlyList<MonthFigures>> TrendAsync(
        NpgsqlConnection connection, string districtCode, Rows rows, string period, CancellationToken cancellationToken)
    {
        var last = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var months = Enumerable.Range(0, TrendMonths).Select(back => last.AddMonths(back - TrendMonths + 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // Only the figures the trend shows, and only from the rows of the source that counts them: expanding every
        // figure of every row of a district's year was most of the view's time (bench district).
        await using var command = new NpgsqlCommand($"""
            SELECT figures.period, trend.key, sum((figures.figures ->> trend.key)::bigint)
              FROM {InsightsSchema.Name}.place_figures AS figures, unnest($5::text[]) AS trend(key)
             WHERE figures.tenant_id = $1 AND figures.period >= $2 AND figures.period <= $3 AND {rows.Condition}
               AND figures.source = $6 AND figures.figures ? trend.key
             GROUP BY figures.period, trend.key
            """, connection);
        command.Parameters.Add(new() { Value = districtCode });
        command.Parameters.Add(new() { Value = months[0] });
        command.Parameters.Add(new() { Value = months[^1] });
        rows.AddTo(command);
        command.Parameters.Add(new() { Value = DistrictFigures.TrendFigures.ToArray() });
        command.Parameters.Add(new() { Value = DistrictFigures.TrendSource });
        var byMonth = months.ToDictionary(month => month, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (byMonth.TryGetValue(reader.GetString(0), out var month)) month[reader.GetString(1)] = reader.GetInt64(2);
        }
        return [.. months.Select(month => new MonthFigures(month, byMonth[month]))];
    }

    private async Task<IReadOnlyList<SourceFreshness>> FreshnessAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var reported = new Dictionary<string, (DateTimeOffset CurrentAsOf, DateTimeOffset ReceivedAt)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT source, current_as_of, received_at FROM {InsightsSchema.Name}.sources", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                reported[reader.GetString(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
        }
        var now = clock.GetUtcNow();
        return [.. DistrictFigures.Sources
            .Where(source => reported.ContainsKey(source.Source))
            .Select(source =>
            {
                var (currentAsOf, receivedAt) = reported[source.Source];
                return new SourceFreshness(source.Source, source.Name, currentAsOf, receivedAt, now - currentAsOf > DistrictFigures.LateAfter);
            })];
    }
}
