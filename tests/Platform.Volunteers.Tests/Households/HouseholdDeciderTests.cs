namespace Platform.Volunteers.Tests.Households;

/// <summary>富民街's 三色管理 (seed 003): 李大爷 lives alone, a red household, visited weekly by his party member.</summary>
public sealed class HouseholdDeciderTests
{
    private const string HouseholdId = "H-1";
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DeciderSpecification<HouseholdCommand, HouseholdEvent, Household> Spec = new(HouseholdDecider.Decider, "fumin-staff", Now);
    private static readonly CareMember Yang = new("v-013", "杨红梅");

    private static HouseholdFiled Filed() => new(HouseholdId, "zhenwudong", "fuminjie", "fuminjie-g5", "fuminjie-g5-b01", "1单元502", new HouseholdHead("李大爷", "13700000088"),
        ["独居老人", "失能"], CareColours.Red, "独居、行动不便", Yang, new DateOnly(2026, 10, 20), "fumin-staff", Now);

    [Fact]
    public void A_household_is_filed_with_its_colour_reason_and_member() =>
        Spec.Given().When(new FileHousehold(HouseholdId, "zhenwudong", "fuminjie", "fuminjie-g5", "fuminjie-g5-b01", " 1单元502 ",
                new HouseholdHead(" 李大爷 ", "13700000088"), ["独居老人", "失能"], CareColours.Red, " 独居、行动不便 ", Yang))
            .Then(Filed());

    [Fact]
    public void A_file_needs_a_known_group_a_colour_and_a_reason() =>
        Spec.Given().When(new FileHousehold(HouseholdId, "zhenwudong", "fuminjie", null, null, "", null, ["有钱"], "blue", "", Yang))
            .ThenInvalid("address", "groups", "colour", "reason");

    [Fact]
    public void A_colour_changes_only_with_a_reason_and_to_another_colour()
    {
        Spec.Given(Filed()).When(new ChangeColour(CareColours.Yellow, "子女接回同住")).Then(
            new HouseholdColourChanged(HouseholdId, CareColours.Red, CareColours.Yellow, "子女接回同住", "fumin-staff", Now));
        Spec.Given(Filed()).When(new ChangeColour(CareColours.Red, "没变")).ThenInvalid("colour");
        Spec.Given(Filed()).When(new ChangeColour(CareColours.Green, " ")).ThenInvalid("reason");
    }

    [Fact]
    public void A_red_household_is_overdue_the_day_after_a_week_without_a_visit_and_noticed_once()
    {
        var visited = new HouseholdVisited(HouseholdId, new DateOnly(2026, 10, 22), Yang, "打扫、陪聊", "fumin-volunteer", Now.AddDays(2));
        Spec.Given(Filed(), visited).When(new NoticeOverdueVisit(CareRules.Default), at: Now.AddDays(9)).ThenNothing();
        var noticed = new VisitOverdueNoticed(HouseholdId, new DateOnly(2026, 10, 29), CareColours.Red, Yang, "fuminjie-g5", "fumin-staff", Now.AddDays(10));
        Spec.Given(Filed(), visited).When(new NoticeOverdueVisit(CareRules.Default), at: Now.AddDays(10)).Then(noticed);
        Spec.Given(Filed(), visited, noticed).When(new NoticeOverdueVisit(CareRules.Default), at: Now.AddDays(11)).ThenNothing();
        Assert.Equal(new DateOnly(2026, 11, 19), CareRules.Default.NextVisitDue(CareColours.Yellow, new DateOnly(2026, 10, 20), null));
        Assert.Equal(new DateOnly(2027, 1, 18), CareRules.Default.NextVisitDue(CareColours.Green, new DateOnly(2026, 10, 20), null));
    }

    [Fact]
    public void A_visit_is_not_in_the_future_nor_before_the_file()
    {
        Spec.Given(Filed()).When(new RecordVisit(new DateOnly(2026, 10, 21), Yang, "陪聊")).ThenInvalid("visitedOn");
        Spec.Given(Filed()).When(new RecordVisit(new DateOnly(2026, 10, 1), Yang, "陪聊")).ThenInvalid("visitedOn");
        Spec.Given(Filed()).When(new RecordVisit(new DateOnly(2026, 10, 20), Yang, "")).ThenInvalid("whatWasDone");
    }
}
