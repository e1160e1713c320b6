using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Resources.Contributions;

/// <summary>The community that received a contribution, with its street, so it rolls up to the street and the district.</summary>
public sealed record ContributionParty(string StreetId, string CommunityId);

/// <summary>The agreement a contribution counts against, and the commitment it delivers on ("腊八粥").</summary>
public sealed record CommitmentRef(string AgreementId, string What);

public enum ContributionStatus
{
    None,
    Reported,
    Confirmed,
    Declined,
}

/// <summary>A contribution a unit reported, as far as deciding requires: the entry that stands for it in the ledger
/// once the community confirmed it, and how many entries its history has posted (entry ids count on from it).</summary>
public sealed record Contribution(
    string ContributionId, ContributionStatus Status, string UnitId, ContributionParty? Party, CommitmentRef? Counts, string Measure, decimal Amount,
    DateOnly OccurredOn, LedgerEntry? Standing, int EntriesPosted)
{
    public static readonly Contribution Initial = new("", ContributionStatus.None, "", null, null, "", 0, default, null, 0);

    public static string StreamId(string contributionId) => $"contribution-{contributionId}";

    public static Contribution Evolve(Contribution state, ContributionEvent @event) => @event switch
    {
        ContributionReported reported => state with
        {
            ContributionId = reported.ContributionId, Status = ContributionStatus.Reported, UnitId = reported.UnitId, Party = reported.Party,
            Counts = reported.Counts, Measure = reported.Measure, Amount = reported.Amount, OccurredOn = reported.OccurredOn,
        },
        ContributionConfirmed confirmed => state with
        {
            Status = ContributionStatus.Confirmed, Standing = confirmed.Entry, EntriesPosted = state.EntriesPosted + 1,
        },
        ContributionDeclined => state with { Status = ContributionStatus.Declined },
        ContributionCorrected corrected => state with
        {
            Amount = corrected.Amount, Standing = corrected.Replacement, EntriesPosted = state.EntriesPosted + corrected.Posted().Count,
        },
    };

    public string NextEntryId(int offset = 0) => $"{ContributionId}-{EntriesPosted + 1 + offset}";
}

/// <summary>Everything that can happen to a contribution: a closed set.</summary>
[ClosedHierarchy]
public abstract record ContributionEvent
{
    private protected ContributionEvent() { }
}

/// <param name="Measure">One of the agreements' measures (<see cref="Platform.Contracts.Catalogue.CommitmentMeasures"/>).</param>
[EventType("resources.contribution-reported.v1")]
public sealed record ContributionReported(
    string ContributionId, string UnitId, string UnitName, ContributionParty Party, CommitmentRef? Counts, string What, string Measure, decimal Amount,
    DateOnly OccurredOn, string Actor, DateTimeOffset ReportedAt) : ContributionEvent;

/// <summary>The community confirmed it: what was given, by whom and to whom, as the ledger now holds it.</summary>
/// <param name="Entry">The unit gives, the community receives.</param>
[EventType("resources.contribution-confirmed.v1")]
public sealed record ContributionConfirmed(
    string ContributionId, string UnitId, ContributionParty Party, CommitmentRef? Counts, string Measure, decimal Amount, DateOnly OccurredOn,
    LedgerEntry Entry, string Actor, DateTimeOffset ConfirmedAt) : ContributionEvent;

[EventType("resources.contribution-declined.v1")]
public sealed record ContributionDeclined(string ContributionId, string Reason, string Actor, DateTimeOffset DeclinedAt) : ContributionEvent;

/// <param name="Reversal">Takes the standing entry back; none when an earlier correction took it to zero.</param>
/// <param name="Replacement">The corrected amount's entry; none when the correction brings it to zero.</param>
[EventType("resources.contribution-corrected.v1")]
public sealed record ContributionCorrected(
    string ContributionId, decimal Amount, string Reason, LedgerEntry? Reversal, LedgerEntry? Replacement, string Actor, DateTimeOffset CorrectedAt)
    : ContributionEvent;

public static class ContributionEventTimes
{
    /// <summary>When it happened, as the decision saw the clock.</summary>
    public static DateTimeOffset At(this ContributionEvent @event) => @event switch
    {
        ContributionReported reported => reported.ReportedAt,
        ContributionConfirmed confirmed => confirmed.ConfirmedAt,
        ContributionDeclined declined => declined.DeclinedAt,
        ContributionCorrected corrected => corrected.CorrectedAt,
    };

    /// <summary>The ledger entries an event posts, in order.</summary>
    public static IReadOnlyList<LedgerEntry> Posted(this ContributionEvent @event) => @event switch
    {
        ContributionConfirmed confirmed => [confirmed.Entry],
        ContributionCorrected corrected => [.. new[] { corrected.Reversal, corrected.Replacement }.OfType<LedgerEntry>()],
        _ => [],
    };
}
