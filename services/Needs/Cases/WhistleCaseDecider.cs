using Platform.Contracts.Needs;
using Platform.Kernel;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;
using Platform.Kernel.Time;

namespace Platform.Needs.Cases;

/// <summary>What may be asked of a whistle case: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record CaseCommand
{
    private protected CaseCommand() { }
}

public sealed record BlowWhistle(
    string CaseId, string NeedId, string Title, string Category, string Urgency, Place Place, string? Level, string? WhistleType,
    string? Reason, IReadOnlyList<string>? TriedByCommunity, bool Automatic) : CaseCommand;

public sealed record DispatchCase(
    string? LeadDepartmentId, IReadOnlyList<string>? AssistingDepartmentIds, IReadOnlyList<string>? ParticipatingUnitIds, string? HandlingClass, string? Note) : CaseCommand;

public sealed record SignCase(string DepartmentId, bool ContactedReporter) : CaseCommand;

public sealed record NoteProgress(string DepartmentId, string? Note) : CaseCommand;

public sealed record ReportHandled(string DepartmentId, string? Result) : CaseCommand;

/// <summary>Photos or documents of a department's work on the case (现场照片、整改前后对比), kept with its result.</summary>
public sealed record AddCaseEvidence(string DepartmentId, IReadOnlyList<MediaReference> Media) : CaseCommand;

public sealed record VerifyCase(bool? Passed, string? Note) : CaseCommand;

public sealed record RecordCallback(bool? Resolved, bool? Satisfied, string? Comment) : CaseCommand;

public sealed record CloseCase : CaseCommand;

public sealed record ReopenCase(string? Reason) : CaseCommand;

public sealed record RequestTransfer(string DepartmentId, string? Reason, string? SuggestedDepartmentId) : CaseCommand;

public sealed record DecideTransfer(bool? Approve, string? ToDepartmentId, string? Note) : CaseCommand;

public sealed record EscalateCase(string? Reason) : CaseCommand;

/// <summary>A deadline came due. <paramref name="DepartmentId"/> is set for a sign deadline.</summary>
public sealed record MarkCaseOverdue(string Deadline, string? DepartmentId, int Round, DateTimeOffset DueAt) : CaseCommand;

/// <summary>The rules of 吹哨报到 as pure functions: the state and a command in, the events that follow out.</summary>
public static class WhistleCaseDecider
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
        CloseCase => [Close(state, context)],
        ReopenCase reopen => [Reopen(reopen, state, context)],
        RequestTransfer request => [RequestTransfer(request, state, context)],
        DecideTransfer decide => [DecideTransfer(decide, state, context)],
        EscalateCase escalate => [Escalate(escalate, state, context)],
        MarkCaseOverdue overdue => MarkOverdue(overdue, state, context),
    };

    private static WhistleBlown Blow(BlowWhistle command, WhistleCase state, NeedsDecisionContext context)
    {
        if (state.Status != CaseStatus.None) throw new RuleViolationException($"吹哨案件「{command.CaseId}」已存在。");
        new Validation()
            .Require(command.Level is WhistleLevels.Street or WhistleLevels.District, "level", "吹哨层级须为 street（街道）或 district（区）。")
            .Require(context.Catalogue.IsWhistleType(command.WhistleType), "whistleType", $"未知的哨类「{command.WhistleType}」。")
            .Text(command.Reason, "reason", "吹哨原因", 1000)
            .Require(command.Automatic || command.TriedByCommunity is { Count: > 0 }, "triedByCommunity", "须说明社区已做的工作。")
            .Require(command.TriedByCommunity is null || command.TriedByCommunity.All(tried => tried is { Length: > 0 and <= 500 }), "triedByCommunity", "每项已做工作不超过 500 个字符。")
            .ThrowIfInvalid();
        return new WhistleBlown(
            command.CaseId, command.NeedId, command.Title, command.Category, command.Urgency, command.Place, command.Level!, command.WhistleType!,
            command.Reason!.Trim(), command.TriedByCommunity?.Select(tried => tried.Trim()).ToList() ?? [], command.Automatic, context.Actor, context.Now);
    }

    private static CaseDispatched Dispatch(DispatchCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "派单", CaseStatus.AwaitingDispatch);
        var assisting = command.AssistingDepartmentIds ?? [];
        var handlingClass = command.HandlingClass ?? context.Catalogue.ClassFor(state.Category, state.Urgency);
        new Validation()
            .Text(command.LeadDepartmentId, "leadDepartmentId", "牵头部门", 64)
            .Require(assisting.Count <= 10, "assistingDepartmentIds", "协办部门不超过 10 个。")
            .Require(assisting.All(id => id is { Length: > 0 }) && assisting.Distinct().Count() == assisting.Count, "assistingDepartmentIds", "协办部门不能为空或重复。")
            .Require(!assisting.Contains(command.LeadDepartmentId), "assistingDepartmentIds", "牵头部门不能同时是协办部门。")
            .Require((command.ParticipatingUnitIds ?? []).Count <= 10, "participatingUnitIds", "参与的共建单位不超过 10 个。")
            .Require(context.Catalogue.FindClass(handlingClass) is not null, "handlingClass", $"未知的办理类别「{handlingClass}」。")
            .Text(command.Note, "note", "派单说明", 1000, required: false)
            .ThrowIfInvalid();
        return new CaseDispatched(
            state.CaseId, state.Level, command.LeadDepartmentId!, assisting, command.ParticipatingUnitIds ?? [], handlingClass, state.Round + 1,
            context.Now + context.Catalogue.SignLimit, context.Now + context.Catalogue.HandleLimit(handlingClass), command.Note?.Trim(), context.Actor, context.Now);
    }

    private static DepartmentSigned Sign(SignCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "签收", CaseStatus.Dispatched, CaseStatus.InHandling);
        EnsureDepartmentOf(state, command.DepartmentId);
        if (state.SignedDepartmentIds.Contains(command.DepartmentId)) throw new RuleViolationException("本部门已签收该案件。");
        var signBy = state.SignDeadlineOf(command.DepartmentId)!.Value;
        return new DepartmentSigned(
            state.CaseId, command.DepartmentId, command.ContactedReporter, context.Now <= signBy, signBy, state.DispatchedAt!.Value, context.Actor, context.Now);
    }

    private static CaseProgressNoted Progress(NoteProgress command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "记录进展", CaseStatus.InHandling);
        EnsureSigned(state, command.DepartmentId);
        new Validation().Text(command.Note, "note", "进展", 1000).ThrowIfInvalid();
        return new CaseProgressNoted(state.CaseId, command.DepartmentId, command.Note!.Trim(), context.Actor, context.Now);
    }

    private static CaseReported Report(ReportHandled command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "反馈办理结果", CaseStatus.InHandling);
        if (command.DepartmentId != state.LeadDepartmentId) throw new RuleViolationException("办理结果由牵头部门反馈。");
        // A lead that asked to hand the case on has said it is the wrong owner; it reports only once that is decided.
        if (state.PendingTransfer?.DepartmentId == command.DepartmentId) throw new RuleViolationException("本部门的转办申请尚待决定，不能反馈办理结果。");
        EnsureSigned(state, command.DepartmentId);
        new Validation().Text(command.Result, "result", "办理结果", 2000).ThrowIfInvalid();
        return new CaseReported(
            state.CaseId, command.DepartmentId, command.Result!.Trim(), context.Now <= state.HandleBy!.Value, state.HandleBy.Value, state.DispatchedAt!.Value,
            context.Actor, context.Now);
    }

    public const int MaxEvidence = 9;

    /// <summary>While a signed department works on the case and until the community has verified its result.</summary>
    private static CaseEvidenceAdded AddEvidence(AddCaseEvidence command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "上传办理照片", CaseStatus.InHandling, CaseStatus.Reported);
        EnsureSigned(state, command.DepartmentId);
        new Validation()
            .Require(command.Media.Count > 0, "media", "没有附件。")
            .Require(command.Media.All(media => media.IsWellFormed), "media", "附件须为已保存的文件或 http(s) 链接。")
            .Require(state.EvidenceCount + command.Media.Count <= MaxEvidence, "media", $"一个案件最多 {MaxEvidence} 个办理照片或文件，已有 {state.EvidenceCount} 个。")
            .ThrowIfInvalid();
        return new CaseEvidenceAdded(state.CaseId, command.DepartmentId, [.. command.Media], context.Actor, context.Now);
    }

    private static CaseVerified Verify(VerifyCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "现场核实", CaseStatus.Reported);
        new Validation()
            .Require(command.Passed is not null, "passed", "须注明核实是否通过。")
            .Text(command.Note, "note", "核实情况", 1000)
            .ThrowIfInvalid();
        return new CaseVerified(state.CaseId, command.Passed!.Value, command.Note!.Trim(), context.Actor, context.Now);
    }

    private static CallbackRecorded RecordCallback(RecordCallback command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "回访", CaseStatus.Verified);
        new Validation()
            .Require(command.Resolved is not null, "resolved", "须注明是否解决。")
            .Require(command.Satisfied is not null, "satisfied", "须注明是否满意。")
            .Text(command.Comment, "comment", "回访意见", 1000, required: false)
            .ThrowIfInvalid();
        return new CallbackRecorded(
            state.CaseId, command.Resolved!.Value, command.Satisfied!.Value, command.Comment?.Trim(), state.LeadDepartmentId!, [.. state.DepartmentIds],
            context.Actor, context.Now);
    }

    private static CaseClosed Close(WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "结案", CaseStatus.CallbackDone);
        return new CaseClosed(state.CaseId, state.NeedId, state.Callback!.Resolved, state.Callback.Satisfied, context.Actor, context.Now);
    }

    private static CaseReopened Reopen(ReopenCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "重办", CaseStatus.CallbackDone);
        if (state.Callback is { Resolved: true, Satisfied: true }) throw new RuleViolationException("诉求人已表示解决且满意，无需重办。");
        new Validation().Text(command.Reason, "reason", "重办原因", 1000).ThrowIfInvalid();
        return new CaseReopened(
            state.CaseId, command.Reason!.Trim(), state.Round + 1, context.Now + context.Catalogue.HandleLimit(state.HandlingClass!), context.Actor, context.Now);
    }

    private static TransferRequested RequestTransfer(RequestTransfer command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "申请转办", CaseStatus.Dispatched, CaseStatus.InHandling);
        EnsureDepartmentOf(state, command.DepartmentId);
        if (state.PendingTransfer is not null) throw new RuleViolationException("已有待决定的转办申请。");
        new Validation()
            .Text(command.Reason, "reason", "转办理由", 1000)
            .Require(command.SuggestedDepartmentId != command.DepartmentId, "suggestedDepartmentId", "建议的部门不能是本部门。")
            .ThrowIfInvalid();
        return new TransferRequested(state.CaseId, command.DepartmentId, command.Reason!.Trim(), command.SuggestedDepartmentId, context.Actor, context.Now);
    }

    private static CaseEvent DecideTransfer(DecideTransfer command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "决定转办", CaseStatus.Dispatched, CaseStatus.InHandling);
        if (state.PendingTransfer is not { } pending) throw new RuleViolationException("没有待决定的转办申请。");
        new Validation()
            .Require(command.Approve is not null, "approve", "须注明是否同意转办。")
            .Require(command.Approve != true || command.ToDepartmentId is { Length: > 0 }, "toDepartmentId", "同意转办须指定接办部门。")
            .Require(command.Approve != true || !state.DepartmentIds.Contains(command.ToDepartmentId), "toDepartmentId", "接办部门已在本案中。")
            .Text(command.Note, "note", "说明", 1000, required: command.Approve == false)
            .ThrowIfInvalid();
        if (command.Approve == false)
            return new TransferRejected(state.CaseId, pending.DepartmentId, command.Note!.Trim(), context.Actor, context.Now);
        return new CaseTransferred(
            state.CaseId, pending.DepartmentId, command.ToDepartmentId!, pending.DepartmentId == state.LeadDepartmentId,
            context.Now + context.Catalogue.SignLimit, command.Note?.Trim() ?? "", context.Actor, context.Now);
    }

    private static CaseEscalated Escalate(EscalateCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "升级", CaseStatus.AwaitingDispatch, CaseStatus.Dispatched, CaseStatus.InHandling);
        var above = LevelAbove(state.Level) ?? throw new RuleViolationException("案件已在区级督办，无法再升级。");
        new Validation().Text(command.Reason, "reason", "升级原因", 1000).ThrowIfInvalid();
        return new CaseEscalated(state.CaseId, state.Level, above, false, command.Reason!.Trim(), context.Actor, context.Now);
    }

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
