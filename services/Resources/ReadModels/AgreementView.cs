using Platform.EventSourcing;
using Platform.Resources.Agreements;

namespace Platform.Resources.ReadModels;

/// <summary>An agreement as lists and its page show it: the parties, the term, the commitments and the quarterly reports.</summary>
public sealed record AgreementView : IStreamView
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string UnitId { get; init; } = "";
    public string UnitName { get; init; } = "";

    /// <summary>The community that signed, or the street when a street signed.</summary>
    public string PartyId { get; init; } = "";
    public string StreetId { get; init; } = "";
    public string? CommunityId { get; init; }
    public string Status { get; init; } = "";
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public IReadOnlyList<Commitment> Commitments { get; init; } = [];
    public IReadOnlyList<QuarterReport> Reports { get; init; } = [];
    public bool ExpiryWarned { get; init; }
    public int Renewals { get; init; }
    public string? TerminationReason { get; init; }
    public DateTimeOffset SignedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public const string Active = "active";

    /// <summary>Whether the agreement runs and any commitment falls behind its pace, given what the confirmed
    /// contributions delivered on each (by agreement and commitment).</summary>
    public bool IsBehind(IReadOnlyDictionary<(string AgreementId, string Commitment), decimal> delivered, DateOnly today) =>
        Status == Active && Commitments.Any(commitment =>
            CommitmentPace.Of(commitment, StartsOn, EndsOn, delivered.GetValueOrDefault((Id, commitment.What)), today).Behind);

    /// <summary>Whether the agreement runs and ends within the warning period.</summary>
    public bool ExpiresSoon(DateOnly today) => Status == Active && EndsOn <= today.AddDays(Agreement.WarningDays);

    public const string Expired = "expired";
    public const string Terminated = "terminated";

    public static AgreementView Apply(AgreementView view, AgreementEvent @event) => @event switch
    {
        AgreementSigned signed => view with
        {
            Id = signed.AgreementId, Title = signed.Title, UnitId = signed.UnitId, UnitName = signed.UnitName, PartyId = signed.Party.Id,
            StreetId = signed.Party.StreetId, CommunityId = signed.Party.CommunityId, Status = Active, StartsOn = signed.StartsOn, EndsOn = signed.EndsOn,
            Commitments = signed.Commitments, SignedAt = signed.SignedAt, UpdatedAt = signed.SignedAt,
        },
        AgreementRenewed renewed => view with
        {
            Status = Active, EndsOn = renewed.EndsOn, Commitments = renewed.Commitments, ExpiryWarned = false, Renewals = view.Renewals + 1,
            UpdatedAt = renewed.RenewedAt,
        },
        QuarterReported reported => view with
        {
            Reports = [.. view.Reports, new QuarterReport(reported.Quarter, reported.Summary, reported.ReportedAt)], UpdatedAt = reported.ReportedAt,
        },
        AgreementExpiryWarned warned => view with { ExpiryWarned = true, UpdatedAt = warned.WarnedAt },
        AgreementExpired expired => view with { Status = Expired, UpdatedAt = expired.ExpiredAt },
        AgreementTerminated terminated => view with { Status = Terminated, TerminationReason = terminated.Reason, UpdatedAt = terminated.TerminatedAt },
    };
}

public sealed record QuarterReport(string Quarter, string Summary, DateTimeOffset ReportedAt);
