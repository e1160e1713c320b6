using Npgsql;
using Platform.Storage.Views;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.ReadModels;

public sealed record VolunteerFilter(string? Kind, string? Status, string? StreetId, string? CommunityId, string? Query, PageRequest Paging);

public sealed record TeamFilter(string? StreetId, string? CommunityId, PageRequest Paging);

/// <param name="VolunteerId">Activities this volunteer is on the roster of.</param>
public sealed record ActivityFilter(string? Status, string? StreetId, string? CommunityId, string? TeamId, string? VolunteerId, bool? Upcoming, PageRequest Paging);

public sealed record CommunityCoverage(
    string StreetId, string CommunityId, long InServiceMembers, long RetiredMembers, long Volunteers, long UnitsReported, long UnitsConfirmed, decimal HoursThisYear);

public sealed record ServiceTotal(string VolunteerId, string What, string Kind, decimal Amount, DateOnly On);

public sealed record HouseholdCount(string StreetId, string CommunityId, string Colour, long Households, long OverdueVisits);

/// <summary>A volunteer's balance in one kind: the sum of their account's lines, and how many entries made it.</summary>
public sealed record LedgerBalance(string Kind, decimal Balance, long Entries);

/// <summary>One posting on a volunteer's account, for their statement.</summary>
/// <param name="SourceId">The activity or wish the entry was posted for.</param>
public sealed record StatementLine(string EntryId, string SourceId, string SourceTitle, string Kind, decimal Amount, DateOnly OccurredOn, DateTimeOffset PostedAt);

/// <summary>Reads of the views and ledgers, always narrowed to what the caller's role and place may see, then to the filters.</summary>
public sealed class VolunteersQueries(NpgsqlDataSource dataSource)
{
    private const string VolunteerViews = $"{VolunteersSchema.Name}.volunteer_views";
    private const string TeamViews = $"{VolunteersSchema.Name}.team_views";
    private const string ActivityViews = $"{VolunteersSchema.Name}.activity_views";
    private const string LedgerLines = $"{VolunteersSchema.Name}.ledger_lines";
    private const string WishViews = $"{VolunteersSchema.Name}.wish_views";
    private const string HouseholdViews = $"{VolunteersSchema.Name}.household_views";

    /// <summary>A volunteer is seen by their community and street, and by themselves.</summary>
    private static readonly ViewScopeColumns VolunteerScope = new(Reporter: "user_id");

    private readonly JsonViews views = new(dataSource, VolunteersViewProjection.Json);

    public Task<VolunteerView?> FindVolunteerAsync(string tenantId, string volunteerId, CancellationToken cancellationToken) =>
        views.FindAsync<VolunteerView>(VolunteerViews, "volunteer_id", tenantId, volunteerId, cancellationToken);

    public Task<VolunteerView?> FindVolunteerOfUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        views.FindAsync<VolunteerView>(VolunteerViews, "user_id", tenantId, userId, cancellationToken);

    public Task<ResultPage<VolunteerView>> ListVolunteersAsync(PlatformUser user, VolunteerFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, VolunteerScope)
            .AddWhenGiven("kind = {0}", filter.Kind)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId);
        if (filter.Query is { Length: > 0 } query) where.Add("name ILIKE {0}", ViewFilter.Containing(query));
        return views.PageAsync<VolunteerView>(VolunteerViews, where, "registered_at DESC, volunteer_id", filter.Paging, cancellationToken);
    }

    public Task<TeamView?> FindTeamAsync(string tenantId, string teamId, CancellationToken cancellationToken) =>
        views.FindAsync<TeamView>(TeamViews, "team_id", tenantId, teamId, cancellationToken);

    public Task<ResultPage<TeamView>> ListTeamsAsync(PlatformUser user, TeamFilter filter, CancellationToken cancellationToken)
    {
        var where = InCommunityOf(user)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId);
        return views.PageAsync<TeamView>(TeamViews, where, "name, team_id", filter.Paging, cancellationToken);
    }

    /// <summary>The teams a volunteer is a member of, by id.</summary>
    public async Task<IReadOnlyList<string>> TeamsOfAsync(string tenantId, string volunteerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT team_id FROM {TeamViews} WHERE tenant_id = $1 AND member_ids @> ARRAY[$2]::text[]");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = volunteerId });
        var teams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) teams.Add(reader.GetString(0));
        return teams;
    }

    public Task<ActivityView?> FindActivityAsync(string tenantId, string activityId, CancellationToken cancellationToken) =>
        views.FindAsync<ActivityView>(ActivityViews, "activity_id", tenantId, activityId, cancellationToken);

    public Task<ResultPage<ActivityView>> ListActivitiesAsync(PlatformUser user, ActivityFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var where = InCommunityOf(user)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId)
            .AddWhenGiven("team_id = {0}", filter.TeamId)
            .AddWhenGiven("volunteer_ids @> ARRAY[{0}]::text[]", filter.VolunteerId);
        if (filter.Upcoming is { } upcoming) where.Add(upcoming ? "starts_at >= {0}" : "starts_at < {0}", now.AddHours(-12));
        var order = filter.Upcoming == true ? "starts_at, activity_id" : "starts_at DESC, activity_id";
        return views.PageAsync<ActivityView>(ActivityViews, where, order, filter.Paging, cancellationToken);
    }

    /// <summary>Unit reports: each place its own, a unit's members their unit's.</summary>
    public Task<ResultPage<UnitReportView>> ListUnitReportsAsync(PlatformUser user, string? streetId, string? communityId, PageRequest paging, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, new ViewScopeColumns(Unit: "unit_id"))
            .AddWhenGiven("street_id = {0}", streetId)
            .AddWhenGiven("community_id = {0}", communityId);
        return views.PageAsync<UnitReportView>($"{VolunteersSchema.Name}.unit_report_views", where, "community_id, unit_id", paging, cancellationToken);
    }

    /// <summary>双报到 coverage per community in the caller's scope: active volunteers by kind, units reported and
    /// confirmed, and the hours credited this year.</summary>
    public async Task<IReadOnlyList<CommunityCoverage>> CoverageAsync(PlatformUser user, string? streetId, DateOnly yearStart, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, new ViewScopeColumns()).AddWhenGiven("street_id = {0}", streetId);
        var next = where.Values.Count + 1;
        await using var command = dataSource.CreateCommand($"""
            WITH people AS (
                SELECT street_id, community_id,
                       count(*) FILTER (WHERE kind = 'in-service-member') AS in_service,
                       count(*) FILTER (WHERE kind = 'retired-member') AS retired,
                       count(*) AS volunteers
                FROM {VolunteerViews} WHERE {where.Sql} AND status = 'active' GROUP BY street_id, community_id),
            units AS (
                SELECT street_id, community_id, count(*) AS reported, count(*) FILTER (WHERE status = 'confirmed') AS confirmed
                FROM {VolunteersSchema.Name}.unit_report_views WHERE {where.Sql} GROUP BY street_id, community_id),
            hours AS (
                SELECT street_id, community_id, sum(amount) AS hours
                FROM {LedgerLines} WHERE {where.Sql} AND account LIKE 'volunteer:%' AND kind <> 'points' AND occurred_on >= ${next}
                GROUP BY street_id, community_id)
            SELECT coalesce(p.street_id, u.street_id, h.street_id), coalesce(p.community_id, u.community_id, h.community_id),
                   coalesce(p.in_service, 0), coalesce(p.retired, 0), coalesce(p.volunteers, 0), coalesce(u.reported, 0), coalesce(u.confirmed, 0),
                   coalesce(h.hours, 0)
            FROM people p
            FULL JOIN units u ON u.community_id = p.community_id
            FULL JOIN hours h ON h.community_id = coalesce(p.community_id, u.community_id)
            ORDER BY 1, 2
            """);
        command.Parameters.AddRange(where.Parameters());
        command.Parameters.Add(new() { Value = yearStart });
        var coverage = new List<CommunityCoverage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            coverage.Add(new CommunityCoverage(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetDecimal(7)));
        return coverage;
    }

    public Task<GiftView?> FindGiftAsync(string tenantId, string giftId, CancellationToken cancellationToken) =>
        views.FindAsync<GiftView>($"{VolunteersSchema.Name}.gift_views", "gift_id", tenantId, giftId, cancellationToken);

    public Task<ResultPage<GiftView>> ListGiftsAsync(PlatformUser user, string? communityId, PageRequest paging, CancellationToken cancellationToken) =>
        views.PageAsync<GiftView>($"{VolunteersSchema.Name}.gift_views", InCommunityOf(user).AddWhenGiven("community_id = {0}", communityId), "name, gift_id", paging,
            cancellationToken);

    public Task<HouseholdView?> FindHouseholdAsync(string tenantId, string householdId, CancellationToken cancellationToken) =>
        views.FindAsync<HouseholdView>(HouseholdViews, "household_id", tenantId, householdId, cancellationToken);

    /// <summary>Files: a community's staff read their community's, a volunteer the households they are responsible for
    /// (<paramref name="memberId"/>); overdue ones first, then by colour (red first).</summary>
    public Task<ResultPage<HouseholdView>> ListHouseholdsAsync(
        PlatformUser user, string? memberId, string? colour, string? gridId, bool? overdue, DateOnly today, PageRequest paging, CancellationToken cancellationToken)
    {
        var where = user.Role == PlatformRole.CommunityStaff
            ? new ViewFilter(user.DistrictCode).Add("community_id = {0}", user.CommunityId ?? "")
            : new ViewFilter(user.DistrictCode).Add("member_id = {0}", memberId ?? "");
        where.AddWhenGiven("colour = {0}", colour).AddWhenGiven("grid_id = {0}", gridId);
        if (overdue is { } late) where.Add(late ? "next_visit_due < {0}" : "next_visit_due >= {0}", today);
        return views.PageAsync<HouseholdView>(HouseholdViews, where,
            "next_visit_due, CASE colour WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, household_id", paging, cancellationToken);
    }

    /// <summary>Households per community and colour, and how many visits are overdue: all the street and district see.</summary>
    public async Task<IReadOnlyList<HouseholdCount>> HouseholdCountsAsync(PlatformUser user, string? streetId, DateOnly today, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, new ViewScopeColumns()).AddWhenGiven("street_id = {0}", streetId);
        await using var command = dataSource.CreateCommand($"""
            SELECT street_id, community_id, colour, count(*), count(*) FILTER (WHERE next_visit_due < ${where.Values.Count + 1})
            FROM {HouseholdViews} WHERE {where.Sql} GROUP BY street_id, community_id, colour ORDER BY street_id, community_id, colour
            """);
        command.Parameters.AddRange(where.Parameters());
        command.Parameters.Add(new() { Value = today });
        var counts = new List<HouseholdCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            counts.Add(new HouseholdCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)));
        return counts;
    }

    public Task<WishView?> FindWishAsync(string tenantId, string needId, CancellationToken cancellationToken) =>
        views.FindAsync<WishView>(WishViews, "need_id", tenantId, needId, cancellationToken);

    /// <summary>The board: a volunteer or resident sees their own community's wishes, a unit's members those of the
    /// community <paramref name="unitCommunityId"/> their unit is in, staff their place's.</summary>
    public Task<ResultPage<WishView>> ListWishesAsync(
        PlatformUser user, string? unitCommunityId, string? status, string? streetId, string? communityId, string? claimerId, PageRequest paging,
        CancellationToken cancellationToken)
    {
        var where = user.Role == PlatformRole.UnitMember
            ? new ViewFilter(user.DistrictCode).Add("ARRAY[community_id, coalesce(claimer_id, '')] && {0}", new[] { unitCommunityId ?? "", user.UnitId ?? "" })
            : InCommunityOf(user);
        where.AddWhenGiven("status = {0}", status)
            .AddWhenGiven("street_id = {0}", streetId)
            .AddWhenGiven("community_id = {0}", communityId)
            .AddWhenGiven("claimer_id = {0}", claimerId);
        return views.PageAsync<WishView>(WishViews, where, "status = 'open' DESC, posted_at DESC, need_id", paging, cancellationToken);
    }

    /// <summary>A volunteer's balances in each kind of the ledgers (签到核验时长, 组织者登记时长, 积分).</summary>
    public async Task<IReadOnlyList<LedgerBalance>> BalancesAsync(string tenantId, string volunteerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT kind, sum(amount), count(*) FROM {LedgerLines} WHERE tenant_id = $1 AND account = $2 GROUP BY kind ORDER BY kind
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = ServiceLedger.VolunteerAccount(volunteerId) });
        var balances = new List<LedgerBalance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) balances.Add(new LedgerBalance(reader.GetString(0), reader.GetDecimal(1), reader.GetInt64(2)));
        return balances;
    }

    /// <summary>The latest postings on a volunteer's account, newest first.</summary>
    public async Task<IReadOnlyList<StatementLine>> StatementAsync(string tenantId, string volunteerId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT entry_id, source_id, source_title, kind, amount, occurred_on, posted_at
            FROM {LedgerLines}
            WHERE tenant_id = $1 AND account = $2
            ORDER BY posted_at DESC, entry_id DESC LIMIT $3
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = ServiceLedger.VolunteerAccount(volunteerId) });
        command.Parameters.Add(new() { Value = limit });
        var lines = new List<StatementLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new StatementLine(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return lines;
    }

    /// <summary>The in-service members an employer has, in the caller's scope (a unit's members see all of their unit's).</summary>
    public async Task<IReadOnlyList<VolunteerView>> MembersOfEmployerAsync(PlatformUser user, string unitId, CancellationToken cancellationToken)
    {
        var where = (user.Role == PlatformRole.UnitMember ? new ViewFilter(user.DistrictCode) : new ViewFilter(user.DistrictCode).NarrowTo(user, new ViewScopeColumns()))
            .Add("employer_unit_id = {0}", unitId);
        var page = await views.PageAsync<VolunteerView>(VolunteerViews, where, "community_id, name, volunteer_id", new PageRequest(1, 10_000), cancellationToken);
        return page.Items;
    }

    /// <summary>What each of <paramref name="volunteerIds"/> was credited between two dates, by what it was for and in which kind.</summary>
    public async Task<IReadOnlyList<ServiceTotal>> ServiceBetweenAsync(
        string tenantId, IReadOnlyList<string> volunteerIds, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT substr(account, 11), source_title, kind, sum(amount), min(occurred_on)
            FROM {LedgerLines}
            WHERE tenant_id = $1 AND account = ANY($2) AND occurred_on >= $3 AND occurred_on <= $4
            GROUP BY account, source_id, source_title, kind HAVING sum(amount) <> 0
            ORDER BY account, min(occurred_on), source_title
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = volunteerIds.Select(ServiceLedger.VolunteerAccount).ToArray() });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = until });
        var totals = new List<ServiceTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            totals.Add(new ServiceTotal(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetFieldValue<DateOnly>(4)));
        return totals;
    }

    /// <summary>Every posting of every kind sums to zero: the check an auditor (and a test) runs over the whole ledger.</summary>
    public async Task<IReadOnlyList<string>> UnbalancedEntriesAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT entry_id FROM {LedgerLines} WHERE tenant_id = $1 GROUP BY entry_id HAVING sum(amount) <> 0");
        command.Parameters.Add(new() { Value = tenantId });
        var entries = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) entries.Add(reader.GetString(0));
        return entries;
    }

    /// <summary>Teams and activities are open to the whole community: its staff and street as always, and its volunteers
    /// and residents, who sign up from them.</summary>
    private static ViewFilter InCommunityOf(PlatformUser user) => user.Role is PlatformRole.Volunteer or PlatformRole.Resident
        ? new ViewFilter(user.DistrictCode).Add("community_id = {0}", user.CommunityId ?? "")
        : new ViewFilter(user.DistrictCode).NarrowTo(user, new ViewScopeColumns());
}
