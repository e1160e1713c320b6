using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Activities;

/// <summary>A volunteer (or staff for them) enters service done without a check-in, after the activity.</summary>
public sealed record RequestLateEntry(string VolunteerId, string Name, int? Minutes, string? Reason, ServiceRules Rules) : ActivityCommand;

public sealed record ApproveLateEntry(string VolunteerId, ServiceRules Rules) : ActivityCommand;

public sealed record RejectLateEntry(string VolunteerId, string? Reason) : ActivityCommand;

public static partial class ActivityDecider
{
    /// <summary>The most a 补录 may claim: the activity's length, and never past the per-activity cap.</summary>
    public static int MostLateMinutes(Activity state, ServiceRules rules) =>
        (int)Math.Min((state.EndsAt - state.StartsAt).TotalMinutes, (double)(rules.MostHoursPerActivity * 60));

    private static LateEntryRequested RequestLate(RequestLateEntry command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        if (context.Now < state.EndsAt) throw new RuleViolationException($"活动「{state.Title}」尚未结束，不能补录（不为未来的时间计时长）。");
        if (state.Credits.ContainsKey(command.VolunteerId)) throw new RuleViolationException($"{command.Name}在活动「{state.Title}」已有核定的时长；有误请由组织者更正。");
        if (state.LateEntries.TryGetValue(command.VolunteerId, out var earlier) && earlier.Status != LateEntryStatus.Rejected)
            throw new RuleViolationException($"{command.Name}已申请过补录。");
        if (state.Find(command.VolunteerId) is { Present: true }) throw new RuleViolationException($"{command.Name}已签到，时长按签到签退核定，无需补录。");
        var most = MostLateMinutes(state, command.Rules);
        new Validation()
            .Require(command.Minutes is > 0 && command.Minutes <= most, "minutes", $"补录时长须为 1–{most} 分钟（不超过活动时长）。")
            .Text(command.Reason, "reason", "补录原因", 200)
            .ThrowIfInvalid();
        return new LateEntryRequested(state.ActivityId, command.VolunteerId, command.Name, command.Minutes!.Value, command.Reason!.Trim(), context.Actor, context.Now);
    }

    private static LateEntryApproved ApproveLate(ApproveLateEntry command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        var entry = PendingLate(state, command.VolunteerId);
        if (state.Credits.ContainsKey(entry.VolunteerId))
            throw new RuleViolationException($"{entry.Name}在活动「{state.Title}」已按签到核定时长，这条补录应不予批准。");
        var minutes = Math.Min(entry.Minutes, MostLateMinutes(state, command.Rules));
        var verified = new VerifiedService(entry.VolunteerId, minutes, ServiceHours.PointsFor(minutes, state.ServiceKind, command.Rules), ServiceLedger.RecordedHours,
            null, $"补录：{entry.Reason}");
        return new LateEntryApproved(state.ActivityId,
            new ServiceCredit(entry.VolunteerId, entry.Name, minutes, verified.Points, verified.Kind, null, verified.Note, EntriesFor(state, verified, state.EntriesPosted)),
            context.Actor, context.Now);
    }

    private static LateEntryRejected RejectLate(RejectLateEntry command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        var entry = PendingLate(state, command.VolunteerId);
        new Validation().Text(command.Reason, "reason", "不予补录的原因", 200).ThrowIfInvalid();
        return new LateEntryRejected(state.ActivityId, entry.VolunteerId, command.Reason!.Trim(), context.Actor, context.Now);
    }

    private static LateEntry PendingLate(Activity state, string volunteerId) =>
        state.LateEntries.TryGetValue(volunteerId, out var entry) && entry.Status == LateEntryStatus.Pending
            ? entry
            : throw new InvalidReferenceException("volunteerId", $"活动「{state.Title}」没有这名志愿者待审核的补录。");
}

public static class LateEntryEndpoints
{
    public sealed record LateEntryRequest(string? VolunteerId, int? Minutes, string? Reason);

    public sealed record RejectRequest(string? Reason);

    public static void Map(RouteGroupBuilder activities)
    {
        activities.MapPost("/{activityId}/late-entries", RequestAsync).RequireAccess(VolunteersActions.TakePart).WithName("RequestLateEntry")
            .WithSummary("活动结束后补录未签到的服务时长（不超过活动时长），待组织者审核后计入组织者登记时长。");
        activities.MapPost("/{activityId}/late-entries/{volunteerId}/approve", (string activityId, string volunteerId, HttpContext http, AccessGuard guard,
                CommandRunner runner, Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken) =>
                ActivityEndpoints.RunAsync(http, guard, runner, activityId, new ApproveLateEntry(volunteerId, rules.Value), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("ApproveLateEntry").WithSummary("组织者批准补录，计入时长与积分。");
        activities.MapPost("/{activityId}/late-entries/{volunteerId}/reject", (string activityId, string volunteerId, RejectRequest request, HttpContext http,
                AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
                ActivityEndpoints.RunAsync(http, guard, runner, activityId, new RejectLateEntry(volunteerId, request.Reason), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("RejectLateEntry").WithSummary("组织者不予补录，须写明原因。");
    }

    private static async Task<IResult> RequestAsync(
        string activityId, LateEntryRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await ActivityEndpoints.ReadableActivityAsync(user, guard, queries, activityId, cancellationToken);
        var volunteer = await VolunteerEndpoints.ActingVolunteerAsync(user, queries, request.VolunteerId, cancellationToken);
        return await ActivityEndpoints.RunAsync(http, guard, runner, activityId,
            new RequestLateEntry(volunteer.Id, volunteer.Person.Name, request.Minutes, request.Reason, rules.Value), cancellationToken, volunteer);
    }
}
