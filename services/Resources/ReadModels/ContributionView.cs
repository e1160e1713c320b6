using Platform.EventSourcing;
using Platform.Resources.Contributions;

namespace Platform.Resources.ReadModels;

/// <summary>A contribution as the unit, the community and the lists see it: what was reported, what stands now, and
/// each correction with its reason.</summary>
public sealed record ContributionView : IStreamView
{
    public string Id { get; init; } = "";
    public string UnitId { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string? AgreementId { get; init; }
    public string? Commitment { get; init; }
    public string What { get; init; } = "";
    public string Measure { get; init; } = "";
    public decimal ReportedAmount { get; init; }
    public decimal Amount { get; init; }
    public DateOnly OccurredOn { get; init; }
    public string Status { get; init; } = "";
    public string? DeclineReason { get; init; }
    public IReadOnlyList<ContributionCorrection> Corrections { get; init; } = [];
    public DateTimeOffset ReportedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public const string Reported = "reported";
    public const string Confirmed = "confirmed";
    public const string Declined = "declined";

    public static ContributionView Apply(ContributionView view, ContributionEvent @event) => @event switch
    {
        ContributionReported reported => view with
        {
            Id = reported.ContributionId, UnitId = reported.UnitId, UnitName = reported.UnitName, StreetId = reported.Party.StreetId,
            CommunityId = reported.Party.CommunityId, AgreementId = reported.Counts?.AgreementId,
            Commitment = string.IsNullOrEmpty(reported.Counts?.What) ? null : reported.Counts.What, What = reported.What, Measure = reported.Measure,
            ReportedAmount = reported.Amount, Amount = reported.Amount, OccurredOn = reported.OccurredOn, Status = Reported, ReportedAt = reported.ReportedAt,
            UpdatedAt = reported.ReportedAt,
        },
        ContributionConfirmed confirmed => view with { Status = Confirmed, ConfirmedAt = confirmed.ConfirmedAt, UpdatedAt = confirmed.ConfirmedAt },
        ContributionDeclined declined => view with { Status = Declined, DeclineReason = declined.Reason, UpdatedAt = declined.DeclinedAt },
        ContributionCorrected corrected => view with
        {
            Amount = corrected.Amount,
            Corrections = [.. view.Corrections, new ContributionCorrection(view.Amount, corrected.Amount, corrected.Reason, corrected.CorrectedAt)],
            UpdatedAt = corrected.CorrectedAt,
        },
    };
}

public sealed record ContributionCorrection(decimal From, decimal To, string Reason, DateTimeOffset At);
