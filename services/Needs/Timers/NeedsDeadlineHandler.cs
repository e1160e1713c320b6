using System.Globalization;
using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Needs.Handling;
using Platform.Needs.ReadModels;

namespace Platform.Needs.Timers;

/// <summary>
/// What the Needs service does when a time limit comes due: the need or case records its breach, and the rules that
/// follow (escalation, the automatic whistle) are decided in the same transaction as the timer's removal. The limits
/// themselves are the views' running deadlines (<see cref="CaseView.RunningDeadlines"/>, <see cref="NeedView.RunningDeadlines"/>),
/// kept as the kernel's durable timers by <see cref="NeedsViewProjection"/>.
/// </summary>
public sealed class NeedsDeadlineHandler(NeedsCommandHandler commands) : IDueTimerHandler
{
    public const string SettingsSection = "Needs:Timers";

    private const string DepartmentFact = "departmentId";
    private const string RoundFact = "round";

    public static RunningTimer AsTimer(RunningDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return new RunningTimer(deadline.Key, deadline.Kind, deadline.DueAt, new Dictionary<string, string?>
        {
            [DepartmentFact] = deadline.DepartmentId,
            [RoundFact] = deadline.Round.ToString(CultureInfo.InvariantCulture),
        });
    }

    public Task<int> FireAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var round = int.Parse(timer.Fact(RoundFact) ?? "0", CultureInfo.InvariantCulture);
        var kind = timer.Kind == NeedView.HandleDeadline ? "handle" : timer.Kind;
        return commands.MarkOverdueAsync(transaction, timer.TenantId, timer.StreamId, kind, timer.Fact(DepartmentFact), round, timer.DueAt, cancellationToken);
    }
}
