using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.CallingBack;

/// <summary>RecordCallback (回访) and CloseCase.</summary>
public sealed class RecordCallbackTests
{
    [Fact]
    public void The_callback_names_the_lead_and_every_department() =>
        Spec.Given([.. InHandling(), Signed(Assisting), Reported(), Verified()])
            .When(new RecordCallback(true, true, " 很满意 "))
            .Then(new CallbackRecorded(CaseId, true, true, "很满意", Lead, [Lead, Assisting], Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.CallbackDone, @case.Status);
                Assert.Equal(new Callback(true, true), @case.Callback);
            });

    [Theory]
    [InlineData("resolved")]
    [InlineData("satisfied")]
    [InlineData("comment")]
    public void A_malformed_callback_names_the_field(string field)
    {
        var command = field switch
        {
            "resolved" => new RecordCallback(null, true, null),
            "satisfied" => new RecordCallback(true, null, null),
            _ => new RecordCallback(true, true, new string('好', 1001)),
        };
        Spec.Given([.. InHandling(), Reported(), Verified()]).When(command).ThenInvalid(field);
    }

    [Fact]
    public void A_callback_before_verification_is_refused() =>
        Spec.Given([.. InHandling(), Reported()]).When(new RecordCallback(true, true, null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_callback_on_a_missing_case_is_not_found() =>
        Spec.Given().When(new RecordCallback(true, true, null)).ThenThrows<NotFoundException>();

    [Fact]
    public void Closing_after_the_callback_carries_its_answer() =>
        Spec.Given(AtCallback(resolved: true, satisfied: false))
            .When(new CloseCase())
            .Then(new CaseClosed(CaseId, NeedId, true, false, Actor, Now))
            .AndState(@case => Assert.Equal(CaseStatus.Closed, @case.Status));

    [Fact]
    public void Closing_before_the_callback_is_refused() =>
        Spec.Given([.. InHandling(), Reported(), Verified()]).When(new CloseCase()).ThenThrows<RuleViolationException>();

    [Fact]
    public void Closing_a_missing_case_is_not_found() =>
        Spec.Given().When(new CloseCase()).ThenThrows<NotFoundException>();
}
