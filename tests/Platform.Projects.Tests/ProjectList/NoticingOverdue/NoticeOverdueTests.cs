using Platform.Projects.Meetings;
using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.NoticingOverdue;

public sealed class NoticeOverdueTests
{
    /// <summary>The survey was due on 31 January: its owner hears of it on 1 February, the chair on 4 February.</summary>
    private static readonly DateTimeOffset DayAfter = new(2027, 2, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly RosterMember Chair = new("u-fmj-shizheng", "富民市政工程队");

    private static TaskOverdueNoticed Noticed(string stage, int daysLate, string to, string? toUnit, DateTimeOffset at) =>
        new(ProjectId, Name, "T1", SurveyTask.What, stage, SurveyTask.Deadline, daysLate, to, toUnit, Actor, at);

    [Fact]
    public void The_owner_is_told_the_day_after_the_deadline_and_the_chair_three_days_later() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new NoticeOverdue("T1", OverdueNotice.Owner, null), DayAfter)
                .Then(Noticed(OverdueNotice.Owner, 1, "富民测绘公司", "u-fmj-cehui", DayAfter)),
            () => Spec.Given(Decided(), Noticed(OverdueNotice.Owner, 1, "富民测绘公司", "u-fmj-cehui", DayAfter))
                .When(new NoticeOverdue("T1", OverdueNotice.Chair, Chair), DayAfter.AddDays(3))
                .Then(Noticed(OverdueNotice.Chair, 4, "轮值主席富民市政工程队", "u-fmj-shizheng", DayAfter.AddDays(3))),
            () => Spec.Given(Decided()).When(new NoticeOverdue("T1", OverdueNotice.Chair, null), DayAfter.AddDays(3))
                .Then(Noticed(OverdueNotice.Chair, 4, "社区党委", null, DayAfter.AddDays(3))));

    [Fact]
    public void Nothing_is_noticed_early_twice_or_for_a_task_done_or_a_project_completed() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new NoticeOverdue("T1", OverdueNotice.Owner, null), DayAfter.AddMinutes(-1)).ThenNothing(),
            () => Spec.Given(Decided(), Noticed(OverdueNotice.Owner, 1, "富民测绘公司", "u-fmj-cehui", DayAfter))
                .When(new NoticeOverdue("T1", OverdueNotice.Owner, null), DayAfter.AddDays(1)).ThenNothing(),
            () => Spec.Given(Decided(), Evidence("T1"), Reached("T1", true)).When(new NoticeOverdue("T1", OverdueNotice.Owner, null), DayAfter).ThenNothing(),
            () => Spec.Given(Decided()).When(new NoticeOverdue("T9", OverdueNotice.Owner, null), DayAfter).ThenNothing());

    [Fact]
    public void Every_open_task_of_a_running_project_has_two_notices_to_come()
    {
        var pending = OverdueNotice.Pending(true, [SurveyTask, BuildTask with { DoneOn = Today }], ["T1:owner"]).ToList();
        Assert.Equal([new OverdueNotice("T1", OverdueNotice.Chair, new DateTimeOffset(2027, 2, 4, 0, 0, 0, TimeSpan.FromHours(8)))], pending);
        Assert.Empty(OverdueNotice.Pending(false, [SurveyTask], []));
    }
}
