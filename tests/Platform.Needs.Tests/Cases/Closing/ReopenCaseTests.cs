using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Closing;

/// <summary>ReopenCase (重办).</summary>
public sealed class ReopenCaseTests
{
    [Fact]
    public void Reopening_an_unsatisfying_case_starts_round_2_with_a_new_handling_deadline() =>
        Spec.Given(AtCallback(resolved: false, satisfied: false))
            .When(new ReopenCase(" 又满了 "))
            .Then(new CaseReopened(CaseId, "又满了", 2, Now.AddHours(168), Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.InHandling, @case.Status);
                Assert.Equal(2, @case.Round);
                Assert.Equal(Now.AddHours(168), @case.HandleBy);
                Assert.Null(@case.Callback);
            });

    [Fact]
    public void Reopening_a_resolved_but_unsatisfying_case_is_allowed() =>
        Spec.Given(AtCallback(resolved: true, satisfied: false))
            .When(new ReopenCase("态度差"))
            .Then(new CaseReopened(CaseId, "态度差", 2, Now.AddHours(168), Actor, Now));

    [Fact]
    public void Reopening_a_resolved_and_satisfying_case_is_refused() =>
        Spec.Given(AtCallback(resolved: true, satisfied: true)).When(new ReopenCase("再办")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Reopening_without_a_reason_is_invalid() =>
        Spec.Given(AtCallback(resolved: false, satisfied: false)).When(new ReopenCase(null)).ThenInvalid("reason");

    [Fact]
    public void Reopening_a_closed_case_is_refused() =>
        Spec.Given([.. AtCallback(resolved: false, satisfied: false), new CaseClosed(CaseId, NeedId, false, false, "staff-1", Now.AddMinutes(-1))])
            .When(new ReopenCase("再办"))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void Reopening_a_missing_case_is_not_found() =>
        Spec.Given().When(new ReopenCase("再办")).ThenThrows<NotFoundException>();
}
