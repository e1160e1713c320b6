using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Verifying;

/// <summary>VerifyCase (现场核实).</summary>
public sealed class VerifyCaseTests
{
    [Fact]
    public void A_passed_verification_moves_the_case_to_callback() =>
        Spec.Given([.. InHandling(), Reported()])
            .When(new VerifyCase(true, " 现场已清理。 "))
            .Then(new CaseVerified(CaseId, true, "现场已清理。", Actor, Now))
            .AndState(@case => Assert.Equal(CaseStatus.Verified, @case.Status));

    [Fact]
    public void A_failed_verification_returns_the_case_to_handling() =>
        Spec.Given([.. InHandling(), Reported()])
            .When(new VerifyCase(false, "仍有垃圾。"))
            .Then(new CaseVerified(CaseId, false, "仍有垃圾。", Actor, Now))
            .AndState(@case => Assert.Equal(CaseStatus.InHandling, @case.Status));

    [Fact]
    public void After_a_failed_verification_the_lead_reports_again() =>
        Spec.Given([.. InHandling(), Reported(), Verified(passed: false)])
            .When(new ReportHandled(Lead, "已彻底清理。"))
            .Then(new CaseReported(CaseId, Lead, "已彻底清理。", true, HandleBy, DispatchedAt, Actor, Now));

    [Theory]
    [InlineData("passed")]
    [InlineData("note")]
    public void A_malformed_verification_names_the_field(string field) =>
        Spec.Given([.. InHandling(), Reported()])
            .When(field == "passed" ? new VerifyCase(null, "看过") : new VerifyCase(true, " "))
            .ThenInvalid(field);

    [Fact]
    public void Verifying_before_the_report_is_refused() =>
        Spec.Given(InHandling()).When(new VerifyCase(true, "看过")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Verifying_a_missing_case_is_not_found() =>
        Spec.Given().When(new VerifyCase(true, "看过")).ThenThrows<NotFoundException>();
}
