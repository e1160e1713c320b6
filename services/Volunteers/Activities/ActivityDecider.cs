using System.Security.Cryptography;
using System.Text;
using Platform.Kernel;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Activities;

[ClosedHierarchy]
public abstract record ActivityCommand
{
    private protected ActivityCommand() { }
}

/// <summary>The rules of activities (sign-up, the waitlist, check-in and verified hours) as pure functions.</summary>
public static partial class ActivityDecider
{
    public static readonly Decider<ActivityCommand, ActivityEvent, Activity> Decider = new(Activity.Initial, Activity.Evolve, Decide, Activity.StreamId);

    public static IReadOnlyList<ActivityEvent> Decide(ActivityCommand command, Activity state, DecisionContext context) => command switch
    {
        ScheduleActivity schedule => [Schedule(schedule, state, context)],
        CancelActivity cancel => [Cancel(cancel, state, context)],
        SignUp signUp => [SignUp(signUp, state, context)],
        CancelSignUp cancel => CancelSignUp(cancel, state, context),
        IssueCheckInCode issue => [IssueCode(issue, state, context)],
        CheckIn checkIn => [CheckIn(checkIn, state, context)],
        CheckOut checkOut => [CheckOut(checkOut, state, context)],
        CloseMissingCheckOuts close => CloseMissing(close, state, context),
        LogWalkIn walkIn => [LogWalkIn(walkIn, state, context)],
        CreditService credit => [Credit(credit, state, context)],
        CorrectCredit correct => [Correct(correct, state, context)],
        RequestLateEntry request => [RequestLate(request, state, context)],
        ApproveLateEntry approve => [ApproveLate(approve, state, context)],
        RejectLateEntry reject => [RejectLate(reject, state, context)],
    };

    /// <summary>The hash a check-in code is kept and compared as (salted by the activity, so one code's hash says nothing of another's).</summary>
    public static string HashOf(string activityId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{activityId}:{code.Trim()}")));

    private static void ExpectScheduled(Activity state)
    {
        if (state.Status == ActivityStatus.None) throw new NotFoundException($"活动「{state.ActivityId}」不存在。");
        if (state.Status == ActivityStatus.Cancelled) throw new RuleViolationException($"活动「{state.Title}」已取消。");
    }

    private static void ExpectNotCredited(Activity state)
    {
        if (state.Credited) throw new RuleViolationException($"活动「{state.Title}」的时长已核定；更正请用冲销更正。");
    }

    /// <summary>The ledger entries of one credit: hours (of the credit's kind) and points, each from the community to the volunteer.</summary>
    internal static IReadOnlyList<LedgerEntry> EntriesFor(Activity state, VerifiedService verified, int entriesBefore) =>
        ServiceLedger.Credit(state.ActivityId, entriesBefore, state.CommunityId, verified.VolunteerId, verified.Kind, verified.Minutes, verified.Points);
}
