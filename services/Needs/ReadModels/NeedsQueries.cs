using Npgsql;
using Platform.Authorization;
using Platform.Kernel.Time;
using Platform.Storage.Views;

namespace Platform.Needs.ReadModels;

/// <param name="RaisedIn">A month (<c>2026-11</c>) in which the needs were raised.</param>
/// <param name="Stage">A stage of the funnel (<see cref="NeedList.NeedFunnel"/>) the needs have reached.</param>
public sealed record NeedFilter(
    string? Status, string? Category, string? StreetId, string? CommunityId, string? Query, PageRequest Paging, string? RaisedIn = null, string? Stage = null);

public sealed record CaseFilter(
    string? Status, string? Level, string? StreetId, string? CommunityId, string? DepartmentId, bool? Overdue, bool? Open, PageRequest Paging);

/// <summary>Reads of the views, always narrowed to what the caller's role and place may see (the kernel's
/// <see cref="ViewScope"/>), then to what the caller filters on.</summary>
public sealed class NeedsQueries(NpgsqlDataSource dataSource)
{
    private const string NeedViews = $"{NeedsSchema.Name}.need_views";
    private const string CaseViews = $"{NeedsSchema.Name}.case_views";

    /// <summary>A resident sees their own needs; departments work on cases, not on the community's list.</summary>
    private static readonly ViewScopeColumns NeedScope = new(Reporter: "reporter_user_id");

    private static readonly ViewScopeColumns CaseScope = new(Department: "department_ids");

    private readonly JsonViews views = new(dataSource, NeedsViewProjection.Json);

    public Task<NeedView?> FindNeedAsync(string tenantId, string needId, CancellationToken cancellationToken) =>
        views.FindAsync<NeedView>(NeedViews, "need_id", tenantId, needId, cancellationToken);

    public Task<CaseView?> FindCaseAsync(string tenantId, string caseId, CancellationToken cancellationToken) =>
        views.FindAsync<CaseView>(CaseViews, "case_id", tenantId, caseId, cancellationToken);

    public Task<NeedView?> FindNeedByExternalIdAsync(string tenantId, string externalId, CancellationToken cancellationToken) =>
        views.FindAsync<NeedView>(NeedViews, "external_id", tenantId, externalId, cancellationToken);

    public Task<ResultPage<NeedView>> ListNeedsAsync(PlatformUser user, NeedFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, NeedScope);
        switch (filter.Status)
        {
            case "open": where.Add("is_open"); break;
            case "overdue": where.Add("is_open AND overdue"); break;
            default: where.AddWhenGiven("status = {0}", filter.Status); break;
        }
        where.AddWhenGiven("category = {0}", filter.Category)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId);
        if (filter.Query is { Length: > 0 } query) where.Add("search ILIKE {0}", ViewFilter.Containing(query));
        if (DistrictTime.TryParseMonth(filter.RaisedIn, out var from, out var until)) where.Add("raised_at >= {0}", from.ToUniversalTime()).Add("raised_at < {0}", until.ToUniversalTime());
        where.AddWhenGiven("funnel_stages @> ARRAY[{0}]::text[]", filter.Stage);
        return views.PageAsync<NeedView>(NeedViews, where, "raised_at DESC, need_id", filter.Paging, cancellationToken);
    }

    public Task<ResultPage<CaseView>> ListCasesAsync(PlatformUser user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, CaseScope)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("level = {0}", filter.Level)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId)
            .AddWhenGiven("department_ids @> ARRAY[{0}]::text[]", filter.DepartmentId);
        if (filter.Overdue is { } overdue) where.Add(overdue ? "overdue" : "NOT overdue");
        if (filter.Open is { } open) where.Add(open ? "is_open" : "NOT is_open");
        return views.PageAsync<CaseView>(CaseViews, where, "is_open DESC, next_deadline_at ASC NULLS LAST, blown_at DESC, case_id", filter.Paging, cancellationToken);
    }

    public sealed record Notification(long Id, string? CaseId, string? NeedId, string Kind, string Message, DateTimeOffset At);

    public async Task<IReadOnlyList<Notification>> NotificationsAsync(PlatformUser user, int limit, CancellationToken cancellationToken)
    {
        var (kind, id) = user.Role switch
        {
            PlatformRole.DistrictAdmin => ("district", "*"),
            PlatformRole.StreetStaff => ("street", user.StreetId),
            PlatformRole.CommunityStaff => ("community", user.CommunityId),
            PlatformRole.DepartmentStaff => ("department", user.DepartmentId),
            PlatformRole.Resident => ("user", user.UserId),
            _ => ("", null),
        };
        if (id is null) return [];
        await using var command = dataSource.CreateCommand($"""
            SELECT id, case_id, need_id, kind, message, at FROM {NeedsSchema.Name}.notifications
            WHERE tenant_id = $1 AND audience_kind = $2 AND audience_id = $3 ORDER BY at DESC, id DESC LIMIT $4
            """);
        command.Parameters.Add(new() { Value = user.DistrictCode });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = limit });
        var result = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Notification(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return result;
    }
}
