using Npgsql;
using Platform.Kernel.Time;
using Platform.Storage.Views;

namespace Platform.Projects.ReadModels;

/// <param name="HeldIn">A month (<c>2026-11</c>) in which the meetings were (or are to be) held.</param>
public sealed record MeetingFilter(string? Status, string? Level, string? StreetId, string? CommunityId, PageRequest Paging, string? HeldIn = null);

/// <summary>Reads of the meeting views, narrowed to what the caller's role and place may see, then to the filters.</summary>
public sealed class MeetingQueries(NpgsqlDataSource dataSource)
{
    private const string MeetingViews = $"{ProjectsSchema.Name}.meeting_views";
    private const string CouncilViews = $"{ProjectsSchema.Name}.council_views";

    /// <summary>A meeting is its community's and street's; a street's meeting its street's; the district's the district's.</summary>
    private static readonly ViewScopeColumns MeetingScope = new();

    private readonly JsonViews views = new(dataSource, ProjectsViewProjection.Json);

    public Task<MeetingView?> FindMeetingAsync(string tenantId, string meetingId, CancellationToken cancellationToken) =>
        views.FindAsync<MeetingView>(MeetingViews, "meeting_id", tenantId, meetingId, cancellationToken);

    public Task<CouncilView?> FindCouncilAsync(string tenantId, string partyId, CancellationToken cancellationToken) =>
        views.FindAsync<CouncilView>(CouncilViews, "party_id", tenantId, partyId, cancellationToken);

    public Task<ResultPage<MeetingView>> ListMeetingsAsync(PlatformUser user, MeetingFilter filter, CancellationToken cancellationToken)
    {
        var where = new ViewFilter(user.DistrictCode).NarrowTo(user, MeetingScope)
            .AddWhenGiven("status = {0}", filter.Status)
            .AddWhenGiven("level = {0}", filter.Level)
            .AddWhenGiven("street_id = {0}", filter.StreetId)
            .AddWhenGiven("community_id = {0}", filter.CommunityId);
        if (DistrictTime.TryParseMonth(filter.HeldIn, out var from, out var until))
            where.Add("held_at >= {0}", from.ToUniversalTime()).Add("held_at < {0}", until.ToUniversalTime());
        return views.PageAsync<MeetingView>(MeetingViews, where, "held_at DESC, meeting_id", filter.Paging, cancellationToken);
    }
}
