using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Signing;

/// <summary>SignCase (报到).</summary>
public sealed class SignCaseTests
{
    [Fact]
    public void The_lead_signing_in_time_moves_the_case_to_handling() =>
        Spec.Given(Blown(), Dispatched())
            .When(new SignCase(Lead, true))
            .Then(new DepartmentSigned(CaseId, Lead, true, true, SignBy, DispatchedAt, Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.InHandling, @case.Status);
                Assert.Contains(Lead, @case.SignedDepartmentIds);
            });

    [Fact]
    public void Signing_exactly_at_the_deadline_is_in_time() =>
        Spec.Given(Blown(), Dispatched())
            .When(new SignCase(Lead, false), at: SignBy)
            .Then(new DepartmentSigned(CaseId, Lead, false, true, SignBy, DispatchedAt, Actor, SignBy));

    [Fact]
    public void Signing_after_the_deadline_is_late() =>
        Spec.Given(Blown(), Dispatched())
            .When(new SignCase(Lead, true), at: SignBy.AddMinutes(1))
            .Then(new DepartmentSigned(CaseId, Lead, true, false, SignBy, DispatchedAt, Actor, SignBy.AddMinutes(1)))
            .AndState(@case => Assert.Equal(CaseStatus.InHandling, @case.Status));

    [Fact]
    public void An_assisting_department_signing_leaves_the_case_waiting_for_the_lead() =>
        Spec.Given(Blown(), Dispatched())
            .When(new SignCase(Assisting, false))
            .Then(new DepartmentSigned(CaseId, Assisting, false, true, SignBy, DispatchedAt, Actor, Now))
            .AndState(@case => Assert.Equal(CaseStatus.Dispatched, @case.Status));

    [Fact]
    public void An_assisting_department_may_sign_while_the_case_is_in_handling() =>
        Spec.Given(InHandling())
            .When(new SignCase(Assisting, true))
            .Then(new DepartmentSigned(CaseId, Assisting, true, true, SignBy, DispatchedAt, Actor, Now))
            .AndState(@case => Assert.Equal(CaseStatus.InHandling, @case.Status));

    [Fact]
    public void A_department_outside_the_case_cannot_sign() =>
        Spec.Given(Blown(), Dispatched()).When(new SignCase(Outsider, true)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Signing_twice_is_refused() =>
        Spec.Given(InHandling()).When(new SignCase(Lead, true)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Signing_before_dispatch_is_refused() =>
        Spec.Given(Blown()).When(new SignCase(Lead, true)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Signing_a_missing_case_is_not_found() =>
        Spec.Given().When(new SignCase(Lead, true)).ThenThrows<NotFoundException>();
}
