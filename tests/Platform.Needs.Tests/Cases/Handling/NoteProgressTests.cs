using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Handling;

public sealed class NoteProgressTests
{
    [Fact]
    public void A_signed_department_notes_progress() =>
        Spec.Given(InHandling())
            .When(new NoteProgress(Lead, " 已安排车辆 "))
            .Then(new CaseProgressNoted(CaseId, Lead, "已安排车辆", Actor, Now));

    [Fact]
    public void Progress_without_a_note_is_invalid() =>
        Spec.Given(InHandling()).When(new NoteProgress(Lead, "")).ThenInvalid("note");

    [Fact]
    public void An_unsigned_department_cannot_note_progress() =>
        Spec.Given(InHandling()).When(new NoteProgress(Assisting, "在办")).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_department_outside_the_case_cannot_note_progress() =>
        Spec.Given(InHandling()).When(new NoteProgress(Outsider, "在办")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Progress_before_the_lead_signed_is_refused() =>
        Spec.Given(Blown(), Dispatched(), Signed(Assisting)).When(new NoteProgress(Assisting, "在办")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Progress_on_a_missing_case_is_not_found() =>
        Spec.Given().When(new NoteProgress(Lead, "在办")).ThenThrows<NotFoundException>();
}
