using System.Globalization;
using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Projects.Meetings;

namespace Platform.Projects.ProjectList;

/// <summary>When a task past its deadline is noticed, and to whom: its owner the day after the deadline, the council's
/// rotating chair <see cref="ChairAfterDays"/> days later; nothing once the task is done or the project completed.</summary>
public sealed record OverdueNotice(string TaskId, string Stage, DateTimeOffset DueAt)
{
    public const string Owner = "owner";
    public const string Chair = "chair";
    public const int ChairAfterDays = 3;

    public static string KeyOf(string taskId, string stage) => $"{taskId}:{stage}";

    /// <summary>The notices still to come for <paramref name="tasks"/>, in district time, leaving out those already given.</summary>
    public static IEnumerable<OverdueNotice> Pending(bool running, IEnumerable<ResponsibilityTask> tasks, IReadOnlyCollection<string> noticed) =>
        running
            ? tasks.Where(task => !task.IsDone)
                .SelectMany(task => new[]
                {
                    new OverdueNotice(task.TaskId, Owner, DistrictTime.StartOf(task.Deadline.AddDays(1))),
                    new OverdueNotice(task.TaskId, Chair, DistrictTime.StartOf(task.Deadline.AddDays(1 + ChairAfterDays))),
                })
                .Where(notice => !noticed.Contains(KeyOf(notice.TaskId, notice.Stage)))
            : [];
}

/// <summary>The timer says a task's notice is due; the handler names the council's chair, when the council has one.</summary>
public sealed record NoticeOverdue(string TaskId, string Stage, RosterMember? Chair) : ProjectCommand;

public static partial class ProjectDecider
{
    private static IReadOnlyList<ProjectEvent> Notice(NoticeOverdue command, Project state, DecisionContext context)
    {
        var due = OverdueNotice.Pending(state.Status == ProjectStatus.Active, state.Tasks, state.OverdueNoticed)
            .FirstOrDefault(notice => notice.TaskId == command.TaskId && notice.Stage == command.Stage && notice.DueAt <= context.Now);
        if (due is null || state.Task(command.TaskId) is not { } task) return [];
        var (to, toUnit) = command.Stage == OverdueNotice.Owner
            ? (task.Owner.Name, task.Owner.UnitId)
            : command.Chair is { } chair ? ($"轮值主席{chair.Name}", chair.UnitId) : ("社区党委", (string?)null);
        return [new TaskOverdueNoticed(
            state.ProjectId, state.Name, task.TaskId, task.What, command.Stage, task.Deadline, DistrictTime.DateOf(context.Now).DayNumber - task.Deadline.DayNumber,
            to, toUnit, context.Actor, context.Now)];
    }
}

/// <summary>
/// The Projects service's durable timers, decided in the timer's own transaction so each happens once however many
/// instances poll: a meeting's minutes reminders, and the notices of overdue tasks (the chair found on the council).
/// </summary>
public sealed class ProjectsTimers(CommandRunner runner) : IDueTimerHandler
{
    public const string SettingsSection = "Projects:Timers";
    public const string OverdueKind = "task-overdue";

    private const string TaskFact = "taskId";
    private const string StageFact = "stage";

    public static RunningTimer AsTimer(OverdueNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new RunningTimer($"overdue:{notice.TaskId}:{notice.Stage}", OverdueKind, notice.DueAt,
            new Dictionary<string, string?> { [TaskFact] = notice.TaskId, [StageFact] = notice.Stage });
    }

    public async Task<int> FireAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.Kind != OverdueKind) return await MinutesReminders.FireAsync(runner, transaction, timer, cancellationToken);
        await using var scope = runner.Begin(new CommandOrigin(timer.TenantId, "system:timer", CorrelationId: null, ActorName: "系统（任务逾期提醒）"), transaction);
        var project = await scope.LoadAsync(ProjectDecider.Decider, timer.StreamId[Project.StreamId("").Length..], cancellationToken: cancellationToken);
        RosterMember? chair = null;
        if (timer.Fact(StageFact) == OverdueNotice.Chair && project.State.Party is { } party)
        {
            var council = await scope.LoadAsync(CouncilDecider.Decider, party.CommunityId ?? party.StreetId, cancellationToken: cancellationToken);
            chair = Council.CurrentChair(council.State);
        }
        var decided = scope.Decide(project, new NoticeOverdue(timer.Fact(TaskFact) ?? "", timer.Fact(StageFact) ?? "", chair));
        await scope.CommitAsync(cancellationToken);
        return decided.Count;
    }
}
