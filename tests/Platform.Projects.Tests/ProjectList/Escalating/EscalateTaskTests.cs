using Platform.Contracts.Needs;
using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.Escalating;

public sealed class EscalateTaskTests
{
    /// <summary>The survey was due on 31 January; on 10 February it is ten days late and the unit has not delivered.</summary>
    private static readonly DateTimeOffset TenDaysLate = new(2027, 2, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private const string Reason = "测绘公司人员不足，方案迟迟未出，需规划部门协助。";

    private static TaskEscalated Escalated(string level, IReadOnlyList<string> needIds) =>
        new(ProjectId, Name, Fuminjie.StreetId, "fuminjie", "T1", SurveyTask.What, "富民测绘公司", SurveyTask.Deadline, 10, needIds, level, Reason, Actor, TenDaysLate);

    [Fact]
    public void An_overdue_task_is_whistled_to_the_street_or_the_district_with_the_needs_the_project_answers() =>
        Assert.Multiple(
            () => Spec.Given(Decided(), Taken(Parking)).When(new EscalateTask("T1", WhistleLevels.Street, $"  {Reason} "), TenDaysLate)
                .Then(Escalated(WhistleLevels.Street, [Parking.NeedId])),
            () => Spec.Given(Decided()).When(new EscalateTask("T1", WhistleLevels.District, Reason), TenDaysLate)
                .Then(Escalated(WhistleLevels.District, [])));

    [Fact]
    public void A_task_on_time_done_or_already_whistled_is_refused() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new EscalateTask("T1", WhistleLevels.Street, Reason), new DateTimeOffset(2027, 1, 31, 23, 0, 0, TimeSpan.FromHours(8)))
                .ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), Evidence("T1"), Reached("T1", true)).When(new EscalateTask("T1", WhistleLevels.Street, Reason), TenDaysLate)
                .ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), Escalated(WhistleLevels.Street, [])).When(new EscalateTask("T1", WhistleLevels.District, Reason), TenDaysLate)
                .ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided()).When(new EscalateTask("T9", WhistleLevels.Street, Reason), TenDaysLate).ThenThrows<NotFoundException>());

    [Fact]
    public void A_whistle_names_its_level_and_reason_and_a_streets_own_project_has_none() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new EscalateTask("T1", "community", " "), TenDaysLate).ThenInvalid("level", "reason"),
            () => Spec.Given(Decided() with { Party = new ProjectParty("yongchang", null) }).When(new EscalateTask("T1", WhistleLevels.District, Reason), TenDaysLate)
                .ThenThrows<RuleViolationException>());
}
