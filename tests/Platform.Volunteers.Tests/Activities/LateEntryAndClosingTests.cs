using static Platform.Volunteers.Tests.Activities.ActivityGivens;

namespace Platform.Volunteers.Tests.Activities;

public sealed class LateEntryAndClosingTests
{
    [Fact]
    public void A_late_entry_waits_for_the_organizer_and_never_exceeds_the_activity()
    {
        Spec.Given(Scheduled()).When(new RequestLateEntry("v-016", "赵敏", 90, " 忘记签到 ", ServiceRules.Default), at: Ends.AddHours(2))
            .Then(new LateEntryRequested(ActivityId, "v-016", "赵敏", 90, "忘记签到", Organizer, Ends.AddHours(2)));
        Spec.Given(Scheduled()).When(new RequestLateEntry("v-016", "赵敏", 121, "忘记签到", ServiceRules.Default), at: Ends.AddHours(2)).ThenInvalid("minutes");
        Spec.Given(Scheduled()).When(new RequestLateEntry("v-016", "赵敏", 60, "忘记签到", ServiceRules.Default), at: Ends.AddMinutes(-1))
            .ThenThrows<RuleViolationException>();
        Spec.Given(Scheduled(), SignedUp("v-013", "杨红梅"), CodeShown(), In("v-013", 0))
            .When(new RequestLateEntry("v-013", "杨红梅", 60, "忘记签退", ServiceRules.Default), at: Ends.AddHours(1)).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void An_approved_late_entry_is_credited_as_the_organizer_s_word_and_a_rejected_one_is_not()
    {
        var requested = new LateEntryRequested(ActivityId, "v-016", "赵敏", 90, "忘记签到", "v-016", Ends.AddHours(2));
        Spec.Given(Scheduled(), requested).When(new ApproveLateEntry("v-016", ServiceRules.Default), at: Ends.AddDays(1))
            .Then(new LateEntryApproved(ActivityId, new ServiceCredit("v-016", "赵敏", 90, 1.5m, ServiceLedger.RecordedHours, null, "补录：忘记签到",
                [
                    DoubleEntry.Transfer("AV-1-E1", ServiceLedger.RecordedHours, "community:fuminjie", "volunteer:v-016", 1.5m),
                    DoubleEntry.Transfer("AV-1-E2", ServiceLedger.Points, "community:fuminjie", "volunteer:v-016", 1.5m),
                ]), Organizer, Ends.AddDays(1)))
            .AndState(activity => Assert.Equal(LateEntryStatus.Approved, activity.LateEntries["v-016"].Status));
        Spec.Given(Scheduled(), requested).When(new RejectLateEntry("v-016", "当天未见到本人")).Then(
            new LateEntryRejected(ActivityId, "v-016", "当天未见到本人", Organizer, DayBefore));
        Spec.Given(Scheduled(), requested, new LateEntryRejected(ActivityId, "v-016", "未见到", Organizer, Ends))
            .When(new ApproveLateEntry("v-016", ServiceRules.Default)).ThenThrows<InvalidReferenceException>();
        Spec.Given(Scheduled(), requested).When(new RequestLateEntry("v-016", "赵敏", 60, "再申请", ServiceRules.Default), at: Ends.AddDays(1))
            .ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void The_timer_closes_missing_check_outs_only_after_the_grace_period_and_the_credit_is_flagged()
    {
        var attended = new ActivityEvent[] { Scheduled(), SignedUp("v-013", "杨红梅"), SignedUp("v-014", "刘建国"), CodeShown(), In("v-013", 0), In("v-014", 0), Out("v-014", 120) };
        Spec.Given(attended).When(new CloseMissingCheckOuts(ServiceRules.Default), at: Ends.AddHours(23)).ThenNothing();
        Spec.Given(attended).When(new CloseMissingCheckOuts(ServiceRules.Default), at: Ends.AddHours(24))
            .Then(new CheckOutsClosed(ActivityId, ["v-013"], Ends, Organizer, Ends.AddHours(24)))
            .AndState(activity =>
            {
                var credited = (ServiceCredited)ActivityDecider.Decide(new CreditService(ServiceRules.Default), activity, new(Organizer, Ends.AddHours(25)))[0];
                var flagged = credited.Credits.Single(credit => credit.VolunteerId == "v-013");
                Assert.Equal(120, flagged.Minutes);
                Assert.Equal(Ends, flagged.ClosedAt);
                Assert.Contains("自动签退", flagged.Note);
                Assert.Null(credited.Credits.Single(credit => credit.VolunteerId == "v-014").Note);
            });
    }
}
