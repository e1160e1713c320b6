using Platform.Volunteers.Hours;
using Platform.Volunteers.Redemption;

namespace Platform.Volunteers.Api;

/// <summary>The service ledgers as a volunteer and a community read them: a volunteer's hours, points, stars and
/// redemptions, and the community's gifts; redemption's commands are in their use case's folder.</summary>
public static class LedgerEndpoints
{
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ledger = endpoints.MapGroup("/ledger").WithTags("Ledger");
        ledger.MapGet("", GetAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("VolunteerLedger")
            .WithSummary("一名志愿者的时长与积分台账：余额（签到核验与组织者登记分开）、星级、最近分录与兑换记录；志愿者不填 volunteerId 即为本人。");
        ledger.MapGet("/gifts", GiftsAsync).RequireAccess(VolunteersActions.ReadVolunteers).WithName("ListGifts")
            .WithSummary("社区的兑换礼品与库存。");
        GiftEndpoints.Map(ledger);
        return endpoints;
    }

    public sealed record LedgerView(
        string VolunteerId, VolunteerEndpoints.Standing Standing, IReadOnlyList<StatementLine> Statement, IReadOnlyList<RedemptionLine> Redemptions);

    public sealed record GiftSummary(string Id, string Name, string Kind, string KindName, VolunteerEndpoints.NamedPlace Community, decimal Points, int Stock, int Redeemed, long Version);

    private static async Task<IResult> GetAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ServiceRules> rules,
        string? volunteerId, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = string.IsNullOrWhiteSpace(volunteerId) && user.Role is PlatformRole.Volunteer or PlatformRole.Resident
            ? await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken) ?? throw new NotFoundException("您尚未登记为志愿者。")
            : await VolunteerEndpoints.ReadableVolunteerAsync(user, guard, queries,
                volunteerId ?? throw new InvalidCommandException("须写明志愿者。", new Dictionary<string, string[]> { ["volunteerId"] = ["须写明志愿者。"] }), cancellationToken);
        var balances = await queries.BalancesAsync(user.DistrictCode, view.Id, cancellationToken);
        return TypedResults.Ok(new LedgerView(view.Id, VolunteerEndpoints.StandingOf(balances, view, clock.GetUtcNow(), rules.Value),
            await queries.StatementAsync(user.DistrictCode, view.Id, 100, cancellationToken), view.Redemptions));
    }

    private static async Task<IResult> GiftsAsync(
        HttpContext http, AccessGuard guard, VolunteersQueries queries, OrganizationDirectory directory, string? communityId, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var found = await queries.ListGiftsAsync(user, communityId, CommandRequests.Paging(page, pageSize), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(gift => gift.CommunityId), cancellationToken);
        return TypedResults.Ok(found.Select(gift => new GiftSummary(gift.Id, gift.Name, gift.Kind, GiftKinds.Names.GetValueOrDefault(gift.Kind, gift.Kind),
            new VolunteerEndpoints.NamedPlace(gift.CommunityId, names.GetValueOrDefault(gift.CommunityId, gift.CommunityId)), gift.Points, gift.Stock, gift.Redeemed,
            gift.Version)));
    }
}
