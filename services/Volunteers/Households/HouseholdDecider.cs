using Platform.Kernel;

namespace Platform.Volunteers.Households;

[ClosedHierarchy]
public abstract record HouseholdCommand
{
    private protected HouseholdCommand() { }
}

/// <summary>The community files a household (一户一档); the handler has checked the grid, building and member against the community.</summary>
public sealed record FileHousehold(
    string HouseholdId, string StreetId, string CommunityId, string? GridId, string? BuildingId, string? Address, HouseholdHead? Head, IReadOnlyList<string>? Groups,
    string? Colour, string? Reason, CareMember Member) : HouseholdCommand;

public sealed record ChangeColour(string? Colour, string? Reason) : HouseholdCommand;

public sealed record ChangeCareMember(CareMember Member) : HouseholdCommand;

public sealed record RecordVisit(DateOnly? VisitedOn, CareMember By, string? WhatWasDone) : HouseholdCommand;

/// <summary>The timer says the next visit's day has passed.</summary>
public sealed record NoticeOverdueVisit(CareRules Rules) : HouseholdCommand;

/// <summary>The rules of three-colour care as pure functions.</summary>
public static class HouseholdDecider
{
    public static readonly Decider<HouseholdCommand, HouseholdEvent, Household> Decider = new(Household.Initial, Household.Evolve, Decide, Household.StreamId);

    public static IReadOnlyList<HouseholdEvent> Decide(HouseholdCommand command, Household state, DecisionContext context) => command switch
    {
        FileHousehold file => [File(file, state, context)],
        ChangeColour change => [Change(change, state, context)],
        ChangeCareMember change => [ChangeMember(change, state, context)],
        RecordVisit visit => [Visit(visit, state, context)],
        NoticeOverdueVisit notice => Notice(notice, state, context),
    };

    private static HouseholdFiled File(FileHousehold command, Household state, DecisionContext context)
    {
        if (state.Status != HouseholdStatus.None) throw new RuleViolationException("这户已建档。");
        var groups = command.Groups ?? [];
        new Validation()
            .Text(command.Address, "address", "门牌", 50, singleLine: true)
            .Text(command.Head?.Name, "head.name", "户主姓名", 30, required: false, singleLine: true)
            .Phone(command.Head?.Phone, "head.phone", "联系电话", required: command.Head is not null)
            .Require(groups.Count > 0 && groups.All(CareGroups.All.Contains), "groups", $"建档类别须为 {string.Join("、", CareGroups.All)} 中的一项或多项。")
            .Require(command.Colour is not null && CareColours.Names.ContainsKey(command.Colour), "colour", "颜色须为 green、yellow 或 red。")
            .Text(command.Reason, "reason", "定色理由", 200)
            .ThrowIfInvalid();
        return new HouseholdFiled(command.HouseholdId, command.StreetId, command.CommunityId, command.GridId, command.BuildingId, command.Address!.Trim(),
            command.Head is null ? null : new HouseholdHead(command.Head.Name.Trim(), command.Head.Phone.Trim()), [.. groups.Distinct()], command.Colour!,
            command.Reason!.Trim(), command.Member, DistrictTime.DateOf(context.Now), context.Actor, context.Now);
    }

    private static HouseholdColourChanged Change(ChangeColour command, Household state, DecisionContext context)
    {
        ExpectFiled(state);
        new Validation()
            .Require(command.Colour is not null && CareColours.Names.ContainsKey(command.Colour), "colour", "颜色须为 green、yellow 或 red。")
            .Require(command.Colour != state.Colour, "colour", "颜色没有变化。")
            .Text(command.Reason, "reason", "调整理由", 200)
            .ThrowIfInvalid();
        return new HouseholdColourChanged(state.HouseholdId, state.Colour, command.Colour!, command.Reason!.Trim(), context.Actor, context.Now);
    }

    private static CareMemberChanged ChangeMember(ChangeCareMember command, Household state, DecisionContext context)
    {
        ExpectFiled(state);
        if (command.Member.VolunteerId == state.Member.VolunteerId) throw new RuleViolationException($"{command.Member.Name}已是这户的联系党员。");
        return new CareMemberChanged(state.HouseholdId, command.Member, context.Actor, context.Now);
    }

    private static HouseholdVisited Visit(RecordVisit command, Household state, DecisionContext context)
    {
        ExpectFiled(state);
        var today = DistrictTime.DateOf(context.Now);
        new Validation()
            .Require(command.VisitedOn is not null, "visitedOn", "须写明走访日期。")
            .Require(command.VisitedOn is null || command.VisitedOn <= today, "visitedOn", "走访日期不能晚于今天。")
            .Require(command.VisitedOn is null || command.VisitedOn >= state.CareSince, "visitedOn", "走访日期不能早于建档。")
            .Text(command.WhatWasDone, "whatWasDone", "走访情况", 500)
            .ThrowIfInvalid();
        return new HouseholdVisited(state.HouseholdId, command.VisitedOn!.Value, command.By, command.WhatWasDone!.Trim(), context.Actor, context.Now);
    }

    private static IReadOnlyList<HouseholdEvent> Notice(NoticeOverdueVisit command, Household state, DecisionContext context)
    {
        if (state.Status != HouseholdStatus.Filed) return [];
        var due = command.Rules.NextVisitDue(state.Colour, state.CareSince, state.LastVisitOn);
        return DistrictTime.DateOf(context.Now) > due && state.OverdueNoticedFor != due
            ? [new VisitOverdueNoticed(state.HouseholdId, due, state.Colour, state.Member, state.GridId, context.Actor, context.Now)]
            : [];
    }

    private static void ExpectFiled(Household state)
    {
        if (state.Status == HouseholdStatus.None) throw new NotFoundException($"没有档案「{state.HouseholdId}」。");
    }
}
