using Platform.DemoLoader.Projects;
using Platform.Projects.Meetings;
using Platform.SystemUnderTest;

namespace Platform.Projects.Tests.DemoData;

/// <summary>The Projects demo as the loader would write it on 2026-12-07, checked against the seeds without a database:
/// what the rules would refuse could not be generated at all (every event comes from a decider).</summary>
public sealed class ProjectsDemoDataTests
{
    private static readonly DateTimeOffset LoadMoment = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(8));

    private static readonly ProjectsDemoSet Data = ProjectsDemoData.Generate(ProjectsDemoSources.Load(DemoDistrict.Folder), LoadMoment);

    private static IEnumerable<object> Events => Data.Groups.SelectMany(group => group).SelectMany(append => append.Events);

    [Fact]
    public void Every_community_with_three_units_or_more_has_met_every_two_months_and_scheduled_its_next_meeting()
    {
        Assert.Equal(44, Data.Councils);
        Assert.Equal(34 + 43 * 6, Data.Meetings);
        Assert.Equal(Data.Councils, Events.OfType<MeetingScheduled>().Count() - Data.Meetings);
        Assert.InRange(Data.Projects, 250, 320);
        Assert.True(Data.ProjectsCompleted > Data.Projects / 3, $"{Data.ProjectsCompleted} of {Data.Projects} completed");
        Assert.True(Data.TasksOverdue > 0, "some tasks run late");
        Assert.All(Data.Groups.SelectMany(group => group), append => Assert.True(append.At < LoadMoment, $"{append.StreamId} at {append.At}"));
    }

    [Fact]
    public void Yongxinglus_34_meetings_pass_the_chair_round_its_member_units_as_the_seed_records_them()
    {
        var scheduled = Events.OfType<MeetingScheduled>().Where(meeting => meeting.Party.PartyId == "yongxinglu").ToList();
        Assert.Equal(35, scheduled.Count);
        Assert.Equal(("u-yongxinglu-02", "u-yongxinglu-03", "u-laodong"),
            (scheduled[31].Chair.UnitId, scheduled[32].Chair.UnitId, scheduled[33].Chair.UnitId));
        Assert.Equal(new DateOnly(2026, 10, 16), DateOnly.FromDateTime(scheduled[33].HeldAt.ToOffset(TimeSpan.FromHours(8)).DateTime));
        var decided = Events.OfType<DecisionRecorded>().Select(recorded => recorded.Decision.ProjectId).OfType<string>().ToList();
        Assert.Contains("p-yxl-labazhou", decided);
        Assert.Contains("p-yxl-lianxinting", decided);
    }

    [Fact]
    public void Each_meeting_reviews_every_earlier_decision_still_open()
    {
        var opened = Events.OfType<MeetingOpened>().ToList();
        var reviewed = Events.OfType<DecisionReviewed>().GroupBy(review => review.MeetingId).ToDictionary(group => group.Key, group => group.Count());
        Assert.All(opened, meeting => Assert.Equal(meeting.Agenda.Count(item => item.Kind == AgendaItem.Feedback), reviewed.GetValueOrDefault(meeting.MeetingId)));
        Assert.Contains(Events.OfType<DecisionReviewed>(), review => review.Review.Outcome == DecisionReview.Continue);
    }

    [Fact]
    public void The_same_load_day_gives_the_same_data() =>
        Assert.Equal(
            Data.Groups.SelectMany(group => group).Select(append => (append.StreamId, append.Events.Count, append.At)),
            ProjectsDemoData.Generate(ProjectsDemoSources.Load(DemoDistrict.Folder), LoadMoment).Groups.SelectMany(group => group)
                .Select(append => (append.StreamId, append.Events.Count, append.At)));
}
