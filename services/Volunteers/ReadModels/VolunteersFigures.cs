using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Platform.Kernel.Time;
using Platform.Messaging.Figures;
using Platform.Volunteers.Households;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Wishes;

namespace Platform.Volunteers.ReadModels;

/// <summary>
/// The figures the district view reads of 双报到 and the volunteers' work, recounted for every community an event
/// touched (behind Marten's daemon, exactly once with its progress) from the views the lists read: the service hours
/// credited in a month, and what stands now (party members and volunteers serving, units reported and confirmed,
/// households by colour and those whose visit is overdue).
/// </summary>
public sealed class VolunteersFigures : SubscriptionBase
{
    public const string SubscriptionName = "volunteers-figures";

    private readonly TimeProvider clock;

    /// <param name="clock">"Now" for the visits that are overdue: the tests' clock where they move time.</param>
    public VolunteersFigures(TimeProvider clock)
    {
        this.clock = clock;
        Name = SubscriptionName;
    }

    /// <summary>Which view holds each kind of stream's record, and the column that names it.</summary>
    private static readonly (string Prefix, string Table, string Key)[] Records =
    [
        ("volunteer-", "volunteer_views", "volunteer_id"),
        ("activity-", "activity_views", "activity_id"),
        ("wish-", "wish_views", "need_id"),
        ("household-", "household_views", "household_id"),
        ("unit-report-", "unit_report_views", "unit_id"),
    ];

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var touched = new HashSet<(string Tenant, string Prefix, string Id)>();
        // The months whose hours a volunteer's or a wish's event credited; an activity credits the month it took place.
        var creditedMonths = new HashSet<(string Tenant, string Prefix, string Id, string Month)>();
        foreach (var stored in page.Events)
        {
            if (stored.StreamKey is not { } key || Records.FirstOrDefault(record => key.StartsWith(record.Prefix, StringComparison.Ordinal)) is not { Prefix: { } prefix })
                continue;
            var id = key[prefix.Length..];
            touched.Add((stored.TenantId, prefix, id));
            var at = stored.Data switch
            {
                VolunteerEvent volunteerEvent => volunteerEvent.At(),
                WishEvent wishEvent => wishEvent.At(),
                _ => (DateTimeOffset?)null,
            };
            if (at is { } credited) creditedMonths.Add((stored.TenantId, prefix, id, DistrictTime.MonthOf(credited)));
        }
        if (touched.Count == 0) return NullChangeListener.Instance;

        var sql = string.Join("\nUNION ALL\n", Records.Select(record => $"""
            SELECT json_build_array(v.tenant_id, '{record.Prefix}', v.{record.Key}, v.street_id, v.community_id,
                   {(record.Table == "activity_views" ? "to_char(v.starts_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM')" : "NULL")})::text
              FROM {VolunteersSchema.Name}.{record.Table} AS v
              JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, {record.Key}) USING (tenant_id, {record.Key})
            """));
        var arguments = Records.SelectMany(record => new object[]
        {
            touched.Where(item => item.Prefix == record.Prefix).Select(item => item.Tenant).ToArray(),
            touched.Where(item => item.Prefix == record.Prefix).Select(item => item.Id).ToArray(),
        }).ToArray();
        var rows = (await operations.AdvancedSql.QueryAsync<string>(sql, cancellationToken, arguments))
            .Select(json => System.Text.Json.JsonSerializer.Deserialize<string?[]>(json) ?? []).ToList();

        var places = new HashSet<(string Tenant, string Street, string Community)>();
        var months = new HashSet<(string Tenant, string Street, string Community, string Month)>();
        foreach (var row in rows)
        {
            var (tenant, prefix, id, street, community) = (row[0]!, row[1]!, row[2]!, row[3]!, row[4]!);
            places.Add((tenant, street, community));
            if (row[5] is { } activityMonth) months.Add((tenant, street, community, activityMonth));
            foreach (var credited in creditedMonths.Where(item => item.Tenant == tenant && item.Prefix == prefix && item.Id == id))
                months.Add((tenant, street, community, credited.Month));
        }

        var today = DistrictTime.DateOf(clock.GetUtcNow());
        foreach (var (tenant, street, community) in places)
            PlaceFigures.Recount(operations, tenant, street, community, PlaceFigures.CurrentPeriod, CurrentCount, street, today);
        foreach (var (tenant, street, community, month) in months)
        {
            if (!DistrictTime.TryParseMonth(month, out var start, out var end)) continue;
            PlaceFigures.Recount(operations, tenant, street, community, month, MonthCount, street,
                DateOnly.FromDateTime(start.DateTime), DateOnly.FromDateTime(end.DateTime));
        }
        return NullChangeListener.Instance;
    }

    private const string InPlace = "tenant_id = $1 AND street_id = $4 AND community_id = $2";

    private static readonly string CurrentCount = $"""
        SELECT jsonb_build_object(
            'members.in_service', (SELECT count(*) FROM {VolunteersSchema.Name}.volunteer_views WHERE {InPlace} AND status = 'active' AND kind = '{VolunteerKinds.InServiceMember}'),
            'members.retired', (SELECT count(*) FROM {VolunteersSchema.Name}.volunteer_views WHERE {InPlace} AND status = 'active' AND kind = '{VolunteerKinds.RetiredMember}'),
            'volunteers.active', (SELECT count(*) FROM {VolunteersSchema.Name}.volunteer_views WHERE {InPlace} AND status = 'active'),
            'units.reported', (SELECT count(*) FROM {VolunteersSchema.Name}.unit_report_views WHERE {InPlace}),
            'units.confirmed', (SELECT count(*) FROM {VolunteersSchema.Name}.unit_report_views WHERE {InPlace} AND status = 'confirmed'),
            'wishes.open', (SELECT count(*) FROM {VolunteersSchema.Name}.wish_views WHERE {InPlace} AND status = '{WishView.Open}'),
            'households.red', count(*) FILTER (WHERE colour = '{CareColours.Red}'),
            'households.yellow', count(*) FILTER (WHERE colour = '{CareColours.Yellow}'),
            'households.green', count(*) FILTER (WHERE colour = '{CareColours.Green}'),
            'households.overdue', count(*) FILTER (WHERE next_visit_due < $5))
          FROM {VolunteersSchema.Name}.household_views WHERE {InPlace}
        """;

    /// <summary>Hours as whole minutes: a figure is a whole number, and a half hour of service is common.</summary>
    private static readonly string MonthCount = $"""
        SELECT jsonb_build_object('volunteers.service_minutes', coalesce(round(sum(amount) * 60), 0)::bigint)
          FROM {VolunteersSchema.Name}.ledger_lines
         WHERE {InPlace} AND account LIKE 'volunteer:%' AND kind <> 'points' AND occurred_on >= $5 AND occurred_on < $6
        """;
}
