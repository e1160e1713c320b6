using Platform.Kernel;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Registry;

[ClosedHierarchy]
public abstract record VolunteerCommand
{
    private protected VolunteerCommand() { }
}

/// <summary>The community carries over what its paper ledger (台账) held for the volunteer before the platform.</summary>
public sealed record CarryOverService(decimal? Hours, decimal? Points, string? Reason) : VolunteerCommand;

/// <summary>The volunteer pays for a gift with points; <paramref name="Balance"/> is their points balance as the ledger holds it now.</summary>
public sealed record RedeemPoints(string RedemptionId, string GiftId, string GiftName, decimal Points, decimal Balance) : VolunteerCommand;

/// <summary>The rules of registration (双报到) as pure functions; each use case's decision stands in its own folder.</summary>
public static partial class VolunteerDecider
{
    public static readonly Decider<VolunteerCommand, VolunteerEvent, Volunteer> Decider =
        new(Volunteer.Initial, Volunteer.Evolve, Decide, Volunteer.StreamId);

    public static IReadOnlyList<VolunteerEvent> Decide(VolunteerCommand command, Volunteer state, DecisionContext context) => command switch
    {
        RegisterVolunteer register => [Register(register, state, context)],
        ConfirmReport confirm => [Confirm(confirm, state, context)],
        LeaveService leave => [Leave(leave, state, context)],
        RedeemPoints redeem => [Redeem(redeem, state, context)],
        CarryOverService carry => [CarryOver(carry, state, context)],
    };

    private static PointsRedeemed Redeem(RedeemPoints command, Volunteer state, DecisionContext context)
    {
        ExpectRegistered(state);
        if (state.Status != VolunteerStatus.Active) throw new RuleViolationException($"{state.Name}不在岗，不能兑换。");
        if (command.Balance < command.Points) throw new RuleViolationException($"积分不足：兑换「{command.GiftName}」需 {command.Points:0.##} 分，现有 {command.Balance:0.##} 分。");
        return new PointsRedeemed(state.VolunteerId, command.RedemptionId, command.GiftId, command.GiftName, command.Points,
            DoubleEntry.Transfer(command.RedemptionId, ServiceLedger.Points, ServiceLedger.VolunteerAccount(state.VolunteerId),
                ServiceLedger.CommunityAccount(state.CommunityId), command.Points),
            context.Actor, context.Now);
    }

    private static ServiceCarriedOver CarryOver(CarryOverService command, Volunteer state, DecisionContext context)
    {
        ExpectRegistered(state);
        if (state.CarriedOver) throw new RuleViolationException($"{state.Name}的台账时长已结转过。");
        new Validation()
            .Require(command.Hours is >= 0 and <= 10_000, "hours", "结转时长须为 0–10000 小时。")
            .Require(command.Points is >= 0 and <= 100_000, "points", "结转积分须为 0–100000。")
            .Require(command.Hours is not 0 || command.Points is not 0, "hours", "时长与积分不能都为 0。")
            .Text(command.Reason, "reason", "结转说明", 200)
            .ThrowIfInvalid();
        var entries = new List<LedgerEntry>();
        if (command.Hours > 0)
            entries.Add(DoubleEntry.Transfer($"{state.VolunteerId}-C1", ServiceLedger.RecordedHours, ServiceLedger.CommunityAccount(state.CommunityId),
                ServiceLedger.VolunteerAccount(state.VolunteerId), Math.Round(command.Hours.Value, 2)));
        if (command.Points > 0)
            entries.Add(DoubleEntry.Transfer($"{state.VolunteerId}-C2", ServiceLedger.Points, ServiceLedger.CommunityAccount(state.CommunityId),
                ServiceLedger.VolunteerAccount(state.VolunteerId), Math.Round(command.Points.Value, 2)));
        return new ServiceCarriedOver(state.VolunteerId, Math.Round(command.Hours!.Value, 2), Math.Round(command.Points!.Value, 2), command.Reason!.Trim(), entries,
            context.Actor, context.Now);
    }

    private static void ExpectRegistered(Volunteer state)
    {
        if (state.Status == VolunteerStatus.None) throw new NotFoundException($"志愿者「{state.VolunteerId}」不存在。");
    }
}
