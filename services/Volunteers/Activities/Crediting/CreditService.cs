using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Activities;

/// <summary>One action credits every attendee of the activity, each by <see cref="ServiceHours.Verify"/>.</summary>
public sealed record CreditService(ServiceRules Rules) : ActivityCommand;

public static partial class ActivityDecider
{
    private static ServiceCredited Credit(CreditService command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        ExpectNotCredited(state);
        if (context.Now < state.EndsAt) throw new RuleViolationException($"活动「{state.Title}」尚未结束，时长在结束后核定。");
        // A volunteer whose late entry was approved already stands credited.
        var present = state.Participants.Where(participant => participant.Present && !state.Credits.ContainsKey(participant.VolunteerId)).ToList();
        if (present.Count == 0) throw new RuleViolationException($"活动「{state.Title}」没有签到的志愿者。");
        var waiting = present.Where(participant => participant.CheckedOutAt is null && context.Now < state.EndsAt + command.Rules.CheckOutGrace).ToList();
        if (waiting.Count > 0)
            throw new RuleViolationException(
                $"{string.Join("、", waiting.Select(participant => participant.Name))}尚未签退；请待其签退，或在活动结束 {command.Rules.CheckOutGrace.TotalHours:0} 小时后核定（未签退的按结束时间签退并标注）。");
        var credits = new List<ServiceCredit>();
        var entries = state.EntriesPosted;
        foreach (var participant in present)
        {
            var verified = ServiceHours.Verify(
                new Presence(participant.VolunteerId, participant.CheckedInAt!.Value, participant.CheckedOutAt, participant.Status == ParticipantStatus.WalkIn,
                    participant.CheckOutClosed),
                state.StartsAt, state.EndsAt, state.ServiceKind, command.Rules, context.Now);
            var posted = EntriesFor(state, verified, entries);
            entries += posted.Count;
            credits.Add(new ServiceCredit(participant.VolunteerId, participant.Name, verified.Minutes, verified.Points, verified.Kind, verified.ClosedAt, verified.Note, posted));
        }
        return new ServiceCredited(state.ActivityId, credits, context.Actor, context.Now);
    }
}

public static class CreditServiceEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapPost("/{activityId}/credit", (string activityId, HttpContext http, AccessGuard guard, CommandRunner runner,
                Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken) =>
                ActivityEndpoints.RunAsync(http, guard, runner, activityId, new CreditService(rules.Value), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("CreditActivity")
            .WithSummary("活动结束后一次核定所有签到者的时长与积分：按签到至签退计分钟，不足活动时长 60% 的不计，单次活动有上限，未签退超过 24 小时的按结束时间签退并标注。");
}
