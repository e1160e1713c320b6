using Platform.Kernel;

namespace Platform.Resources.Agreements;

/// <summary>What may be asked of an agreement: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record AgreementCommand
{
    private protected AgreementCommand() { }
}

/// <summary>The rules of co-building agreements as pure functions; each use case's decision stands in its own folder.</summary>
public static partial class AgreementDecider
{
    public static readonly Decider<AgreementCommand, AgreementEvent, Agreement> Decider =
        new(Agreement.Initial, Agreement.Evolve, Decide, Agreement.StreamId);

    public static IReadOnlyList<AgreementEvent> Decide(AgreementCommand command, Agreement state, DecisionContext context) => command switch
    {
        SignAgreement sign => [Sign(sign, state, context)],
        RenewAgreement renew => [Renew(renew, state, context)],
        ReportQuarter report => [Report(report, state, context)],
        WarnAgreementExpiry warn => Warn(warn, state, context),
        ExpireAgreement expire => Expire(expire, state, context),
        TerminateAgreement terminate => [Terminate(terminate, state, context)],
    };

    /// <summary>An agreement runs for at most five years at a time; a longer promise is a renewal.</summary>
    public const int LongestTermYears = 5;

    public const int MostCommitments = 20;

    private static Validation Commitments(Validation validation, IReadOnlyList<Commitment>? commitments)
    {
        validation
            .Require(commitments is { Count: > 0 }, "commitments", "须至少写明一项承诺。")
            .Require(commitments is null || commitments.Count <= MostCommitments, "commitments", $"最多 {MostCommitments} 项承诺。");
        for (var index = 0; index < (commitments?.Count ?? 0); index++)
        {
            var commitment = commitments![index];
            validation
                .Text(commitment.What, $"commitments[{index}].what", "承诺内容", 100, singleLine: true)
                .Require(CommitmentMeasures.Names.ContainsKey(commitment.Measure ?? ""), $"commitments[{index}].measure",
                    $"计量须为 {string.Join("、", CommitmentMeasures.Names.Keys)} 之一。")
                .Require(commitment.Amount is > 0 and <= 100_000_000, $"commitments[{index}].amount", "数量须大于 0。")
                .Require(CommitmentPeriods.Names.ContainsKey(commitment.Per ?? ""), $"commitments[{index}].per",
                    $"周期须为 {string.Join("、", CommitmentPeriods.Names.Keys)} 之一。");
        }
        return validation;
    }

    private static IReadOnlyList<Commitment> Trimmed(IReadOnlyList<Commitment> commitments) =>
        [.. commitments.Select(commitment => commitment with { What = commitment.What.Trim() })];

    private static void ExpectExists(Agreement state)
    {
        if (state.Status == AgreementStatus.None) throw new NotFoundException($"共建协议「{state.AgreementId}」不存在。");
    }

    private static string StatusName(AgreementStatus status) => status switch
    {
        AgreementStatus.Active => "履行中",
        AgreementStatus.Expired => "已到期",
        AgreementStatus.Terminated => "已终止",
        _ => "不存在",
    };
}
