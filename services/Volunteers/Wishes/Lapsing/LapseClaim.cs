using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Wishes;

/// <summary>The timer says a claim's deadline has passed; a wish still claimed goes back to the board.</summary>
public sealed record LapseClaim : WishCommand;

public static partial class WishDecider
{
    private static IReadOnlyList<WishEvent> Lapse(LapseClaim command, Wish state, DecisionContext context) =>
        state is { Status: WishStatus.Claimed, Claimer: { } claimer, Deadline: { } deadline } && context.Now >= LapsesAt(deadline)
            ? [new WishReleased(state.NeedId, claimer, deadline, $"{claimer.Name}认领后未在 {deadline:yyyy-MM-dd} 前实现，微心愿退回心愿墙。", context.Actor, context.Now)]
            : [];

    /// <summary>The timer a claimed wish runs, derived from its state after every append.</summary>
    public static IReadOnlyList<RunningTimer> RunningTimers(string needId, string status, DateOnly? deadline) =>
        status == WishView.Claimed && deadline is { } due
            ? [new RunningTimer($"lapse:{needId}", VolunteersTimers.WishLapseKind, LapsesAt(due))]
            : [];
}

/// <summary>The Volunteers service's durable timers, each decided in its timer's own transaction so it happens once
/// however many instances poll: a wish's claim lapsing at its deadline.</summary>
public sealed class VolunteersTimers(
    CommandRunner runner, Microsoft.Extensions.Options.IOptions<ServiceRules> rules, Microsoft.Extensions.Options.IOptions<Households.CareRules> care)
    : IDueTimerHandler
{
    public const string VisitOverdueKind = "visit-overdue";

    public const string SettingsSection = "Volunteers:Timers";
    public const string WishLapseKind = "wish-lapse";
    public const string CheckOutCloseKind = "check-out-close";

    public async Task<int> FireAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.Kind == CheckOutCloseKind) return await CloseCheckOutsAsync(transaction, timer, cancellationToken);
        if (timer.Kind == VisitOverdueKind) return await NoticeOverdueVisitAsync(transaction, timer, cancellationToken);
        await using var scope = runner.Begin(new CommandOrigin(timer.TenantId, "system:timer", CorrelationId: null, ActorName: "系统（微心愿认领到期）"), transaction);
        var wish = await scope.LoadAsync(WishDecider.Decider, timer.StreamId[Wish.StreamId("").Length..], cancellationToken: cancellationToken);
        var decided = scope.Decide(wish, new LapseClaim());
        await scope.CommitAsync(cancellationToken);
        return decided.Count;
    }

    private async Task<int> NoticeOverdueVisitAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
    {
        await using var scope = runner.Begin(new CommandOrigin(timer.TenantId, "system:timer", CorrelationId: null, ActorName: "系统（走访逾期提醒）"), transaction);
        var household = await scope.LoadAsync(Households.HouseholdDecider.Decider, timer.StreamId[Households.Household.StreamId("").Length..],
            cancellationToken: cancellationToken);
        var decided = scope.Decide(household, new Households.NoticeOverdueVisit(care.Value));
        await scope.CommitAsync(cancellationToken);
        return decided.Count;
    }

    private async Task<int> CloseCheckOutsAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
    {
        await using var scope = runner.Begin(new CommandOrigin(timer.TenantId, "system:timer", CorrelationId: null, ActorName: "系统（自动签退）"), transaction);
        var activity = await scope.LoadAsync(Activities.ActivityDecider.Decider, timer.StreamId[Activities.Activity.StreamId("").Length..], cancellationToken: cancellationToken);
        var decided = scope.Decide(activity, new Activities.CloseMissingCheckOuts(rules.Value));
        await scope.CommitAsync(cancellationToken);
        return decided.Count;
    }
}
