using System.Security.Cryptography;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Activities;

/// <summary>The organizer shows a fresh code at the place (the handler draws it); the last code shown is the one that counts.</summary>
public sealed record IssueCheckInCode(string Code) : ActivityCommand;

/// <summary>A signed-up volunteer checks in at the place with the code the organizer shows; once only.</summary>
public sealed record CheckIn(string VolunteerId, string? Code) : ActivityCommand;

public sealed record CheckOut(string VolunteerId, string? Code) : ActivityCommand;

/// <summary>The timer closes the check-outs still missing once the grace period after the end has passed.</summary>
public sealed record CloseMissingCheckOuts(ServiceRules Rules) : ActivityCommand;

/// <summary>The organizer logs a volunteer who came without a place on the roster (or from the waitlist), with the times they saw.</summary>
public sealed record LogWalkIn(string VolunteerId, string Name, string? Post, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt) : ActivityCommand;

public static partial class ActivityDecider
{
    private static CheckInCodeIssued IssueCode(IssueCheckInCode command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        ExpectNotCredited(state);
        if (context.Now < state.StartsAt - Activity.CheckInOpensBefore || context.Now > state.EndsAt)
            throw new RuleViolationException($"签到码在活动开始前 {Activity.CheckInOpensBefore.TotalMinutes:0} 分钟至结束时出示。");
        return new CheckInCodeIssued(state.ActivityId, HashOf(state.ActivityId, command.Code), context.Actor, context.Now);
    }

    private static void ExpectCode(Activity state, string? code)
    {
        if (state.CodeHash is null) throw new RuleViolationException("组织者尚未出示签到码。");
        if (string.IsNullOrWhiteSpace(code)) throw new InvalidCommandException("须输入现场出示的签到码。", new Dictionary<string, string[]> { ["code"] = ["须输入签到码。"] });
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(HashOf(state.ActivityId, code)), Convert.FromHexString(state.CodeHash)))
            throw new RuleViolationException("签到码不正确或已更换，请以现场出示的为准。");
    }

    private static VolunteerCheckedIn CheckIn(CheckIn command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        ExpectNotCredited(state);
        var participant = state.Find(command.VolunteerId);
        if (participant is not { Holds: true })
            throw new RuleViolationException(participant?.Status == ParticipantStatus.Waitlisted ? "候补中的志愿者请由组织者现场登记。" : $"没有报名活动「{state.Title}」。");
        if (participant.Present) throw new RuleViolationException($"{participant.Name}已签到。");
        if (context.Now < state.StartsAt - Activity.CheckInOpensBefore || context.Now > state.EndsAt)
            throw new RuleViolationException($"签到时间为活动开始前 {Activity.CheckInOpensBefore.TotalMinutes:0} 分钟至结束。");
        ExpectCode(state, command.Code);
        return new VolunteerCheckedIn(state.ActivityId, command.VolunteerId, context.Actor, context.Now);
    }

    private static VolunteerCheckedOut CheckOut(CheckOut command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        ExpectNotCredited(state);
        var participant = state.Find(command.VolunteerId);
        if (participant is not { Present: true }) throw new RuleViolationException("尚未签到，不能签退。");
        if (participant.CheckedOutAt is not null) throw new RuleViolationException($"{participant.Name}已签退。");
        ExpectCode(state, command.Code);
        return new VolunteerCheckedOut(state.ActivityId, command.VolunteerId, context.Actor, context.Now);
    }

    private static IReadOnlyList<ActivityEvent> CloseMissing(CloseMissingCheckOuts command, Activity state, DecisionContext context)
    {
        if (state.Status != ActivityStatus.Scheduled || state.Credited || context.Now < state.EndsAt + command.Rules.CheckOutGrace) return [];
        var missing = MissingCheckOuts(state).ToList();
        return missing.Count == 0 ? [] : [new CheckOutsClosed(state.ActivityId, missing, state.EndsAt, context.Actor, context.Now)];
    }

    /// <summary>Who checked in and has not checked out.</summary>
    public static IEnumerable<string> MissingCheckOuts(Activity state) =>
        state.Participants.Where(participant => participant.Present && participant.CheckedOutAt is null).Select(participant => participant.VolunteerId);

    private static WalkInLogged LogWalkIn(LogWalkIn command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        ExpectNotCredited(state);
        if (state.Find(command.VolunteerId) is { Present: true } present) throw new RuleViolationException($"{present.Name}已签到。");
        if (state.LateEntries.TryGetValue(command.VolunteerId, out var late) && late.Status != LateEntryStatus.Rejected)
            throw new RuleViolationException($"{command.Name}已申请补录，请审核补录。");
        new Validation()
            .Require(command.CheckedInAt is not null, "checkedInAt", "须写明到场时间。")
            .Require(command.CheckedInAt is null || command.CheckedInAt >= state.StartsAt - Activity.CheckInOpensBefore && command.CheckedInAt <= state.EndsAt,
                "checkedInAt", "到场时间须在活动时间内。")
            .Require(command.CheckedInAt is null || command.CheckedInAt <= context.Now, "checkedInAt", "到场时间不能晚于现在。")
            .Require(command.CheckedOutAt is null || command.CheckedInAt is null || command.CheckedOutAt > command.CheckedInAt, "checkedOutAt", "离开时间须晚于到场时间。")
            .Require(command.CheckedOutAt is null || command.CheckedOutAt <= context.Now, "checkedOutAt", "离开时间不能晚于现在。")
            .Require(state.Posts.Count == 0 || command.Post is null || state.Posts.Contains(command.Post), "post", $"岗位须为 {string.Join("、", state.Posts)} 之一。")
            .ThrowIfInvalid();
        return new WalkInLogged(state.ActivityId, command.VolunteerId, command.Name, command.Post, command.CheckedInAt!.Value, command.CheckedOutAt,
            context.Actor, context.Now);
    }
}

public static class AttendEndpoints
{
    public sealed record CodeRequest(string? VolunteerId, string? Code);

    public sealed record WalkInRequest(string? VolunteerId, string? Post, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt);

    /// <summary>The code to show at the place, answered once to the organizer who drew it.</summary>
    public sealed record IssuedCode(string Code, DateTimeOffset ValidUntil, long Version);

    public static void Map(RouteGroupBuilder activities)
    {
        activities.MapPost("/{activityId}/check-in-code", IssueAsync).RequireAccess(VolunteersActions.ManageVolunteers).WithName("IssueCheckInCode")
            .WithSummary("组织者在现场出示新的 6 位签到码（活动开始前 30 分钟起至结束）；之前出示的签到码随即失效。");
        activities.MapPost("/{activityId}/check-in", (string activityId, CodeRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries,
                CommandRunner runner, CancellationToken cancellationToken) =>
                AttendAsync(activityId, request, http, guard, queries, runner, (volunteerId, code) => new CheckIn(volunteerId, code), cancellationToken))
            .RequireAccess(VolunteersActions.TakePart).WithName("CheckIn").WithSummary("志愿者凭现场签到码签到（每人一次）。");
        activities.MapPost("/{activityId}/check-out", (string activityId, CodeRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries,
                CommandRunner runner, CancellationToken cancellationToken) =>
                AttendAsync(activityId, request, http, guard, queries, runner, (volunteerId, code) => new CheckOut(volunteerId, code), cancellationToken))
            .RequireAccess(VolunteersActions.TakePart).WithName("CheckOut").WithSummary("志愿者凭现场签到码签退；时长按签到至签退计。");
        activities.MapPost("/{activityId}/walk-ins", WalkInAsync).RequireAccess(VolunteersActions.ManageVolunteers).WithName("LogWalkIn")
            .WithSummary("组织者登记未报名而到场的志愿者（可超出人数上限），其时长记为组织者登记时长。");
    }

    private static async Task<IResult> IssueAsync(
        string activityId, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner, CancellationToken cancellationToken)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        await ActivityEndpoints.RunAsync(http, guard, runner, activityId, new IssueCheckInCode(code), cancellationToken);
        var user = guard.CurrentUser(http);
        var view = await queries.FindActivityAsync(user.DistrictCode, activityId, cancellationToken);
        return TypedResults.Ok(new IssuedCode(code, view!.EndsAt, view.Version));
    }

    private static async Task<IResult> AttendAsync(
        string activityId, CodeRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        Func<string, string?, ActivityCommand> command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await ActivityEndpoints.ReadableActivityAsync(user, guard, queries, activityId, cancellationToken);
        var volunteer = await VolunteerEndpoints.ActingVolunteerAsync(user, queries, request.VolunteerId, cancellationToken, mustBeActive: false);
        return await ActivityEndpoints.RunAsync(http, guard, runner, activityId, command(volunteer.Id, request.Code), cancellationToken, volunteer);
    }

    private static async Task<IResult> WalkInAsync(
        string activityId, WalkInRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await ActivityEndpoints.ReadableActivityAsync(user, guard, queries, activityId, cancellationToken);
        var volunteer = await VolunteerEndpoints.ActiveVolunteerAsync(user, queries, request.VolunteerId, "volunteerId", cancellationToken);
        return await ActivityEndpoints.RunAsync(http, guard, runner, activityId,
            new LogWalkIn(volunteer.Id, volunteer.Person.Name, request.Post, request.CheckedInAt, request.CheckedOutAt), cancellationToken, volunteer);
    }
}
