using Platform.Kernel.Time;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

/// <summary>A deadline came due. <paramref name="DepartmentId"/> is set for a sign deadline.</summary>
public sealed record MarkCaseOverdue(string Deadline, string? DepartmentId, int Round, DateTimeOffset DueAt) : CaseCommand;

public static partial class WhistleCaseDecider
{
    /// <summary>Fires each deadline once: one that was met, belongs to an earlier round, or was already recorded as
    /// breached decides nothing, which is what makes a timer that fires twice harmless.</summary>
    private static CaseEvent[] MarkOverdue(MarkCaseOverdue command, WhistleCase state, NeedsDecisionContext context)
    {
        if (!state.IsWorking || command.Round != state.Round) return [];
        string key;
        IReadOnlyList<string> departments;
        if (command.Deadline == SignDeadline)
        {
            if (command.DepartmentId is not { } departmentId || !state.DepartmentIds.Contains(departmentId) || state.SignedDepartmentIds.Contains(departmentId))
                return [];
            key = WhistleCase.SignDeadlineKey(departmentId, command.Round);
            departments = [departmentId];
        }
        else
        {
            key = WhistleCase.HandleDeadlineKey(command.Round);
            departments = [.. state.DepartmentIds];
        }
        if (state.BreachedDeadlines.Contains(key)) return [];

        var overdue = new CaseOverdue(state.CaseId, command.Deadline, departments, state.Level, command.Round, command.DueAt, context.Now);
        if (LevelAbove(state.Level) is not { } above) return [overdue];
        var what = command.Deadline == SignDeadline ? "签收" : "办理";
        return [overdue, new CaseEscalated(state.CaseId, state.Level, above, true, $"{what}超时（时限 {DistrictTime.Format(command.DueAt)}），自动升级至{LevelName(above)}督办。", context.Actor, context.Now)];
    }
}
