namespace Platform.Volunteers.Activities;

/// <summary>A volunteer signs up; the handler has checked they are an active volunteer of the activity's community,
/// and says which teams they are in.</summary>
public sealed record SignUp(string VolunteerId, string Name, IReadOnlyList<string> TeamIds, string? Post) : ActivityCommand;

/// <summary>A volunteer drops out before the start; the first on the waitlist takes the freed place.</summary>
public sealed record CancelSignUp(string VolunteerId) : ActivityCommand;

public static partial class ActivityDecider
{
    private static VolunteerSignedUp SignUp(SignUp command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        if (context.Now >= state.StartsAt) throw new RuleViolationException($"活动「{state.Title}」已开始，报名已截止；到场后请组织者登记。");
        if (state.TeamId is not null && !command.TeamIds.Contains(state.TeamId))
            throw new RuleViolationException($"活动「{state.Title}」由服务队伍承担，只有队员可以报名。");
        if (state.Find(command.VolunteerId) is { Status: ParticipantStatus.SignedUp or ParticipantStatus.Waitlisted })
            throw new RuleViolationException($"{command.Name}已报名活动「{state.Title}」。");
        new Validation()
            .Require(state.Posts.Count == 0 || command.Post is not null && state.Posts.Contains(command.Post.Trim()), "post",
                $"须选择岗位：{string.Join("、", state.Posts)}。")
            .Require(state.Posts.Count > 0 || string.IsNullOrWhiteSpace(command.Post), "post", "本次活动不设岗位。")
            .ThrowIfInvalid();
        return new VolunteerSignedUp(state.ActivityId, command.VolunteerId, command.Name, state.Posts.Count == 0 ? null : command.Post!.Trim(),
            Waitlisted: state.Taken >= state.Capacity, context.Actor, context.Now);
    }

    private static IReadOnlyList<ActivityEvent> CancelSignUp(CancelSignUp command, Activity state, DecisionContext context)
    {
        ExpectScheduled(state);
        var participant = state.Find(command.VolunteerId);
        if (participant is not { Status: ParticipantStatus.SignedUp or ParticipantStatus.Waitlisted })
            throw new RuleViolationException($"没有报名活动「{state.Title}」。");
        if (context.Now >= state.StartsAt) throw new RuleViolationException($"活动「{state.Title}」已开始，不能取消报名。");
        var cancelled = new SignUpCancelled(state.ActivityId, command.VolunteerId, context.Actor, context.Now);
        var next = participant.Status == ParticipantStatus.SignedUp
            ? state.Participants.FirstOrDefault(waiting => waiting.Status == ParticipantStatus.Waitlisted)
            : null;
        return next is null ? [cancelled] : [cancelled, new WaitlistPromoted(state.ActivityId, next.VolunteerId, context.Actor, context.Now)];
    }
}

public static class SignUpEndpoints
{
    public sealed record SignUpRequest(string? VolunteerId, string? Post);

    public sealed record CancelRequest(string? VolunteerId);

    public static void Map(RouteGroupBuilder activities)
    {
        activities.MapPost("/{activityId}/sign-ups", SignUpAsync).RequireAccess(VolunteersActions.TakePart).WithName("SignUpForActivity")
            .WithSummary("报名活动（志愿者为本人报名，社区工作人员可代为报名）；满员时进入候补，有人取消时候补自动递补。");
        activities.MapPost("/{activityId}/sign-ups/cancel", CancelAsync).RequireAccess(VolunteersActions.TakePart).WithName("CancelSignUp")
            .WithSummary("开始前取消报名；空出的名额由候补第一位递补。");
    }

    private static async Task<IResult> SignUpAsync(
        string activityId, SignUpRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await ActivityEndpoints.ReadableActivityAsync(user, guard, queries, activityId, cancellationToken);
        var volunteer = await VolunteerEndpoints.ActingVolunteerAsync(user, queries, request.VolunteerId, cancellationToken);
        var teams = await queries.TeamsOfAsync(user.DistrictCode, volunteer.Id, cancellationToken);
        return await ActivityEndpoints.RunAsync(http, guard, runner, activityId, new SignUp(volunteer.Id, volunteer.Person.Name, teams, request.Post),
            cancellationToken, volunteer);
    }

    private static async Task<IResult> CancelAsync(
        string activityId, CancelRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        await ActivityEndpoints.ReadableActivityAsync(user, guard, queries, activityId, cancellationToken);
        var volunteer = await VolunteerEndpoints.ActingVolunteerAsync(user, queries, request.VolunteerId, cancellationToken, mustBeActive: false);
        return await ActivityEndpoints.RunAsync(http, guard, runner, activityId, new CancelSignUp(volunteer.Id), cancellationToken, volunteer);
    }
}
