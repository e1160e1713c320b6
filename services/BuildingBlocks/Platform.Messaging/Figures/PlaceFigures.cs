using Marten;

namespace Platform.Messaging.Figures;

/// <summary>
/// A service's figures per place and period, which its statistics subscription keeps and the
/// <see cref="FiguresPublisher"/> sends out as <c>PlaceFiguresReported</c>. A figure is recounted from the service's
/// own read models, never added to, so processing an event twice, or rebuilding, leaves the same figures.
/// </summary>
public static partial class PlaceFigures
{
    public const string Schema = "platform_figures";
    public const string Table = $"{Schema}.place_figures";

    /// <summary>The period of what stands now rather than what happened in a month.</summary>
    public const string CurrentPeriod = "current";

    internal const string Ddl = $"""
        CREATE SCHEMA IF NOT EXISTS {Schema};
        CREATE TABLE IF NOT EXISTS {Table} (
            tenant_id text NOT NULL,
            place_id text NOT NULL,
            period text NOT NULL,
            street_id text NOT NULL,
            figures jsonb NOT NULL,
            revision bigint NOT NULL,
            published_revision bigint NOT NULL DEFAULT 0,
            changed_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, place_id, period));
        CREATE INDEX IF NOT EXISTS place_figures_unpublished ON {Table} (changed_at) WHERE revision > published_revision;
        """;

    /// <summary>
    /// Queues, in the statistics subscription's own unit of work (so it commits with the subscription's progress),
    /// a recount of some of a place's figures for one period. <paramref name="countSql"/> is a query of one row
    /// and one jsonb column, the figures by name; it reads the tenant, place and period as <c>$1</c>, <c>$2</c>
    /// and <c>$3</c>, and its own <paramref name="values"/> from <c>$4</c> on. The figures it names replace those
    /// of the same name; others are kept. A recount that changes nothing raises no revision and sends nothing.
    /// </summary>
    /// <param name="countSql">Only SQL of the service's own making, never input: values go in as parameters.</param>
    /// <param name="placeId">A community; or a street, or the district, for records of their own that no community holds
    /// (a street's joint meeting). The reader adds a street's own to its communities'.</param>
    /// <param name="streetId">The street the place is in (a street's own: itself; the district's own: empty).</param>
    public static void Recount(
        IDocumentOperations operations, string tenantId, string streetId, string placeId, string period, string countSql, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentException.ThrowIfNullOrWhiteSpace(countSql);
        ArgumentNullException.ThrowIfNull(values);
        // The street is the last parameter so that the count's own ones keep their numbers from $4.
        var streetParameter = $"${values.Length + 4}";
        var sql = $"""
            INSERT INTO {Table} AS f (tenant_id, place_id, period, street_id, figures, revision, changed_at)
            SELECT $1, $2, $3, {streetParameter}, counted.figures, 1, clock_timestamp() FROM ({countSql}) AS counted(figures)
            ON CONFLICT (tenant_id, place_id, period) DO UPDATE
               SET figures = f.figures || excluded.figures, street_id = excluded.street_id,
                   revision = f.revision + 1, changed_at = excluded.changed_at
             WHERE f.figures || excluded.figures IS DISTINCT FROM f.figures OR f.street_id IS DISTINCT FROM excluded.street_id
            """;
        object[] numbered = [tenantId, placeId, period, .. values, streetId];
        // Marten's queued SQL takes positional placeholders, one value each; a numbered one may be used twice.
        var positional = new List<object>();
        var text = NumberedParameter().Replace(sql, match =>
        {
            var value = numbered[int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) - 1];
            positional.Add(value is DateTimeOffset time ? time.ToUniversalTime() : value);
            return "?";
        });
        operations.QueueSqlCommand(text, [.. positional]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$(\d+)")]
    private static partial System.Text.RegularExpressions.Regex NumberedParameter();
}
