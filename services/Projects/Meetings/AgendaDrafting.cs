using Platform.Contracts.Catalogue;
using Platform.Projects.Copies;

namespace Platform.Projects.Meetings;

/// <summary>Gathers what <see cref="Agenda.Draft"/> weighs for a meeting, from this service's own views and copies: the
/// council's open decisions with their projects, the accepted needs of its place that no project has taken, and the
/// offers still published.</summary>
public sealed class AgendaDrafting(ProjectCopies copies, ProjectQueries projects, TimeProvider clock)
{
    public const int MostNeeds = 200;

    public async Task<DraftedAgenda> DraftAsync(string districtCode, Council council, Meeting meeting, CancellationToken cancellationToken)
    {
        var party = council.Party!;
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var feedback = new List<FeedbackTopic>();
        foreach (var (decidedAt, decision) in council.OpenDecisionsBefore(meeting.Number))
        {
            var project = decision.ProjectId is null ? null : await projects.FindProjectAsync(districtCode, decision.ProjectId, cancellationToken);
            feedback.Add(new FeedbackTopic(decision.DecisionId, decidedAt.Number, decision.Title, Standing(project, decision, today)));
        }
        var accepted = await copies.AcceptedNeedsAsync(districtCode, party.StreetId, party.CommunityId, MostNeeds, cancellationToken);
        var taken = await projects.NeedsInProjectsAsync(districtCode, [.. accepted.Select(need => need.RecordId)], cancellationToken);
        var needs = accepted.Where(need => !taken.Contains(need.RecordId)).Select(need => new NeedTopic(
            need.RecordId, need.Facts.Title, need.Facts.Category, need.CommunityId, need.Facts.Urgency == "urgent", need.ChangedAt));
        var heldOn = DistrictTime.DateOf(meeting.HeldAt);
        var offers = (await copies.PublishedOffersAsync(districtCode, cancellationToken)).Select(found =>
        {
            var (offer, booked) = found;
            var measure = OfferMeasures.Names.GetValueOrDefault(offer.Facts.CapacityMeasure, offer.Facts.CapacityMeasure);
            var inTotal = offer.Facts.CapacityScope == OfferMeasures.InTotal;
            var free = inTotal ? offer.Facts.CapacityAmount - booked : offer.Facts.CapacityAmount;
            var reads = inTotal ? $"尚余 {free:0.##} {measure}（共 {offer.Facts.CapacityAmount:0.##}）" : $"每时段 {free:0.##} {measure}，{offer.Facts.AvailableUntil:yyyy-MM-dd} 前可约";
            return new OfferTopic(offer.RecordId, offer.Facts.Title, offer.Facts.Category, offer.Facts.CommunityIds, reads, free > 0 && offer.Facts.AvailableUntil >= heldOn);
        });
        return Agenda.Draft(meeting, feedback, needs, offers);
    }

    /// <summary>How an open decision stands, as the 反馈清单 says it.</summary>
    internal static string Standing(ProjectView? project, MeetingDecision decision, DateOnly today) => project switch
    {
        null when decision.ProjectId is not null => "项目记录缺失",
        null => decision.DueOn is { } due ? $"议定 {due:yyyy-MM-dd} 前落实" : "议定事项",
        { Status: ProjectView.Completed } => $"项目已完成（{project.CompletedAt?.ToDistrict():yyyy-MM-dd}）",
        { Status: ProjectView.Dropped } => "项目已撤销",
        _ => project.Tasks.Count(task => task.IsOverdue(today)) is var late and > 0
            ? $"进度 {ProjectList.Project.ProgressPercent(project.Tasks)}%，{late} 项任务逾期"
            : $"进度 {ProjectList.Project.ProgressPercent(project.Tasks)}%，按期推进",
    };
}
