using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Handling;

public sealed class AddCaseEvidenceTests
{
    private static MediaReference Photo(int number) => new($"0193a000-0000-7000-8000-00000000000{number}", null, new string('b', 63) + number);

    [Fact]
    public void A_signed_department_adds_photos_of_its_work_while_handling_and_until_the_result_is_verified()
    {
        Spec.Given(InHandling())
            .When(new AddCaseEvidence(Lead, [Photo(1)]))
            .Then(new CaseEvidenceAdded(CaseId, Lead, [Photo(1)], Actor, Now))
            .AndState(state => Assert.Equal(1, state.EvidenceCount));
        Spec.Given([.. InHandling(), Reported()])
            .When(new AddCaseEvidence(Lead, [Photo(2)]))
            .Then(new CaseEvidenceAdded(CaseId, Lead, [Photo(2)], Actor, Now));
    }

    [Fact]
    public void A_department_that_has_not_signed_or_is_not_on_the_case_adds_no_photos()
    {
        Spec.Given(InHandling()).When(new AddCaseEvidence(Assisting, [Photo(1)])).ThenThrows<RuleViolationException>();
        Spec.Given(InHandling()).When(new AddCaseEvidence(Outsider, [Photo(1)])).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void A_verified_case_takes_no_more_photos_and_a_case_keeps_at_most_nine()
    {
        Spec.Given([.. InHandling(), Reported(), Verified()]).When(new AddCaseEvidence(Lead, [Photo(1)])).ThenThrows<RuleViolationException>();
        Spec.Given([.. InHandling(), new CaseEvidenceAdded(CaseId, Lead, [.. Enumerable.Range(1, 8).Select(Photo)], "staff-lead", Now.AddMinutes(-1))])
            .When(new AddCaseEvidence(Lead, [Photo(9), Photo(0)]))
            .ThenInvalid("media");
    }

    [Fact]
    public void Photos_added_by_another_department_do_not_make_a_department_look_again() =>
        Assert.True(WhistleCaseDecider.Commutes(new AddCaseEvidence(Lead, [Photo(1)]), new CaseEvidenceAdded(CaseId, Assisting, [Photo(2)], "staff-cgzf", Now)));
}
