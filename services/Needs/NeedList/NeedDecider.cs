using Platform.Kernel;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

/// <summary>What may be asked of a need: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record NeedCommand
{
    private protected NeedCommand() { }
}

public sealed record RaiseNeed(
    string NeedId, string? Title, string? Description, string? Category, string? Urgency, Place? Place, ReporterContact? Reporter,
    string? ReporterUserId, string? Channel, string? ExternalId, IReadOnlyList<MediaReference>? Media = null) : NeedCommand;

public sealed record AcceptNeed(string? HandlingClass) : NeedCommand;

public sealed record RejectNeed(string? Reason) : NeedCommand;

public sealed record MergeNeed(string? DuplicateOfNeedId, string? Reason) : NeedCommand;

public sealed record StartCommunityHandling(string? Plan) : NeedCommand;

public sealed record EscalateNeed(string CaseId, string Level, bool Automatic) : NeedCommand;

public sealed record MarkNeedOverdue(int Round, DateTimeOffset DueAt, string NewCaseId) : NeedCommand;

public sealed record MatchNeedToProject(string ProjectId, string ProjectName) : NeedCommand;

public sealed record ClaimMicroWish(string VolunteerId, string VolunteerName) : NeedCommand;

public sealed record ResolveNeed(string? Resolution, string Source) : NeedCommand;

/// <summary>The resident's answer at the callback. <paramref name="ByCaseId"/> names the whistle case whose callback
/// it is; a need a case handles takes its feedback only from that case.</summary>
public sealed record RecordFeedback(bool? Resolved, bool? Satisfied, string? Comment, string? ByCaseId = null) : NeedCommand;

/// <summary>Closes a resolved need. <paramref name="ByCaseId"/> names the whistle case that closed with it; a need a
/// case handles closes only with that case.</summary>
public sealed record CloseNeed(string? ByCaseId = null) : NeedCommand;

public sealed record ReopenNeed(string? Reason) : NeedCommand;

public sealed record ReturnNeedToCase(string CaseId, string Reason) : NeedCommand;

/// <summary>Photos or documents added to a need after it was raised: by its reporter, or by the community that handles it.</summary>
public sealed record AddNeedMedia(IReadOnlyList<MediaReference> Media) : NeedCommand;

/// <summary>Who decides and when: every decision is pure, so the clock and the actor come in as values.</summary>
public sealed record NeedsDecisionContext(string Actor, DateTimeOffset Now, NeedsCatalogue Catalogue);

/// <summary>The rules of the 需求清单 as pure functions: the state and a command in, the events that follow out.</summary>
public static class NeedDecider
{
    /// <summary>The decider the runner and the tests use; the catalogue is configuration, so it is bound once.</summary>
    public static Decider<NeedCommand, NeedEvent, Need> For(NeedsCatalogue catalogue) =>
        new(Need.Initial, Need.Evolve, (command, state, context) => Decide(command, state, new NeedsDecisionContext(context.Actor, context.Now, catalogue)), Need.StreamId);

    public static IReadOnlyList<NeedEvent> Decide(NeedCommand command, Need state, NeedsDecisionContext context) => command switch
    {
        RaiseNeed raise => Raise(raise, state, context),
        AcceptNeed accept => Accept(accept, state, context),
        RejectNeed reject => [Reject(reject, state, context)],
        MergeNeed merge => [Merge(merge, state, context)],
        StartCommunityHandling start => [StartHandling(start, state, context)],
        EscalateNeed escalate => [Escalate(escalate, state, context)],
        MarkNeedOverdue overdue => MarkOverdue(overdue, state, context),
        MatchNeedToProject match => Match(match, state, context),
        ClaimMicroWish claim => Claim(claim, state, context),
        ResolveNeed resolve => Resolve(resolve, state, context),
        RecordFeedback feedback => [Feedback(feedback, state, context)],
        CloseNeed close => [Close(close, state, context)],
        ReopenNeed reopen => [Reopen(reopen, state, context)],
        ReturnNeedToCase returned => [ReturnToCase(returned, state, context)],
        AddNeedMedia add => [AddMedia(add, state, context)],
    };

    private static NeedEvent[] Raise(RaiseNeed command, Need state, NeedsDecisionContext context)
    {
        if (state.Status != NeedStatus.None) throw new RuleViolationException($"需求「{command.NeedId}」已存在。");
        var catalogue = context.Catalogue;
        new Validation()
            .Text(command.Title, "title", "标题", 100, singleLine: true)
            .Text(command.Description, "description", "描述", 2000)
            .Require(catalogue.FindCategory(command.Category) is not null, "category", $"未知的需求类别「{command.Category}」。")
            .Require(catalogue.IsUrgency(command.Urgency), "urgency", $"未知的紧急程度「{command.Urgency}」。")
            .Require(catalogue.IsChannel(command.Channel), "channel", command.Channel is null ? "须注明来源渠道。" : $"未知的来源渠道「{command.Channel}」。")
            .Require(command.Place is { StreetId.Length: > 0, CommunityId.Length: > 0 }, "place", "须注明所在街道和社区。")
            .Text(command.Place?.Address, "place.address", "地点", 200, required: false, singleLine: true)
            .Text(command.Reporter?.Name, "reporter.name", "报告人姓名", 50, singleLine: true)
            .Require(command.Reporter?.Phone is { } phone && IsPhone(phone), "reporter.phone", "报告人电话须为 7–20 位数字（可含 - 与 +）。")
            .Text(command.ExternalId, "externalId", "外部编号", 100, required: false, singleLine: true)
            .Require(command.Media is null || command.Media.Count <= MaxMedia, "media", $"一条需求最多附 {MaxMedia} 个文件。")
            .Require(command.Media?.All(media => media.IsWellFormed) ?? true, "media", "附件须为本平台保存的文件，或以 http(s):// 开头、不超过 500 字符的链接。")
            .ThrowIfInvalid();

        return
        [
            new NeedRaised(
                command.NeedId, command.Title!.Trim(), command.Description!.Trim(), command.Category!, command.Urgency!, command.Place!,
                new ReporterContact(command.Reporter!.Name.Trim(), command.Reporter.Phone.Trim()), command.ReporterUserId, command.Channel!,
                command.ExternalId, context.Actor, context.Now, command.Media is { Count: > 0 } media ? [.. media] : null),
        ];
    }

    public const int MaxMedia = 5;

    /// <summary>While the need is still being worked on, up to <see cref="MaxMedia"/> in all; a closed record stays as it was closed.</summary>
    private static NeedMediaAdded AddMedia(AddNeedMedia command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "补充附件", NeedStatus.Raised, NeedStatus.Accepted, NeedStatus.InCommunityHandling, NeedStatus.Escalated, NeedStatus.InProject);
        new Validation()
            .Require(command.Media.Count > 0, "media", "没有附件。")
            .Require(command.Media.All(media => media.IsWellFormed), "media", "附件须为已保存的文件或 http(s) 链接。")
            .Require(state.MediaCount + command.Media.Count <= MaxMedia, "media", $"一条需求最多 {MaxMedia} 个附件，已有 {state.MediaCount} 个。")
            .ThrowIfInvalid();
        return new NeedMediaAdded(state.NeedId, [.. command.Media], context.Actor, context.Now);
    }

    private static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 20 && phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ');
    }

    private static NeedEvent[] Accept(AcceptNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "受理", NeedStatus.Raised);
        var handlingClass = command.HandlingClass ?? context.Catalogue.ClassFor(state.Category, state.Urgency);
        new Validation()
            .Require(context.Catalogue.FindClass(handlingClass) is not null, "handlingClass", $"未知的办理类别「{handlingClass}」。")
            .ThrowIfInvalid();
        var accepted = new NeedAccepted(state.NeedId, handlingClass, context.Now + context.Catalogue.HandleLimit(handlingClass), context.Actor, context.Now);
        return state.IsMicroWish ? [accepted, new MicroWishPublished(state.NeedId, state.Title, state.Description, state.Place!, context.Now)] : [accepted];
    }

    private static NeedRejected Reject(RejectNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "退回", NeedStatus.Raised, NeedStatus.Accepted);
        new Validation().Text(command.Reason, "reason", "退回原因", 500).ThrowIfInvalid();
        return new NeedRejected(state.NeedId, command.Reason!.Trim(), context.Actor, context.Now);
    }

    private static NeedMergedAsDuplicate Merge(MergeNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "合并", NeedStatus.Raised, NeedStatus.Accepted);
        new Validation()
            .Text(command.DuplicateOfNeedId, "duplicateOfNeedId", "被合并到的需求", 64)
            .Require(command.DuplicateOfNeedId != state.NeedId, "duplicateOfNeedId", "不能合并到自身。")
            .ThrowIfInvalid();
        return new NeedMergedAsDuplicate(state.NeedId, command.DuplicateOfNeedId!, command.Reason?.Trim() ?? "重复反映", context.Actor, context.Now);
    }

    private static CommunityHandlingStarted StartHandling(StartCommunityHandling command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "社区自办", NeedStatus.Accepted);
        new Validation().Text(command.Plan, "plan", "办理方案", 1000).ThrowIfInvalid();
        return new CommunityHandlingStarted(state.NeedId, command.Plan!.Trim(), context.Actor, context.Now);
    }

    private static NeedEscalatedByWhistle Escalate(EscalateNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "吹哨", NeedStatus.Accepted, NeedStatus.InCommunityHandling);
        if (state.IsMicroWish) throw new RuleViolationException("微心愿由党员和志愿者认领，不吹哨派给部门。");
        return new NeedEscalatedByWhistle(state.NeedId, command.CaseId, command.Level, command.Automatic, context.Actor, context.Now);
    }

    /// <summary>Fires once per handling round: a deadline of an earlier round, or one the need has already left behind
    /// (resolved, escalated, in a project), decides nothing.</summary>
    private static NeedEvent[] MarkOverdue(MarkNeedOverdue command, Need state, NeedsDecisionContext context)
    {
        if (state.Status is not (NeedStatus.Accepted or NeedStatus.InCommunityHandling) || command.Round != state.Round || state.OverdueInRound)
            return [];
        var overdue = new NeedOverdue(state.NeedId, command.DueAt, context.Now);
        // A micro-wish waits for a volunteer; no department can do it, so its breach is recorded but not escalated.
        if (state.IsMicroWish) return [overdue];
        return [overdue, new NeedEscalatedByWhistle(state.NeedId, command.NewCaseId, Contracts.Needs.WhistleLevels.Street, true, context.Actor, context.Now)];
    }

    private static NeedEvent[] Match(MatchNeedToProject command, Need state, NeedsDecisionContext context)
    {
        if (state.ProjectId == command.ProjectId) return [];
        Expect(state, "转为项目", NeedStatus.Raised, NeedStatus.Accepted, NeedStatus.InCommunityHandling);
        return [new NeedMatchedToProject(state.NeedId, command.ProjectId, command.ProjectName, context.Now)];
    }

    private static NeedEvent[] Claim(ClaimMicroWish command, Need state, NeedsDecisionContext context)
    {
        if (!state.IsMicroWish) throw new RuleViolationException("只有微心愿可以认领。");
        if (state.ClaimedBy == command.VolunteerId || !state.IsOpen) return [];
        return [new MicroWishClaimed(state.NeedId, command.VolunteerId, command.VolunteerName, context.Now)];
    }

    private static NeedEvent[] Resolve(ResolveNeed command, Need state, NeedsDecisionContext context)
    {
        // Projects and volunteers report from elsewhere and may repeat themselves; a need already past it stays as is.
        if (command.Source is ResolutionSources.Project or ResolutionSources.MicroWish && !state.IsOpen) return [];
        var allowed = command.Source switch
        {
            ResolutionSources.Community => [NeedStatus.Accepted, NeedStatus.InCommunityHandling],
            ResolutionSources.WhistleCase => [NeedStatus.Escalated],
            ResolutionSources.Project => [NeedStatus.InProject, NeedStatus.Accepted, NeedStatus.InCommunityHandling],
            ResolutionSources.MicroWish => new[] { NeedStatus.Accepted, NeedStatus.InCommunityHandling },
            _ => throw new ArgumentException($"unknown resolution source {command.Source}"),
        };
        Expect(state, "办结", allowed);
        new Validation().Text(command.Resolution, "resolution", "办理结果", 2000).ThrowIfInvalid();
        return [new NeedResolved(state.NeedId, command.Resolution!.Trim(), command.Source, context.Actor, context.Now)];
    }

    private static FeedbackRecorded Feedback(RecordFeedback command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "回访", NeedStatus.Resolved);
        ExpectNotHeldByCase(state, command.ByCaseId, "回访须在吹哨案件中登记");
        if (state.FeedbackGiven) throw new RuleViolationException("本轮办理已回访。");
        new Validation()
            .Require(command.Resolved is not null, "resolved", "须注明是否解决。")
            .Require(command.Satisfied is not null, "satisfied", "须注明是否满意。")
            .Text(command.Comment, "comment", "回访意见", 1000, required: false)
            .ThrowIfInvalid();
        return new FeedbackRecorded(state.NeedId, command.Resolved!.Value, command.Satisfied!.Value, command.Comment?.Trim(), context.Actor, context.Now);
    }

    private static NeedClosed Close(CloseNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "关闭", NeedStatus.Resolved);
        ExpectNotHeldByCase(state, command.ByCaseId, "须随吹哨案件结案而关闭");
        return new NeedClosed(state.NeedId, context.Actor, context.Now);
    }

    private static NeedReopened Reopen(ReopenNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "重新办理", NeedStatus.Resolved, NeedStatus.Closed);
        // A resolved need whose case is still open is reopened in the case (重办), which returns the need to it.
        if (state.Status == NeedStatus.Resolved) ExpectNotHeldByCase(state, byCaseId: null, "不满意须在吹哨案件中重办");
        new Validation().Text(command.Reason, "reason", "重办原因", 500).ThrowIfInvalid();
        var handlingClass = state.HandlingClass ?? context.Catalogue.ClassFor(state.Category, state.Urgency);
        return new NeedReopened(state.NeedId, command.Reason!.Trim(), context.Now + context.Catalogue.HandleLimit(handlingClass), context.Actor, context.Now);
    }

    private static NeedReturnedToCase ReturnToCase(ReturnNeedToCase command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "退回部门重办", NeedStatus.Resolved);
        if (state.CaseId != command.CaseId) throw new RuleViolationException("该需求不是由此吹哨案件办理的。");
        return new NeedReturnedToCase(state.NeedId, command.CaseId, command.Reason, context.Now);
    }

    /// <summary>
    /// A need resolved by a whistle case stays that case's until the case closes: its feedback, closing and 重办 go
    /// through the case, so that the two never disagree and the case can still be reopened.
    /// </summary>
    private static void ExpectNotHeldByCase(Need state, string? byCaseId, string howInstead)
    {
        if (state.Status == NeedStatus.Resolved && state.CaseId is { } caseId && byCaseId != caseId)
            throw new RuleViolationException($"该需求由吹哨案件「{caseId}」办理，{howInstead}。");
    }

    private static void Expect(Need state, string action, params NeedStatus[] allowed)
    {
        if (state.Status == NeedStatus.None) throw new NotFoundException($"需求「{state.NeedId}」不存在。");
        if (!allowed.Contains(state.Status))
            throw new RuleViolationException($"需求当前状态为「{NeedStatusNames.Of(state.Status)}」，不能{action}。");
    }
}

public static class NeedStatusNames
{
    public static string Code(this NeedStatus status) => status switch
    {
        NeedStatus.Raised => "raised",
        NeedStatus.Accepted => "accepted",
        NeedStatus.InCommunityHandling => "in-community",
        NeedStatus.Escalated => "escalated",
        NeedStatus.InProject => "in-project",
        NeedStatus.Resolved => "resolved",
        NeedStatus.Closed => "closed",
        NeedStatus.Rejected => "rejected",
        NeedStatus.Merged => "merged",
        _ => "none",
    };

    public static string Of(NeedStatus status) => status switch
    {
        NeedStatus.Raised => "待受理",
        NeedStatus.Accepted => "已受理",
        NeedStatus.InCommunityHandling => "社区办理中",
        NeedStatus.Escalated => "已吹哨",
        NeedStatus.InProject => "已转项目",
        NeedStatus.Resolved => "已办结",
        NeedStatus.Closed => "已关闭",
        NeedStatus.Rejected => "已退回",
        NeedStatus.Merged => "已合并",
        _ => "不存在",
    };
}
