using Platform.Contracts.Catalogue;

namespace Platform.Projects.Meetings;

/// <summary>An accepted need no project has taken yet, as the agenda weighs it.</summary>
public sealed record NeedTopic(string NeedId, string Title, string Category, string? CommunityId, bool Urgent, DateTimeOffset AcceptedAt);

/// <summary>A published offer reaching the council's place, with what is still free of it.</summary>
public sealed record OfferTopic(string OfferId, string Title, string Category, IReadOnlyList<string> CommunityIds, string FreeReads, bool HasFree);

/// <summary>An earlier decision still open, with how its project stands.</summary>
public sealed record FeedbackTopic(string DecisionId, int MeetingNumber, string Title, string StandingReads);

/// <summary>What goes before the meeting, and what waits for the next one.</summary>
public sealed record DraftedAgenda(IReadOnlyList<AgendaItem> Items, IReadOnlyList<AgendaItem> Deferred);

/// <summary>
/// The agenda the service drafts for a meeting, as a pure function. First the 反馈清单: every earlier decision still
/// open, which the meeting must review. Then the needs accepted and the topics proposed by the day topics close
/// (later ones wait for the next meeting unless urgent), and the offers with free capacity that can answer one of
/// those needs (the catalogue says which categories answer which).
/// </summary>
public static class Agenda
{
    /// <summary>An offer answers a need when its catalogue category serves the need's category and it reaches the need's community.</summary>
    public static bool Answers(OfferTopic offer, NeedTopic need) =>
        ServiceCatalogue.Find(offer.Category)?.AnswersNeeds.Contains(need.Category) == true
        && need.CommunityId is { } community && offer.CommunityIds.Contains(community);

    public const int DefaultTopicsCloseDays = 15;

    /// <summary>At most this many offers are suggested, the ones answering most needs first.</summary>
    public const int MostOffers = 10;

    public static DateOnly TopicsCloseOn(DateTimeOffset heldAt, int closeDays) => DistrictTime.DateOf(heldAt).AddDays(-closeDays);

    public static DraftedAgenda Draft(
        Meeting meeting, IEnumerable<FeedbackTopic> feedback, IEnumerable<NeedTopic> needs, IEnumerable<OfferTopic> offers)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        bool InTime(DateTimeOffset at) => DistrictTime.DateOf(at) <= meeting.TopicsCloseOn;
        var items = new List<AgendaItem>();
        var deferred = new List<AgendaItem>();
        items.AddRange(feedback.OrderBy(topic => topic.MeetingNumber).Select(topic => new AgendaItem(
            AgendaItem.Feedback, topic.DecisionId, topic.Title, $"第 {topic.MeetingNumber} 次会议议定；{topic.StandingReads}", Urgent: false)));
        // A topic raised for a need, in time or as urgent, brings that need onto the agenda.
        var raisedForNeeds = meeting.Topics.Where(topic => topic.NeedId is not null && (topic.Urgent || InTime(topic.ProposedAt)))
            .ToDictionary(topic => topic.NeedId!, topic => topic.Urgent, StringComparer.Ordinal);
        var onAgenda = new List<NeedTopic>();
        foreach (var need in needs.OrderBy(need => need.AcceptedAt))
        {
            var urgent = need.Urgent || raisedForNeeds.GetValueOrDefault(need.NeedId);
            var item = new AgendaItem(AgendaItem.Need, need.NeedId, need.Title, $"{DistrictTime.DateOf(need.AcceptedAt):yyyy-MM-dd} 受理", urgent);
            if (urgent || InTime(need.AcceptedAt) || raisedForNeeds.ContainsKey(need.NeedId))
            {
                items.Add(item);
                onAgenda.Add(need);
            }
            else deferred.Add(item);
        }
        foreach (var topic in meeting.Topics.OrderBy(topic => topic.ProposedAt))
        {
            if (topic.NeedId is not null && onAgenda.Any(need => need.NeedId == topic.NeedId)) continue;
            var item = new AgendaItem(AgendaItem.Topic, topic.NeedId ?? "", topic.Title, $"{DistrictTime.DateOf(topic.ProposedAt):yyyy-MM-dd} 提出", topic.Urgent);
            (topic.Urgent || InTime(topic.ProposedAt) ? items : deferred).Add(item);
        }
        var suggested = offers
            .Where(offer => offer.HasFree)
            .Select(offer => (Offer: offer, Answers: onAgenda.Where(need => Answers(offer, need)).ToList()))
            .Where(match => match.Answers.Count > 0)
            .OrderByDescending(match => match.Answers.Count).ThenBy(match => match.Offer.OfferId, StringComparer.Ordinal)
            .Take(MostOffers);
        items.AddRange(suggested.Select(match => new AgendaItem(
            AgendaItem.Offer, match.Offer.OfferId, match.Offer.Title,
            $"{match.Offer.FreeReads}；可回应：{string.Join("、", match.Answers.Take(3).Select(need => need.Title))}{(match.Answers.Count > 3 ? " 等" : "")}", Urgent: false)));
        return new DraftedAgenda(items, deferred);
    }
}
