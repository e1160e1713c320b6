using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Activities;

/// <summary>The organizer puts one volunteer's credit right: the old entries are reversed and the corrected credit
/// posted as the organizer's word (组织者登记时长). Nothing is changed in place or deleted.</summary>
public sealed record CorrectCredit(string VolunteerId, int? Minutes, string? Reason, ServiceRules Rules) : ActivityCommand;

public static partial class ActivityDecider
{
    private static CreditCorrected Correct(CorrectCredit command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        if (!state.Credited) throw new RuleViolationException($"活动「{state.Title}」尚未核定时长。");
        if (!state.Credits.TryGetValue(command.VolunteerId, out var standing))
            throw new InvalidReferenceException("volunteerId", $"活动「{state.Title}」没有这名志愿者的核定记录；未到场的请以补录办理。");
        var most = (int)Math.Min((state.EndsAt - state.StartsAt).TotalMinutes, (double)(command.Rules.MostHoursPerActivity * 60));
        new Validation()
            .Require(command.Minutes is not null && command.Minutes >= 0 && command.Minutes <= most, "minutes", $"更正后的时长须为 0–{most} 分钟（不超过活动时长与单次上限）。")
            .Require(command.Minutes is null || command.Minutes != standing.Minutes, "minutes", "更正后的时长与现有的相同。")
            .Text(command.Reason, "reason", "更正原因", 200)
            .ThrowIfInvalid();
        var next = state.EntriesPosted;
        var reversals = standing.Entries.Select(entry => DoubleEntry.Reversal(entry, $"{state.ActivityId}-E{++next}")).ToList();
        var minutes = command.Minutes!.Value;
        var verified = new VerifiedService(command.VolunteerId, minutes, ServiceHours.PointsFor(minutes, state.ServiceKind, command.Rules),
            ServiceLedger.RecordedHours, null, $"更正：{command.Reason!.Trim()}");
        var credit = new ServiceCredit(standing.VolunteerId, standing.Name, minutes, verified.Points, verified.Kind, null, verified.Note, EntriesFor(state, verified, next));
        return new CreditCorrected(state.ActivityId, reversals, credit, command.Reason.Trim(), context.Actor, context.Now);
    }
}

public static class CorrectCreditEndpoint
{
    public sealed record CorrectRequest(string? VolunteerId, int? Minutes, string? Reason);

    public static void Map(RouteGroupBuilder activities) =>
        activities.MapPost("/{activityId}/corrections", (string activityId, CorrectRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken) =>
                ActivityEndpoints.RunAsync(http, guard, runner, activityId,
                    new CorrectCredit(request.VolunteerId?.Trim() ?? "", request.Minutes, request.Reason, rules.Value), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("CorrectCredit")
            .WithSummary("更正一名志愿者的核定时长：冲销原分录，按组织者登记时长重新记账，须写明原因。");
}
