using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Transferring;

/// <summary>RequestTransfer / DecideTransfer (转办).</summary>
public sealed class TransferTests
{
    [Fact]
    public void A_department_of_the_case_requests_a_transfer() =>
        Spec.Given(Blown(), Dispatched())
            .When(new RequestTransfer(Lead, " 不属于本部门职责 ", "dept-swj"))
            .Then(new TransferRequested(CaseId, Lead, "不属于本部门职责", "dept-swj", Actor, Now))
            .AndState(@case => Assert.Equal(new PendingTransfer(Lead, "不属于本部门职责", "dept-swj"), @case.PendingTransfer));

    [Fact]
    public void A_department_outside_the_case_cannot_request_a_transfer() =>
        Spec.Given(Blown(), Dispatched()).When(new RequestTransfer(Outsider, "不归我", null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_second_transfer_request_while_one_is_pending_is_refused() =>
        Spec.Given(Blown(), Dispatched(), TransferAskedBy(Lead)).When(new RequestTransfer(Assisting, "不归我", null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_transfer_request_without_a_reason_is_invalid() =>
        Spec.Given(Blown(), Dispatched()).When(new RequestTransfer(Lead, "", null)).ThenInvalid("reason");

    [Fact]
    public void Suggesting_oneself_for_the_transfer_is_invalid() =>
        Spec.Given(Blown(), Dispatched()).When(new RequestTransfer(Lead, "不归我", Lead)).ThenInvalid("suggestedDepartmentId");

    [Fact]
    public void A_transfer_request_after_the_report_is_refused() =>
        Spec.Given([.. InHandling(), Reported()]).When(new RequestTransfer(Lead, "不归我", null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_transfer_request_on_a_missing_case_is_not_found() =>
        Spec.Given().When(new RequestTransfer(Lead, "不归我", null)).ThenThrows<NotFoundException>();

    [Fact]
    public void Approving_the_leads_transfer_changes_the_lead_and_waits_for_it_to_sign() =>
        Spec.Given([.. InHandling(), TransferAskedBy(Lead)])
            .When(new DecideTransfer(true, "dept-swj", " 转水务局 "))
            .Then(new CaseTransferred(CaseId, Lead, "dept-swj", true, Now.AddHours(1), "转水务局", Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.Dispatched, @case.Status);
                Assert.Equal("dept-swj", @case.LeadDepartmentId);
                Assert.Equal(new[] { "dept-swj", Assisting }, @case.DepartmentIds);
                Assert.DoesNotContain(Lead, @case.SignedDepartmentIds);
                Assert.Null(@case.PendingTransfer);
                Assert.Equal(Now.AddHours(1), @case.SignDeadlineOf("dept-swj"));
            });

    [Fact]
    public void The_new_lead_signs_against_the_transfers_deadline_and_takes_the_case_into_handling() =>
        Spec.Given([.. InHandling(), TransferAskedBy(Lead), new CaseTransferred(CaseId, Lead, "dept-swj", true, Now.AddHours(1), "", "staff-1", Now)])
            .When(new SignCase("dept-swj", true), at: Now.AddMinutes(90))
            .Then(new DepartmentSigned(CaseId, "dept-swj", true, false, Now.AddHours(1), DispatchedAt, Actor, Now.AddMinutes(90)))
            .AndState(@case => Assert.Equal(CaseStatus.InHandling, @case.Status));

    [Fact]
    public void Approving_an_assisting_departments_transfer_keeps_the_case_in_handling() =>
        Spec.Given([.. InHandling(), Signed(Assisting), TransferAskedBy(Assisting)])
            .When(new DecideTransfer(true, "dept-swj", null))
            .Then(new CaseTransferred(CaseId, Assisting, "dept-swj", false, Now.AddHours(1), "", Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.InHandling, @case.Status);
                Assert.Equal(Lead, @case.LeadDepartmentId);
                Assert.Equal(new[] { Lead, "dept-swj" }, @case.DepartmentIds);
                Assert.DoesNotContain(Assisting, @case.SignedDepartmentIds);
            });

    [Fact]
    public void Rejecting_a_transfer_records_why_and_clears_the_request() =>
        Spec.Given([.. InHandling(), TransferAskedBy(Lead)])
            .When(new DecideTransfer(false, null, " 属于本部门职责 "))
            .Then(new TransferRejected(CaseId, Lead, "属于本部门职责", Actor, Now))
            .AndState(@case =>
            {
                Assert.Null(@case.PendingTransfer);
                Assert.Equal(Lead, @case.LeadDepartmentId);
                Assert.Equal(CaseStatus.InHandling, @case.Status);
            });

    [Theory]
    [InlineData("approve")]
    [InlineData("toDepartmentId")]
    [InlineData("toDepartmentId.inCase")]
    [InlineData("note")]
    public void A_malformed_transfer_decision_names_the_field(string problem)
    {
        var command = problem switch
        {
            "approve" => new DecideTransfer(null, "dept-swj", "说明"),
            "toDepartmentId" => new DecideTransfer(true, null, null),
            "toDepartmentId.inCase" => new DecideTransfer(true, Assisting, null),
            "note" => new DecideTransfer(false, null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        Spec.Given([.. InHandling(), TransferAskedBy(Lead)]).When(command).ThenInvalid(problem.Split('.')[0]);
    }

    [Fact]
    public void Deciding_without_a_pending_transfer_is_refused() =>
        Spec.Given(InHandling()).When(new DecideTransfer(true, "dept-swj", null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Deciding_a_transfer_on_a_missing_case_is_not_found() =>
        Spec.Given().When(new DecideTransfer(true, "dept-swj", null)).ThenThrows<NotFoundException>();

    [Fact]
    public void Deciding_a_transfer_left_pending_on_a_closed_case_is_refused() =>
        Spec.Given([
                .. InHandling(), TransferAskedBy(Lead), Signed(Assisting), Reported(), Verified(), CallbackDone(true, true),
                new CaseClosed(CaseId, NeedId, true, true, "staff-1", Now.AddMinutes(-1)),
            ])
            .When(new DecideTransfer(true, "dept-swj", null))
            .ThenThrows<RuleViolationException>();
}
