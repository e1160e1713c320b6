using Npgsql;
using Platform.Storage.Views;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.ReadModels;

public sealed record VolunteerFilter(string? Kind, string? Status, string? StreetId, string? CommunityId, string? Query, PageRequest Paging);

public sealed record TeamFilter(string? StreetId, string? CommunityId, PageRequest Paging);

/// <param name="VolunteerId">Activities this volunteer is on the roster of.</param>
public sealed record ActivityFilter(string? Status, string? StreetId, string? CommunityId, string? TeamId, string? VolunteerId, bool? Upcoming, PageRequest Paging);

/// <summary>A volunteer's balance in one kind: the sum of their account's lines, and how many entries made it.</summary>
public sealed record LedgerBalance(string Kind, decimal Balance, long Entries);

/// <summary>One posting on a volunteer's account, for their statement.</summary>
public sealed record StatementLine(string EntryId, string ActivityId, string ActivityTitle, string Kind, decimal Amount, DateOnly OccurredOn, DateTimeOffset PostedAt);

/// <summary>Reads of the views and ledgers, always narrowed to what the caller's role and place may see, then to the filters.</summary>
public sealed class VolunteersQueries(NpgsqlDataSource dataSource)
{
    private const string VolunteerViews = $"{VolunteersSchema.Name}.volunteer_views";
    private const string TeamViews = $"{VolunteersSchema.Name}.team_views";
    private const string ActivityViews = $"{VolunteersSchema.Name}.activity_views";
    private const string LedgerLines = $"{VolunteersSchema.Name}.ledger_lines";

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
            SELECT line.entry_id, line.activity_id, coalesce(activity.view->>'title', line.activity_id), line.kind, line.amount, line.occurred_on, line.posted_at
            FROM {LedgerLines} line
            LEFT JOIN {ActivityViews} activity ON activity.tenant_id = line.tenant_id AND activity.activity_id = line.activity_id
            WHERE line.tenant_id = $1 AND line.account = $2
            ORDER BY line.posted_at DESC, line.entry_id DESC LIMIT $3
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
