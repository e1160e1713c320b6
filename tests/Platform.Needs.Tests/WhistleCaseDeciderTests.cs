using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using Platform.Needs.Tests.Support;
using Platform.Testing;
using static Platform.Needs.Tests.Support.Decisions;
using Platform.Kernel.Errors;

namespace Platform.Needs.Tests;

public sealed class WhistleCaseDeciderTests
{
    private const string CaseId = "case-0001";
    private const string NeedId = "need-0001";
    private const string Lead = "dept-szsr";
    private const string Assisting = "dept-cgzf";
    private const string Outsider = "dept-gaj";

    private static readonly DeciderSpecification<CaseCommand, CaseEvent, WhistleCase> Spec = new(WhistleCaseDecider.For(Decisions.Catalogue), Decisions.Actor, Decisions.Now);

    private static readonly Place Place = new("street-1", "community-1", "grid-1", null, "幸福路 1 号");

    private static readonly DateTimeOffset BlownAt = Now.AddHours(-3);

    /// <summary>Dispatched half an hour ago: the departments still have half an hour to sign.</summary>
    private static readonly DateTimeOffset DispatchedAt = Now.AddMinutes(-30);

    private static readonly DateTimeOffset SignBy = DispatchedAt.AddHours(1);

    private static readonly DateTimeOffset HandleBy = DispatchedAt.AddHours(168);

    private static WhistleBlown Blown(string level = WhistleLevels.Street, string category = "env", string urgency = "normal") => new(
        CaseId, NeedId, "垃圾桶满溢", category, urgency, Place, level, "routine", "社区协调物业未果", ["两次约谈物业"], false, "staff-community-1", BlownAt);

    private static CaseDispatched Dispatched(string level = WhistleLevels.Street) => new(
        CaseId, level, Lead, [Assisting], ["unit-1"], "general", 1, SignBy, HandleBy, "请尽快处理", "staff-street-1", DispatchedAt);

    private static DepartmentSigned Signed(string department) =>
        new(CaseId, department, true, true, SignBy, DispatchedAt, $"staff-{department}", DispatchedAt.AddMinutes(10));

    private static CaseReported Reported() =>
        new(CaseId, Lead, "已清运。", true, HandleBy, DispatchedAt, "staff-lead", Now.AddMinutes(-20));

    private static CaseVerified Verified(bool passed = true) => new(CaseId, passed, "现场已清理。", "staff-community-1", Now.AddMinutes(-15));

    private static CallbackRecorded CallbackDone(bool resolved, bool satisfied) =>
        new(CaseId, resolved, satisfied, null, Lead, [Lead, Assisting], "staff-community-1", Now.AddMinutes(-10));

    private static CaseReopened Reopened() => new(CaseId, "又满了", 2, Now.AddHours(160), "staff-community-1", Now.AddMinutes(-5));

    private static TransferRequested TransferAskedBy(string department) =>
        new(CaseId, department, "不属于本部门职责", null, $"staff-{department}", Now.AddMinutes(-5));

    /// <summary>A case in handling: blown, dispatched, signed by the lead.</summary>
    private static CaseEvent[] InHandling(string level = WhistleLevels.Street) => [Blown(level), Dispatched(level), Signed(Lead)];

    private static CaseEvent[] AtCallback(bool resolved, bool satisfied) =>
        [.. InHandling(), Signed(Assisting), Reported(), Verified(), CallbackDone(resolved, satisfied)];

    private static BlowWhistle ValidBlow() =>
        new(CaseId, NeedId, "垃圾桶满溢", "env", "normal", Place, WhistleLevels.Street, "routine", " 社区协调物业未果 ", [" 两次约谈物业 "], false);

    // ---- BlowWhistle ----------------------------------------------------------------------------------------------

    [Fact]
    public void Blowing_the_whistle_opens_a_case_awaiting_dispatch() =>
        Spec.Given()
            .When(ValidBlow())
            .Then(new WhistleBlown(
                CaseId, NeedId, "垃圾桶满溢", "env", "normal", Place, WhistleLevels.Street, "routine", "社区协调物业未果", ["两次约谈物业"], false, Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.AwaitingDispatch, @case.Status);
                Assert.Equal(WhistleLevels.Street, @case.Level);
            });

    [Fact]
    public void An_automatic_whistle_needs_no_account_of_what_the_community_tried() =>
        Spec.Given()
            .When(ValidBlow() with { TriedByCommunity = null, Automatic = true, Reason = "社区办理超时" })
            .Then(new WhistleBlown(
                CaseId, NeedId, "垃圾桶满溢", "env", "normal", Place, WhistleLevels.Street, "routine", "社区办理超时", [], true, Actor, Now));

    [Fact]
    public void Blowing_an_existing_case_again_is_refused() =>
        Spec.Given(Blown()).When(ValidBlow()).ThenThrows<RuleViolationException>();

    [Theory]
    [InlineData("level", WhistleLevels.Community)]
    [InlineData("level", null)]
    [InlineData("whistleType", "loud")]
    [InlineData("reason", " ")]
    [InlineData("triedByCommunity", "none")]
    [InlineData("triedByCommunity", "empty item")]
    public void A_malformed_whistle_names_the_field(string field, string? value)
    {
        var valid = ValidBlow();
        var command = field switch
        {
            "level" => valid with { Level = value },
            "whistleType" => valid with { WhistleType = value },
            "reason" => valid with { Reason = value },
            _ when value == "none" => valid with { TriedByCommunity = [] },
            _ => valid with { TriedByCommunity = ["约谈物业", ""] },
        };
        Spec.Given().When(command).ThenInvalid(field);
    }

    // ---- DispatchCase: deadlines from the catalogue ---------------------------------------------------------------

    [Fact]
    public void Dispatching_a_general_case_gives_1_hour_to_sign_and_168_hours_to_handle() =>
        Spec.Given(Blown())
            .When(new DispatchCase(Lead, [Assisting], ["unit-1"], null, " 请尽快处理 "))
            .Then(new CaseDispatched(
                CaseId, WhistleLevels.Street, Lead, [Assisting], ["unit-1"], "general", 1, Now.AddHours(1), Now.AddHours(168), "请尽快处理", Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.Dispatched, @case.Status);
                Assert.Equal(new[] { Lead, Assisting }, @case.DepartmentIds);
                Assert.Equal(1, @case.Round);
            });

    [Fact]
    public void Dispatching_an_emergency_gives_the_emergency_2_hours() =>
        Spec.Given(Blown(category: "env", urgency: "emergency"))
            .When(new DispatchCase(Lead, null, null, null, null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.Street, Lead, [], [], "emergency", 1, Now.AddHours(1), Now.AddHours(2), null, Actor, Now));

    [Fact]
    public void Dispatching_a_sewer_case_gives_the_utility_24_hours() =>
        Spec.Given(Blown(category: "sewer"))
            .When(new DispatchCase("dept-swj", null, null, null, null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.Street, "dept-swj", [], [], "utility", 1, Now.AddHours(1), Now.AddHours(24), null, Actor, Now));

    [Fact]
    public void Dispatching_with_an_explicit_handling_class_uses_that_class() =>
        Spec.Given(Blown())
            .When(new DispatchCase(Lead, null, null, "complex", null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.Street, Lead, [], [], "complex", 1, Now.AddHours(1), Now.AddHours(360), null, Actor, Now));

    [Fact]
    public void Dispatching_keeps_the_level_the_case_was_escalated_to() =>
        Spec.Given(Blown(), new CaseEscalated(CaseId, WhistleLevels.Street, WhistleLevels.District, false, "久拖不决", "staff-street-1", BlownAt))
            .When(new DispatchCase(Lead, null, null, null, null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.District, Lead, [], [], "general", 1, Now.AddHours(1), Now.AddHours(168), null, Actor, Now));

    [Theory]
    [InlineData("leadDepartmentId")]
    [InlineData("assistingDepartmentIds.duplicate")]
    [InlineData("assistingDepartmentIds.empty")]
    [InlineData("assistingDepartmentIds.lead")]
    [InlineData("assistingDepartmentIds.many")]
    [InlineData("participatingUnitIds")]
    [InlineData("handlingClass")]
    [InlineData("note")]
    public void A_malformed_dispatch_names_the_field(string problem)
    {
        var valid = new DispatchCase(Lead, [Assisting], ["unit-1"], null, null);
        var eleven = Enumerable.Range(1, 11).Select(number => $"dept-{number}").ToList();
        var command = problem switch
        {
            "leadDepartmentId" => valid with { LeadDepartmentId = null },
            "assistingDepartmentIds.duplicate" => valid with { AssistingDepartmentIds = [Assisting, Assisting] },
            "assistingDepartmentIds.empty" => valid with { AssistingDepartmentIds = [""] },
            "assistingDepartmentIds.lead" => valid with { AssistingDepartmentIds = [Lead] },
            "assistingDepartmentIds.many" => valid with { AssistingDepartmentIds = eleven },
            "participatingUnitIds" => valid with { ParticipatingUnitIds = eleven },
            "handlingClass" => valid with { HandlingClass = "someday" },
            "note" => valid with { Note = new string('说', 1001) },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        Spec.Given(Blown()).When(command).ThenInvalid(problem.Split('.')[0]);
    }

    [Fact]
    public void Dispatching_twice_is_refused() =>
        Spec.Given(Blown(), Dispatched()).When(new DispatchCase(Lead, null, null, null, null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Dispatching_a_missing_case_is_not_found() =>
        Spec.Given().When(new DispatchCase(Lead, null, null, null, null)).ThenThrows<NotFoundException>();

    // ---- SignCase (报到) ------------------------------------------------------------------------------------------

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

    // ---- NoteProgress ---------------------------------------------------------------------------------------------

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

    // ---- ReportHandled (办理反馈) ----------------------------------------------------------------------------------

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

    // ---- VerifyCase (现场核实) -------------------------------------------------------------------------------------

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

    // ---- RecordCallback (回访) and CloseCase -----------------------------------------------------------------------

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

    // ---- ReopenCase (重办) -----------------------------------------------------------------------------------------

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

    // ---- RequestTransfer / DecideTransfer (转办) --------------------------------------------------------------------

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

    // ---- EscalateCase (manual, 社区 → 街道 → 区) --------------------------------------------------------------------

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

    // ---- MarkCaseOverdue: deadlines fire once ------------------------------------------------------------------------

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

    // ---- AddCaseEvidence --------------------------------------------------------------------------------------------

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
