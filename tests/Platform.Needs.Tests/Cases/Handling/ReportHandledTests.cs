using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Handling;

/// <summary>ReportHandled (办理反馈).</summary>
public sealed class ReportHandledTests
{
    [Fact]
    public void The_lead_reports_in_time() =>
        Spec.Given(InHandling())
            .When(new ReportHandled(Lead, " 已清运。 "))
            .Then(new CaseReported(CaseId, Lead, "已清运。", true, HandleBy, DispatchedAt, Actor, Now))
            .AndState(@case => Assert.Equal(CaseStatus.Reported, @case.Status));

    [Fact]
    public void A_report_after_the_handling_deadline_is_late() =>
        Spec.Given(InHandling())
            .When(new ReportHandled(Lead, "已清运。"), at: HandleBy.AddSeconds(1))
            .Then(new CaseReported(CaseId, Lead, "已清运。", false, HandleBy, DispatchedAt, Actor, HandleBy.AddSeconds(1)));

    [Fact]
    public void Only_the_lead_reports() =>
        Spec.Given([.. InHandling(), Signed(Assisting)]).When(new ReportHandled(Assisting, "已清运。")).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_report_without_a_result_is_invalid() =>
        Spec.Given(InHandling()).When(new ReportHandled(Lead, null)).ThenInvalid("result");

    [Fact]
    public void Reporting_before_signing_is_refused() =>
        Spec.Given(Blown(), Dispatched()).When(new ReportHandled(Lead, "已清运。")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Reporting_a_missing_case_is_not_found() =>
        Spec.Given().When(new ReportHandled(Lead, "已清运。")).ThenThrows<NotFoundException>();
}
