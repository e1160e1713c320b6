using Npgsql;
using Platform.EventSourcing.Timers;
using System.Globalization;

namespace Platform.Projects.Meetings;

/// <summary>A meeting's minutes are still open some days after it opened: the timer reminds once for each of those days.</summary>
public sealed record RemindMinutes(string MeetingId, int DaysOpen) : CouncilCommand;

public static partial class CouncilDecider
{
    private static IReadOnlyList<CouncilEvent> Remind(RemindMinutes command, Council state, DecisionContext context) =>
        state.Meeting(command.MeetingId) is { } meeting
        && Council.RemindersOf(meeting.MeetingId, meeting.Status == MeetingStatus.Open, meeting.OpenedAt, meeting.Reminded.ToList())
            .Any(reminder => reminder.DaysOpen == command.DaysOpen && reminder.DueAt <= context.Now)
            ? [new MinutesReminded(meeting.MeetingId, command.DaysOpen, context.Actor, context.Now)]
            : [];
}

/// <summary>What the service does when a meeting's reminder comes due (fired by <see cref="ProjectList.ProjectsTimers"/>);
/// a meeting closed meanwhile decides nothing.</summary>
public static class MinutesReminders
{
    private const string MeetingFact = "meetingId";
    private const string DaysFact = "days";

    public static RunningTimer AsTimer(MinutesReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return new RunningTimer($"minutes:{reminder.MeetingId}:{reminder.DaysOpen}", "minutes-reminder", reminder.DueAt,
            new Dictionary<string, string?> { [MeetingFact] = reminder.MeetingId, [DaysFact] = reminder.DaysOpen.ToString(CultureInfo.InvariantCulture) });
    }

    public static async Task<int> FireAsync(CommandRunner runner, NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(timer);
        var command = new RemindMinutes(timer.Fact(MeetingFact) ?? "", int.Parse(timer.Fact(DaysFact) ?? "0", CultureInfo.InvariantCulture));
        await using var scope = runner.Begin(new CommandOrigin(timer.TenantId, "system:timer", CorrelationId: null, ActorName: "系统（会议纪要提醒）"), transaction);
        var council = await scope.LoadAsync(CouncilDecider.Decider, timer.StreamId[Council.StreamId("").Length..], cancellationToken: cancellationToken);
        var decided = scope.Decide(council, command);
        await scope.CommitAsync(cancellationToken);
        return decided.Count;
    }
}
