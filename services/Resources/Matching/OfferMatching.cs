using Platform.Contracts.Catalogue;
using Platform.Resources.Offers;

namespace Platform.Resources.Matching;

/// <summary>An accepted need as matching sees it: its category (the Needs service's code) and its community.</summary>
public sealed record NeedToMatch(string NeedId, string Title, string Category, string StreetId, string CommunityId);

/// <summary>An offer that may answer the need, with what a person reads to judge it.</summary>
/// <param name="Score">Higher first; only the order means anything.</param>
/// <param name="FirstOpening">The earliest date within the look-ahead with capacity left.</param>
public sealed record OfferMatch(string OfferId, int Score, DateOnly FirstOpening, decimal FreeThen, IReadOnlyList<string> Reasons);

/// <summary>
/// Suggests offers for an accepted need, as advice for the people who decide: the same kind of service (a catalogue
/// category that answers the need's category), within reach (open to the need's community), and available in time
/// (capacity left within the look-ahead). Ranked by how soon and how much is free, offers of the community's own
/// units first; each match says why.
/// </summary>
public static class OfferMatching
{
    /// <summary>How far ahead an offer must have room to count as available in time.</summary>
    public const int LookAheadDays = 28;

    public const int MostMatches = 10;

    public static IReadOnlyList<OfferMatch> Rank(NeedToMatch need, IEnumerable<Offer> offers, IReadOnlyDictionary<string, string> categoryOfOffer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(need);
        var matches = new List<OfferMatch>();
        foreach (var offer in offers.Where(offer => offer.Status == OfferStatus.Published))
        {
            var category = ServiceCatalogue.Find(categoryOfOffer.GetValueOrDefault(offer.OfferId));
            if (category is null || !category.AnswersNeeds.Contains(need.Category)) continue;
            if (offer.Reach.All(community => community.CommunityId != need.CommunityId)) continue;
            var opening = FirstOpening(offer, today);
            if (opening is null) continue;
            var (date, free) = opening.Value;
            var onlyHere = offer.Reach.Count == 1;
            var daysAway = date.DayNumber - today.DayNumber;
            var score = 100 - 2 * daysAway + (onlyHere ? 10 : 0) + (free >= offer.Capacity.Amount ? 5 : 0);
            matches.Add(new OfferMatch(offer.OfferId, score, date, free,
            [
                $"「{category.Name}」类服务，可回应此类需求",
                onlyHere ? "专门面向本社区" : $"面向包括本社区在内的 {offer.Reach.Count} 个社区",
                daysAway == 0 ? $"今天即可预约，余 {free:0.##}" : $"最近可约 {date:MM-dd}（{daysAway} 天后），余 {free:0.##}",
            ]));
        }
        return [.. matches.OrderByDescending(match => match.Score).ThenBy(match => match.OfferId, StringComparer.Ordinal).Take(MostMatches)];
    }

    /// <summary>The first day from today within the look-ahead with room left in one of its openings, and how much.</summary>
    private static (DateOnly Date, decimal Free)? FirstOpening(Offer offer, DateOnly today)
    {
        foreach (var day in OfferCalendar.Days(offer, today, LookAheadDays).Where(day => !day.Closed))
        {
            var free = day.Openings.Select(opening => opening.Free).DefaultIfEmpty(0).Max();
            if (free > 0) return (day.Date, free);
        }
        return null;
    }
}
