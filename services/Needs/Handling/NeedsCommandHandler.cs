using Npgsql;
using Platform.Authorization;
using Platform.EventSourcing.Commands;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Kernel.Time;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;

namespace Platform.Needs.Handling;

public sealed record CommandOutcome(string Id, string Status, long Version);

/// <summary>
/// Runs the Needs service's commands on the kernel's <see cref="CommandRunner"/>: which aggregate, which command, and
/// the rules that cross between a need and its case (<see cref="NeedCasePolicies"/>), applied in the same transaction.
/// </summary>
public sealed class NeedsCommandHandler(CommandRunner runner, NeedsCatalogue catalogue, OrganizationDirectory directory)
{
    public const string TimerActor = "system:timer";

    private readonly Decider<NeedCommand, NeedEvent, Need> needs = NeedDecider.For(catalogue);
    private readonly Decider<CaseCommand, CaseEvent, WhistleCase> cases = WhistleCaseDecider.For(catalogue);

    public async Task<CommandOutcome> RaiseAsync(CommandOrigin origin, RaiseNeed command, CancellationToken cancellationToken)
    {
        var raised = await runner.StartAsync(origin, needs, command.NeedId, command, cancellationToken);
        return new CommandOutcome(command.NeedId, raised.State.Status.Code(), raised.Version);
    }

    /// <summary>A command on one need. <paramref name="authorize"/> sees the need, and any need the command refers
    /// to, before anything is decided.</summary>
    public Task<CommandOutcome> OnNeedAsync(
        CommandOrigin origin, string needId, NeedCommand command, long? expectedVersion, Action<Need> authorize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorize);
        return runner.ExecuteAsync(origin, async scope =>
        {
            var need = await LoadNeedAsync(scope, needId, expectedVersion, cancellationToken);
            authorize(need.State);
            if (command is MergeNeed { DuplicateOfNeedId: { Length: > 0 } targetId } && targetId != needId)
                await EnsureMergeTargetAsync(scope, targetId, authorize, cancellationToken);
            scope.Decide(need, command);
            return new CommandOutcome(needId, need.State.Status.Code(), need.Version);
        }, cancellationToken);
    }

    /// <summary>A need merged as a duplicate points at a need of this district that the caller may act on and that is
    /// still a need of the list (not itself merged away or rejected); a case id or a stranger's need is refused.</summary>
    private async Task EnsureMergeTargetAsync(CommandScope scope, string targetId, Action<Need> authorize, CancellationToken cancellationToken)
    {
        const string field = "duplicateOfNeedId";
        var target = await scope.LoadAsync(needs, targetId, cancellationToken: cancellationToken);
        if (!target.Exists) throw new InvalidReferenceException(field, $"要合并到的需求「{targetId}」不存在。");
        try
        {
            authorize(target.State);
        }
        catch (AccessDeniedException)
        {
            throw new InvalidReferenceException(field, $"要合并到的需求「{targetId}」不在您的管辖范围内。");
        }
        if (target.State.Status is NeedStatus.Merged or NeedStatus.Rejected)
            throw new InvalidReferenceException(field, $"要合并到的需求「{targetId}」已{NeedStatusNames.Of(target.State.Status)}，不能再作为合并对象。");
    }

    /// <summary>Community staff blow the whistle: the need is escalated and a case stream opens, in one transaction.</summary>
    public Task<CommandOutcome> BlowWhistleAsync(
        CommandOrigin origin, string needId, long? expectedVersion, string? level, string? whistleType, string? reason,
        IReadOnlyList<string>? triedByCommunity, Action<Need> authorize, CancellationToken cancellationToken) =>
        runner.ExecuteAsync(origin, async scope =>
        {
            var need = await LoadNeedAsync(scope, needId, expectedVersion, cancellationToken);
            authorize(need.State);
            var caseId = RecordIds.New("C", scope.Context.Now);
            var whistleCase = await scope.LoadAsync(cases, caseId, cancellationToken: cancellationToken);
            var blow = NeedCasePolicies.Whistle(need.State, caseId, level, whistleType, reason, triedByCommunity);
            // The case is decided first: a malformed whistle is a 400 about the whistle, not a rule about the need.
            scope.Decide(whistleCase, blow);
            scope.Decide(need, NeedCasePolicies.Escalation(blow));
            return new CommandOutcome(caseId, whistleCase.State.Status.Code(), whistleCase.Version);
        }, cancellationToken);

    /// <summary>A command on one case, with what it means for the case's need.</summary>
    public Task<CommandOutcome> OnCaseAsync(
        CommandOrigin origin, string caseId, CaseCommand command, long? expectedVersion, Action<WhistleCase> authorize, CancellationToken cancellationToken) =>
        runner.ExecuteAsync(origin, async scope =>
        {
            var whistleCase = await scope.LoadAsync(cases, caseId, expectedVersion, cancellationToken: cancellationToken);
            if (!whistleCase.Exists) throw new NotFoundException($"吹哨案件「{caseId}」不存在。");
            authorize(whistleCase.State);
            await EnsureAssigneesExistAsync(origin.TenantId, whistleCase.State, command, cancellationToken);
            await DecideOnCaseAsync(scope, whistleCase, command, cancellationToken);
            return new CommandOutcome(caseId, whistleCase.State.Status.Code(), whistleCase.Version);
        }, cancellationToken);

    /// <summary>Every department and unit a command names is looked up in the service's copy of the org tree, and
    /// <see cref="CaseAssignees"/> decides whether it may take the case; a phantom id is a 422 naming its field.</summary>
    private async Task EnsureAssigneesExistAsync(string districtCode, WhistleCase state, CaseCommand command, CancellationToken cancellationToken)
    {
        foreach (var (field, id, role) in CaseAssignees.NamedBy(command))
        {
            var unit = await directory.FindAsync(districtCode, id, cancellationToken);
            if (CaseAssignees.Refusal(state, role, id, unit) is { } refusal) throw new InvalidReferenceException(field, refusal);
        }
    }

    /// <summary>
    /// A time limit came due. Runs inside the timer's transaction (which holds the timer row), so the breach, the
    /// escalation it causes and the removal of the timer commit together or not at all. Returns how many events it appended.
    /// </summary>
    public async Task<int> MarkOverdueAsync(
        NpgsqlTransaction transaction, string tenantId, string streamId, string kind, string? departmentId, int round, DateTimeOffset dueAt,
        CancellationToken cancellationToken)
    {
        await using var scope = runner.Begin(new CommandOrigin(tenantId, TimerActor, CorrelationId: null), transaction);
        int appended;
        if (streamId.StartsWith("case-", StringComparison.Ordinal))
        {
            var whistleCase = await scope.LoadAsync(cases, streamId["case-".Length..], cancellationToken: cancellationToken);
            appended = await DecideOnCaseAsync(scope, whistleCase, new MarkCaseOverdue(kind, departmentId, round, dueAt), cancellationToken);
        }
        else
        {
            var need = await LoadNeedAsync(scope, streamId["need-".Length..], null, cancellationToken);
            var decided = scope.Decide(need, new MarkNeedOverdue(round, dueAt, RecordIds.New("C", scope.Context.Now)));
            appended = decided.Count;
            if (NeedCasePolicies.AutomaticWhistle(decided, need.State) is { } whistle)
            {
                var opened = await scope.LoadAsync(cases, whistle.CaseId, cancellationToken: cancellationToken);
                appended += scope.Decide(opened, whistle).Count;
            }
        }
        await scope.CommitAsync(cancellationToken);
        return appended;
    }

    /// <summary>Runs a need command inside a consumer's transaction (the inbox row commits with it); a need this
    /// district does not have is news about someone else's, and is left alone.</summary>
    public async Task OnNeedFromMessageAsync(
        NpgsqlTransaction transaction, CommandOrigin origin, string needId, NeedCommand command, CancellationToken cancellationToken)
    {
        await using var scope = runner.Begin(origin, transaction);
        var need = await scope.LoadAsync(needs, needId, cancellationToken: cancellationToken);
        if (!need.Exists) return;
        scope.Decide(need, command);
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Projects' news that a community whistled an overdue task of its project: in the consumer's transaction, the task
    /// becomes a need of the 需求清单 (its category and place from the first need the project answers) and the whistle
    /// case opens on it, as when staff blow one.
    /// </summary>
    public async Task TakeWhistledProjectTaskAsync(
        NpgsqlTransaction transaction, CommandOrigin origin, Contracts.Projects.ProjectTaskEscalated escalated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalated);
        await using var scope = runner.Begin(origin, transaction);
        Need? answered = null;
        foreach (var answeredId in escalated.NeedIds)
        {
            var loaded = await scope.LoadAsync(needs, answeredId, cancellationToken: cancellationToken);
            if (!loaded.Exists) continue;
            answered = loaded.State;
            break;
        }
        var community = await directory.FindAsync(origin.TenantId, escalated.CommunityId, cancellationToken);
        var need = await scope.LoadAsync(needs, RecordIds.New("N", scope.Context.Now), cancellationToken: cancellationToken);
        scope.Decide(need, NeedDecider.NeedFromProjectTask(need.Id, escalated, answered, community?.Name ?? escalated.CommunityId));
        var whistleCase = await scope.LoadAsync(cases, RecordIds.New("C", scope.Context.Now), cancellationToken: cancellationToken);
        var blow = NeedCasePolicies.ProjectTaskWhistle(need.State, whistleCase.Id, escalated);
        scope.Decide(whistleCase, blow);
        scope.Decide(need, NeedCasePolicies.Escalation(blow));
        await scope.CommitAsync(cancellationToken);
    }

    private async Task<int> DecideOnCaseAsync(
        CommandScope scope, Loaded<CaseCommand, CaseEvent, WhistleCase> whistleCase, CaseCommand command, CancellationToken cancellationToken)
    {
        var decided = scope.Decide(whistleCase, command);
        var appended = decided.Count;
        var needCommands = NeedCasePolicies.ForNeed(decided, whistleCase.State);
        if (needCommands.Count == 0) return appended;
        var need = await LoadNeedAsync(scope, whistleCase.State.NeedId, null, cancellationToken);
        foreach (var needCommand in needCommands) appended += scope.Decide(need, needCommand).Count;
        return appended;
    }

    private async Task<Loaded<NeedCommand, NeedEvent, Need>> LoadNeedAsync(
        CommandScope scope, string needId, long? expectedVersion, CancellationToken cancellationToken)
    {
        var need = await scope.LoadAsync(needs, needId, expectedVersion, cancellationToken: cancellationToken);
        return need.Exists ? need : throw new NotFoundException(NeedNotFound(needId));
    }

    private static string NeedNotFound(string needId) => $"需求「{needId}」不存在。";
}
