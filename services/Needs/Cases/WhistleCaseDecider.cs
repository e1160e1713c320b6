using Platform.Contracts.Needs;
using Platform.Kernel;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

/// <summary>What may be asked of a whistle case: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record CaseCommand
{
    private protected CaseCommand() { }
}

/// <summary>The rules of 吹哨报到 as pure functions: the state and a command in, the events that follow out.</summary>
public static partial class WhistleCaseDecider
{
    public const string SignDeadline = "sign";

    public const string HandleDeadline = "handle";

    private static readonly string[] Levels = [WhistleLevels.Community, WhistleLevels.Street, WhistleLevels.District];

    public static string? LevelAbove(string level) => Array.IndexOf(Levels, level) is var index and >= 0 && index < Levels.Length - 1 ? Levels[index + 1] : null;

    public static string LevelName(string level) => level switch
    {
        WhistleLevels.Community => "社区",
        WhistleLevels.Street => "街道",
        WhistleLevels.District => "区",
        _ => level,
    };

    /// <summary>The decider the runner and the tests use; the catalogue is configuration, so it is bound once.</summary>
    public static Decider<CaseCommand, CaseEvent, WhistleCase> For(NeedsCatalogue catalogue) =>
        new(WhistleCase.Initial, WhistleCase.Evolve, (command, state, context) => Decide(command, state, new NeedsDecisionContext(context.Actor, context.Now, catalogue)), WhistleCase.StreamId)
        {
            Commutes = Commutes,
        };

    /// <summary>
    /// What a department does on its own part of a case (sign, note progress, ask to hand it on) does not depend on
    /// another department signing or noting progress, so a department that saw the case before those still acts on
    /// it. Anything else that happened to the case means the caller must look again.
    /// </summary>
    public static bool Commutes(CaseCommand command, CaseEvent happened) => DepartmentOf(command) is { } department && happened switch
    {
        DepartmentSigned signed => signed.DepartmentId != department,
        CaseProgressNoted => true,
        CaseEvidenceAdded => true,
        _ => false,
    };

    private static string? DepartmentOf(CaseCommand command) => command switch
    {
        SignCase sign => sign.DepartmentId,
        NoteProgress progress => progress.DepartmentId,
        AddCaseEvidence evidence => evidence.DepartmentId,
        RequestTransfer request => request.DepartmentId,
        _ => null,
    };

    public static IReadOnlyList<CaseEvent> Decide(CaseCommand command, WhistleCase state, NeedsDecisionContext context) => command switch
    {
        BlowWhistle blow => [Blow(blow, state, context)],
        DispatchCase dispatch => [Dispatch(dispatch, state, context)],
        SignCase sign => [Sign(sign, state, context)],
        NoteProgress progress => [Progress(progress, state, context)],
        ReportHandled report => [Report(report, state, context)],
        AddCaseEvidence evidence => [AddEvidence(evidence, state, context)],
        VerifyCase verify => [Verify(verify, state, context)],
        RecordCallback callback => [RecordCallback(callback, state, context)],
        CloseCase close => [Close(close, state, context)],
        ReopenCase reopen => [Reopen(reopen, state, context)],
        RequestTransfer request => [RequestTransfer(request, state, context)],
        DecideTransfer decide => [DecideTransfer(decide, state, context)],
        EscalateCase escalate => [Escalate(escalate, state, context)],
        MarkCaseOverdue overdue => MarkOverdue(overdue, state, context),
    };

    public const int MaxEvidence = 9;

    private static void EnsureDepartmentOf(WhistleCase state, string departmentId)
    {
        if (!state.DepartmentIds.Contains(departmentId)) throw new RuleViolationException("本部门不是该案件的承办部门。");
    }

    private static void EnsureSigned(WhistleCase state, string departmentId)
    {
        EnsureDepartmentOf(state, departmentId);
        if (!state.SignedDepartmentIds.Contains(departmentId)) throw new RuleViolationException("请先签收（报到）。");
    }

    private static void Expect(WhistleCase state, string action, params CaseStatus[] allowed)
    {
        if (state.Status == CaseStatus.None) throw new NotFoundException("吹哨案件不存在。");
        if (!allowed.Contains(state.Status))
            throw new RuleViolationException($"案件当前状态为「{CaseStatusNames.Of(state.Status)}」，不能{action}。");
    }
}

public static class CaseStatusNames
{
    public static string Code(this CaseStatus status) => status switch
    {
        CaseStatus.AwaitingDispatch => "awaiting-dispatch",
        CaseStatus.Dispatched => "dispatched",
        CaseStatus.InHandling => "in-handling",
        CaseStatus.Reported => "reported",
        CaseStatus.Verified => "verified",
        CaseStatus.CallbackDone => "callback-done",
        CaseStatus.Closed => "closed",
        _ => "none",
    };

    public static string Of(CaseStatus status) => status switch
    {
        CaseStatus.AwaitingDispatch => "待派单",
        CaseStatus.Dispatched => "待签收",
        CaseStatus.InHandling => "办理中",
        CaseStatus.Reported => "待核实",
        CaseStatus.Verified => "待回访",
        CaseStatus.CallbackDone => "待结案",
        CaseStatus.Closed => "已结案",
        _ => "不存在",
    };
}
