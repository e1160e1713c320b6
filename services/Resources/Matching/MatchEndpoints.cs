using Npgsql;
using Platform.Contracts.Catalogue;
using Platform.Resources.Offers;

namespace Platform.Resources.Matching;

/// <summary>Suggested offers for an accepted need: advice, ranked, each with its reasons; people decide.</summary>
public static class MatchEndpoints
{
    public static IEndpointRouteBuilder MapMatchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/matches").WithTags("Matching").MapGet("", MatchAsync).RequireAccess(ResourcesActions.ReadMatches).WithName("MatchNeed")
            .WithSummary("为已受理的需求推荐资源：同类服务、面向该社区、四周内有余量；按可约早晚与余量排序并说明理由，仅供参考。");
        return endpoints;
    }

    public sealed record MatchView(string NeedId, string NeedTitle, string CommunityId, IReadOnlyList<SuggestedOffer> Suggestions);

    public sealed record SuggestedOffer(
        string OfferId, string Title, string UnitName, string KindName, string CategoryName, string CapacityReads, DateOnly FirstOpening, decimal Free,
        IReadOnlyList<string> Reasons);

    private static async Task<IResult> MatchAsync(
        string? needId, HttpContext http, AccessGuard guard, NpgsqlDataSource dataSource, ResourcesQueries queries, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        if (string.IsNullOrWhiteSpace(needId))
            throw new InvalidCommandException("须写明需求。", new Dictionary<string, string[]> { ["needId"] = ["须写明需求。"] });
        var found = await NeedCopies.FindAsync(dataSource, user.DistrictCode, needId.Trim(), cancellationToken)
            ?? throw new NotFoundException($"资源服务尚未收到需求「{needId}」。");
        var (need, status) = found;
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, need.StreetId, need.CommunityId), $"需求「{need.Title}」");
        if (status != NeedCopies.Accepted)
            throw new RuleViolationException(status == NeedCopies.Raised ? $"需求「{need.Title}」尚未受理，受理后才推荐资源。" : $"需求「{need.Title}」已办结或已关闭。");
        var offers = await queries.OffersReachingAsync(user.DistrictCode, need.CommunityId, cancellationToken);
        var byId = offers.ToDictionary(offer => offer.Id);
        var ranked = OfferMatching.Rank(need, offers.Select(offer => offer.State()), offers.ToDictionary(offer => offer.Id, offer => offer.Category),
            DistrictTime.DateOf(clock.GetUtcNow()));
        return TypedResults.Ok(new MatchView(need.NeedId, need.Title, need.CommunityId, [.. ranked.Select(match =>
        {
            var offer = byId[match.OfferId];
            return new SuggestedOffer(
                offer.Id, offer.Title, offer.UnitName, OfferKinds.Names.GetValueOrDefault(offer.Kind, offer.Kind),
                ServiceCatalogue.Find(offer.Category)?.Name ?? offer.Category, OfferEndpoints.CapacityReads(offer.Capacity), match.FirstOpening, match.FreeThen,
                match.Reasons);
        })]));
    }
}
