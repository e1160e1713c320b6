using static Platform.Volunteers.Tests.Activities.ActivityGivens;

namespace Platform.Volunteers.Tests.Activities;

public sealed class ActivityDeciderTests
{
    [Fact]
    public void Sign_ups_past_capacity_wait_and_the_first_waiting_moves_up_when_someone_cancels() =>
        Spec.Given(Scheduled(), SignedUp("v-013", "杨红梅"), SignedUp("v-014", "刘建国"))
            .When(new SignUp("v-015", "王秀兰", [], "清扫"))
            .Then(SignedUp("v-015", "王秀兰", waitlisted: true) with { Actor = Organizer })
            .AndState(activity =>
            {
                var promoted = ActivityDecider.Decide(new CancelSignUp("v-013"), activity, new("v-013", DayBefore));
                Assert.Equal(
                    [new SignUpCancelled(ActivityId, "v-013", "v-013", DayBefore), new WaitlistPromoted(ActivityId, "v-015", "v-013", DayBefore)],
                    promoted);
            });

    [Fact]
    public void A_waiting_volunteer_who_cancels_frees_no_place() =>
        Spec.Given(Scheduled(capacity: 1), SignedUp("v-013", "杨红梅"), SignedUp("v-015", "王秀兰", waitlisted: true))
            .When(new CancelSignUp("v-015"))
            .Then(new SignUpCancelled(ActivityId, "v-015", Organizer, DayBefore));

    [Fact]
    public void A_team_s_activity_takes_its_members_only_and_a_post_must_be_chosen()
    {
        Spec.Given(Scheduled(teamId: "T-zsd")).When(new SignUp("v-013", "杨红梅", ["T-other"], "清扫")).ThenThrows<RuleViolationException>();
        Spec.Given(Scheduled(teamId: "T-zsd")).When(new SignUp("v-013", "杨红梅", ["T-zsd"], null)).ThenInvalid("post");
        Spec.Given(Scheduled(), SignedUp("v-013", "杨红梅")).When(new SignUp("v-013", "杨红梅", [], "清扫")).ThenThrows<RuleViolationException>();
        Spec.Given(Scheduled()).When(new SignUp("v-013", "杨红梅", [], "清扫"), at: Starts).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void Check_in_takes_the_code_shown_at_the_place_once()
    {
        var given = new ActivityEvent[] { Scheduled(), SignedUp("v-013", "杨红梅"), CodeShown() };
        Spec.Given(given).When(new CheckIn("v-013", Code), at: Starts.AddMinutes(-10))
            .Then(new VolunteerCheckedIn(ActivityId, "v-013", Organizer, Starts.AddMinutes(-10)));
        Spec.Given(given).When(new CheckIn("v-013", "000000"), at: Starts).ThenThrows<RuleViolationException>();
        Spec.Given(given).When(new CheckIn("v-013", Code), at: Starts.AddHours(-1)).ThenThrows<RuleViolationException>();
        Spec.Given([.. given, In("v-013", 0)]).When(new CheckIn("v-013", Code), at: Starts.AddMinutes(5)).ThenThrows<RuleViolationException>();
        Spec.Given(Scheduled(), SignedUp("v-013", "杨红梅")).When(new CheckIn("v-013", Code), at: Starts).ThenThrows<RuleViolationException>();
        Spec.Given(given).When(new CheckIn("v-099", Code), at: Starts).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void The_organizer_logs_a_walk_in_past_capacity() =>
        Spec.Given(Scheduled(capacity: 1), SignedUp("v-013", "杨红梅"))
            .When(new LogWalkIn("v-016", "赵敏", "清扫", Starts.AddMinutes(5), Ends), at: Ends.AddMinutes(1))
            .Then(new WalkInLogged(ActivityId, "v-016", "赵敏", "清扫", Starts.AddMinutes(5), Ends, Organizer, Ends.AddMinutes(1)));

    [Fact]
    public void A_walk_in_cannot_be_logged_in_the_future() =>
        Spec.Given(Scheduled()).When(new LogWalkIn("v-016", "赵敏", null, Starts.AddMinutes(5), null), at: Starts).ThenInvalid("checkedInAt");

    [Fact]
    public void One_action_credits_every_attendee_onto_balanced_ledgers()
    {
        var rules = ServiceRules.Default;
        Spec.Given(Scheduled(), SignedUp("v-013", "杨红梅"), SignedUp("v-014", "刘建国"), CodeShown(), In("v-013", -5), Out("v-013", 125), In("v-014", 60),
                Out("v-014", 100), new WalkInLogged(ActivityId, "v-016", "赵敏", "清扫", Starts.AddMinutes(10), Ends, Organizer, Ends))
            .When(new CreditService(rules), at: Ends.AddHours(1))
            .Then(new ServiceCredited(ActivityId,
            [
                new ServiceCredit("v-013", "杨红梅", 120, 2, ServiceLedger.CheckedHours, null, null,
                [
                    DoubleEntry.Transfer("AV-1-E1", ServiceLedger.CheckedHours, "community:fuminjie", "volunteer:v-013", 2),
                    DoubleEntry.Transfer("AV-1-E2", ServiceLedger.Points, "community:fuminjie", "volunteer:v-013", 2),
                ]),
                new ServiceCredit("v-014", "刘建国", 0, 0, ServiceLedger.CheckedHours, null, "在场 40 分钟，不足活动时长的 60%，不计时长", []),
                new ServiceCredit("v-016", "赵敏", 110, 1.83m, ServiceLedger.RecordedHours, null, null,
                [
                    DoubleEntry.Transfer("AV-1-E3", ServiceLedger.RecordedHours, "community:fuminjie", "volunteer:v-016", 1.83m),
                    DoubleEntry.Transfer("AV-1-E4", ServiceLedger.Points, "community:fuminjie", "volunteer:v-016", 1.83m),
                ]),
            ], Organizer, Ends.AddHours(1)))
            .AndState(activity =>
            {
                Assert.True(activity.Credited);
                Assert.All(activity.Credits.Values.SelectMany(credit => credit.Entries), entry => Assert.True(DoubleEntry.SumsToZero(entry)));
            });
    }

    [Fact]
    public void No_hours_before_the_end_nor_twice_nor_while_a_check_out_is_awaited()
    {
        var attended = new ActivityEvent[] { Scheduled(), SignedUp("v-013", "杨红梅"), CodeShown(), In("v-013", 0) };
        Spec.Given([.. attended, Out("v-013", 120)]).When(new CreditService(ServiceRules.Default), at: Ends.AddMinutes(-1)).ThenThrows<RuleViolationException>();
        Spec.Given(attended).When(new CreditService(ServiceRules.Default), at: Ends.AddHours(2)).ThenThrows<RuleViolationException>();
        Spec.Given(attended).When(new CreditService(ServiceRules.Default), at: Ends.AddHours(25))
            .Then(new ServiceCredited(ActivityId,
            [
                new ServiceCredit("v-013", "杨红梅", 120, 2, ServiceLedger.CheckedHours, Ends, "未签退，活动结束 24 小时后按结束时间自动签退",
                [
                    DoubleEntry.Transfer("AV-1-E1", ServiceLedger.CheckedHours, "community:fuminjie", "volunteer:v-013", 2),
                    DoubleEntry.Transfer("AV-1-E2", ServiceLedger.Points, "community:fuminjie", "volunteer:v-013", 2),
                ]),
            ], Organizer, Ends.AddHours(25)));
        var credited = ActivityDecider.Decide(new CreditService(ServiceRules.Default),
            ActivityDecider.Decider.Fold([.. attended, Out("v-013", 120)]), new(Organizer, Ends.AddHours(1)));
        Spec.Given([.. attended, Out("v-013", 120), .. credited]).When(new CreditService(ServiceRules.Default), at: Ends.AddHours(2)).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void A_correction_reverses_the_entries_and_posts_the_organizer_s_minutes()
    {
        var attended = new ActivityEvent[] { Scheduled(), SignedUp("v-013", "杨红梅"), CodeShown(), In("v-013", 0), Out("v-013", 120) };
        var credited = ActivityDecider.Decide(new CreditService(ServiceRules.Default), ActivityDecider.Decider.Fold(attended), new(Organizer, Ends.AddHours(1)));
        Spec.Given([.. attended, .. credited]).When(new CorrectCredit("v-013", 90, "提前离开，现场核实", ServiceRules.Default), at: Ends.AddDays(1))
            .Then(new CreditCorrected(ActivityId,
                [
                    new LedgerEntry("AV-1-E3", ServiceLedger.CheckedHours, [new LedgerLine("community:fuminjie", 2), new LedgerLine("volunteer:v-013", -2)]),
                    new LedgerEntry("AV-1-E4", ServiceLedger.Points, [new LedgerLine("community:fuminjie", 2), new LedgerLine("volunteer:v-013", -2)]),
                ],
                new ServiceCredit("v-013", "杨红梅", 90, 1.5m, ServiceLedger.RecordedHours, null, "更正：提前离开，现场核实",
                [
                    DoubleEntry.Transfer("AV-1-E5", ServiceLedger.RecordedHours, "community:fuminjie", "volunteer:v-013", 1.5m),
                    DoubleEntry.Transfer("AV-1-E6", ServiceLedger.Points, "community:fuminjie", "volunteer:v-013", 1.5m),
                ]),
                "提前离开，现场核实", Organizer, Ends.AddDays(1)));
        Spec.Given([.. attended, .. credited]).When(new CorrectCredit("v-013", 121, "多算", ServiceRules.Default)).ThenInvalid("minutes");
        Spec.Given([.. attended, .. credited]).When(new CorrectCredit("v-099", 60, "补", ServiceRules.Default)).ThenThrows<InvalidReferenceException>();
    }
}
