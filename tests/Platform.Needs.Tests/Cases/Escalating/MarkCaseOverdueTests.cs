using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Escalating;

/// <summary>MarkCaseOverdue: deadlines fire once.</summary>
public sealed class MarkCaseOverdueTests
{
    private static CaseEscalated AutomaticEscalation(string what, DateTimeOffset dueAt, string from, string to) =>
        new(CaseId, from, to, true, $"{what}超时（时限 {dueAt:yyyy-MM-dd HH:mm}），自动升级至{WhistleCaseDecider.LevelName(to)}督办。", Actor, Now);

    [Fact]
    public void A_missed_sign_deadline_escalates_a_street_case_to_the_district() =>
        Spec.Given(Blown(), Dispatched(), Signed(Lead))
            .When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Assisting, 1, SignBy))
            .Then(
                new CaseOverdue(CaseId, WhistleCaseDecider.SignDeadline, [Assisting], WhistleLevels.Street, 1, SignBy, Now),
                AutomaticEscalation("签收", SignBy, WhistleLevels.Street, WhistleLevels.District))
            .AndState(@case =>
            {
                Assert.Equal(WhistleLevels.District, @case.Level);
                Assert.Contains(WhistleCase.SignDeadlineKey(Assisting, 1), @case.BreachedDeadlines);
            });

    [Fact]
    public void A_missed_sign_deadline_of_the_unsigned_lead_escalates_too() =>
        Spec.Given(Blown(), Dispatched())
            .When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Lead, 1, SignBy))
            .Then(
                new CaseOverdue(CaseId, WhistleCaseDecider.SignDeadline, [Lead], WhistleLevels.Street, 1, SignBy, Now),
                AutomaticEscalation("签收", SignBy, WhistleLevels.Street, WhistleLevels.District));

    [Fact]
    public void A_missed_sign_deadline_at_the_district_is_only_recorded() =>
        Spec.Given(Blown(WhistleLevels.District), Dispatched(WhistleLevels.District))
            .When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Lead, 1, SignBy))
            .Then(new CaseOverdue(CaseId, WhistleCaseDecider.SignDeadline, [Lead], WhistleLevels.District, 1, SignBy, Now));

    [Fact]
    public void The_same_deadline_firing_twice_decides_nothing_the_second_time() =>
        Spec.Given(
                Blown(), Dispatched(),
                new CaseOverdue(CaseId, WhistleCaseDecider.SignDeadline, [Lead], WhistleLevels.Street, 1, SignBy, SignBy),
                new CaseEscalated(CaseId, WhistleLevels.Street, WhistleLevels.District, true, "签收超时", "system", SignBy))
            .When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Lead, 1, SignBy))
            .ThenNothing();

    [Fact]
    public void Another_departments_sign_deadline_still_counts_after_one_was_breached() =>
        Spec.Given(
                Blown(), Dispatched(),
                new CaseOverdue(CaseId, WhistleCaseDecider.SignDeadline, [Lead], WhistleLevels.Street, 1, SignBy, SignBy),
                new CaseEscalated(CaseId, WhistleLevels.Street, WhistleLevels.District, true, "签收超时", "system", SignBy))
            .When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Assisting, 1, SignBy))
            .Then(new CaseOverdue(CaseId, WhistleCaseDecider.SignDeadline, [Assisting], WhistleLevels.District, 1, SignBy, Now));

    [Fact]
    public void A_sign_deadline_met_by_the_department_decides_nothing() =>
        Spec.Given(InHandling()).When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Lead, 1, SignBy)).ThenNothing();

    [Fact]
    public void A_sign_deadline_of_a_department_no_longer_in_the_case_decides_nothing() =>
        Spec.Given([.. InHandling(), TransferAskedBy(Assisting), new CaseTransferred(CaseId, Assisting, "dept-swj", false, Now.AddHours(1), "", "staff-1", Now)])
            .When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Assisting, 1, SignBy))
            .ThenNothing();

    [Fact]
    public void A_sign_deadline_without_a_department_decides_nothing() =>
        Spec.Given(Blown(), Dispatched()).When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, null, 1, SignBy)).ThenNothing();

    [Fact]
    public void A_missed_handling_deadline_names_every_department_and_escalates() =>
        Spec.Given(InHandling())
            .When(new MarkCaseOverdue(WhistleCaseDecider.HandleDeadline, null, 1, HandleBy))
            .Then(
                new CaseOverdue(CaseId, WhistleCaseDecider.HandleDeadline, [Lead, Assisting], WhistleLevels.Street, 1, HandleBy, Now),
                AutomaticEscalation("办理", HandleBy, WhistleLevels.Street, WhistleLevels.District))
            .AndState(@case => Assert.Contains(WhistleCase.HandleDeadlineKey(1), @case.BreachedDeadlines));

    [Fact]
    public void A_handling_deadline_of_a_reported_case_decides_nothing() =>
        Spec.Given([.. InHandling(), Reported()]).When(new MarkCaseOverdue(WhistleCaseDecider.HandleDeadline, null, 1, HandleBy)).ThenNothing();

    [Fact]
    public void Deadlines_of_the_round_before_a_reopen_decide_nothing() =>
        Spec.Given([.. AtCallback(resolved: false, satisfied: false), Reopened()])
            .When(new MarkCaseOverdue(WhistleCaseDecider.HandleDeadline, null, 1, HandleBy))
            .ThenNothing();

    [Fact]
    public void The_handling_deadline_of_the_reopened_round_counts() =>
        Spec.Given([.. AtCallback(resolved: false, satisfied: false), Reopened()])
            .When(new MarkCaseOverdue(WhistleCaseDecider.HandleDeadline, null, 2, Now.AddHours(160)))
            .Then(
                new CaseOverdue(CaseId, WhistleCaseDecider.HandleDeadline, [Lead, Assisting], WhistleLevels.Street, 2, Now.AddHours(160), Now),
                AutomaticEscalation("办理", Now.AddHours(160), WhistleLevels.Street, WhistleLevels.District));

    [Fact]
    public void A_deadline_of_a_case_awaiting_dispatch_decides_nothing() =>
        Spec.Given(Blown()).When(new MarkCaseOverdue(WhistleCaseDecider.SignDeadline, Lead, 0, SignBy)).ThenNothing();

    [Fact]
    public void A_deadline_of_a_missing_case_decides_nothing() =>
        Spec.Given().When(new MarkCaseOverdue(WhistleCaseDecider.HandleDeadline, null, 0, HandleBy)).ThenNothing();
}
