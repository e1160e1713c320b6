using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Escalating;

/// <summary>EscalateCase (manual, 社区 → 街道 → 区).</summary>
public sealed class EscalateCaseTests
{
    [Fact]
    public void A_community_case_escalates_to_the_street() =>
        Spec.Given(InHandling(WhistleLevels.Community))
            .When(new EscalateCase(" 久拖不决 "))
            .Then(new CaseEscalated(CaseId, WhistleLevels.Community, WhistleLevels.Street, false, "久拖不决", Actor, Now))
            .AndState(@case => Assert.Equal(WhistleLevels.Street, @case.Level));

    [Fact]
    public void A_street_case_escalates_to_the_district() =>
        Spec.Given(InHandling())
            .When(new EscalateCase("久拖不决"))
            .Then(new CaseEscalated(CaseId, WhistleLevels.Street, WhistleLevels.District, false, "久拖不决", Actor, Now))
            .AndState(@case => Assert.Equal(WhistleLevels.District, @case.Level));

    [Fact]
    public void A_case_escalated_to_the_street_escalates_next_to_the_district() =>
        Spec.Given([.. InHandling(WhistleLevels.Community), new CaseEscalated(CaseId, WhistleLevels.Community, WhistleLevels.Street, false, "久拖不决", "staff-1", Now.AddMinutes(-1))])
            .When(new EscalateCase("仍未解决"))
            .Then(new CaseEscalated(CaseId, WhistleLevels.Street, WhistleLevels.District, false, "仍未解决", Actor, Now));

    [Fact]
    public void A_case_awaiting_dispatch_may_be_escalated() =>
        Spec.Given(Blown())
            .When(new EscalateCase("街道无法协调"))
            .Then(new CaseEscalated(CaseId, WhistleLevels.Street, WhistleLevels.District, false, "街道无法协调", Actor, Now));

    [Fact]
    public void A_district_case_cannot_be_escalated() =>
        Spec.Given(InHandling(WhistleLevels.District)).When(new EscalateCase("再升")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_without_a_reason_is_invalid() =>
        Spec.Given(InHandling()).When(new EscalateCase(null)).ThenInvalid("reason");

    [Fact]
    public void Escalating_a_reported_case_is_refused() =>
        Spec.Given([.. InHandling(), Reported()]).When(new EscalateCase("久拖不决")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Escalating_a_missing_case_is_not_found() =>
        Spec.Given().When(new EscalateCase("久拖不决")).ThenThrows<NotFoundException>();
}
