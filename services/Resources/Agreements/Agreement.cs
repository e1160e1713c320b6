using Platform.EventSourcing;
using Platform.Kernel;
using Platform.Kernel.Time;

namespace Platform.Resources.Agreements;

/// <summary>One structured promise of an agreement: what, how much, how often ("at least 6 activities a year", "a venue
/// 2 half-days a month", "¥20,000 a year").</summary>
public sealed record Commitment(string What, string Measure, decimal Amount, string Per);

/// <summary>Who signed with the unit: a community (with its street), or a street itself.</summary>
public sealed record AgreementParty(string StreetId, string? CommunityId)
{
    public string Id => CommunityId ?? StreetId;
}

public enum AgreementStatus
{
    None,
    Active,
    Expired,
    Terminated,
}

/// <summary>A co-building agreement (共建协议) between a unit and a community or a street, as far as deciding requires.</summary>
/// <param name="WarnedFor">The end date whose 30-day warning has gone out, so a renewal warns again for its new end.</param>
public sealed record Agreement(
    string AgreementId, AgreementStatus Status, string UnitId, AgreementParty? Party, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<Commitment> Commitments, IReadOnlyList<string> ReportedQuarters, DateOnly? WarnedFor)
{
    public static readonly Agreement Initial = new("", AgreementStatus.None, "", null, default, default, [], [], null);

    /// <summary>How long before its end an agreement warns that it is expiring.</summary>
    public static readonly int WarningDays = 30;

    public static string StreamId(string agreementId) => $"agreement-{agreementId}";

    public static Agreement Evolve(Agreement state, AgreementEvent @event) => @event switch
    {
        AgreementSigned signed => state with
        {
            AgreementId = signed.AgreementId, Status = AgreementStatus.Active, UnitId = signed.UnitId, Party = signed.Party,
            StartsOn = signed.StartsOn, EndsOn = signed.EndsOn, Commitments = signed.Commitments,
        },
        AgreementRenewed renewed => state with { Status = AgreementStatus.Active, EndsOn = renewed.EndsOn, Commitments = renewed.Commitments },
        QuarterReported reported => state with { ReportedQuarters = [.. state.ReportedQuarters, reported.Quarter] },
        AgreementExpiryWarned warned => state with { WarnedFor = warned.EndsOn },
        AgreementExpired => state with { Status = AgreementStatus.Expired },
        AgreementTerminated => state with { Status = AgreementStatus.Terminated },
    };

    /// <summary>The timers an agreement in force keeps running, derived from its state alone: the warning 30 days before
    /// its end (once for each end date) and the expiry at the end of its last day, both in district time.</summary>
    public static IReadOnlyList<AgreementDeadline> RunningDeadlines(Agreement state)
    {
        if (state.Status != AgreementStatus.Active) return [];
        var expiry = new AgreementDeadline(AgreementDeadline.Expiry, state.EndsOn, DistrictTime.StartOf(state.EndsOn.AddDays(1)));
        return state.WarnedFor == state.EndsOn
            ? [expiry]
            : [new AgreementDeadline(AgreementDeadline.Warning, state.EndsOn, DistrictTime.StartOf(state.EndsOn.AddDays(-WarningDays))), expiry];
    }
}

/// <param name="EndsOn">The end date the deadline was set for; a renewal moves it, and a timer set for the old end decides nothing.</param>
public sealed record AgreementDeadline(string Kind, DateOnly EndsOn, DateTimeOffset DueAt)
{
    public const string Warning = "expiry-warning";
    public const string Expiry = "expiry";
}

/// <summary>Everything that can happen to an agreement: a closed set.</summary>
[ClosedHierarchy]
public abstract record AgreementEvent
{
    private protected AgreementEvent() { }
}

[EventType("resources.agreement-signed.v1")]
/// <param name="UnitName">The unit's name when it signed, as the agreement reads.</param>
public sealed record AgreementSigned(
    string AgreementId, string UnitId, string UnitName, AgreementParty Party, string Title, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<Commitment> Commitments,
    string Actor, DateTimeOffset SignedAt) : AgreementEvent;

/// <param name="StartsOn">The term's first day, unchanged by the renewal: what a commitment adds up to runs from it.</param>
[EventType("resources.agreement-renewed.v1")]
public sealed record AgreementRenewed(
    string AgreementId, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<Commitment> Commitments, string Actor, DateTimeOffset RenewedAt) : AgreementEvent;

/// <param name="Quarter">As 2026-Q3.</param>
[EventType("resources.quarter-reported.v1")]
public sealed record QuarterReported(string AgreementId, string Quarter, string Summary, string Actor, DateTimeOffset ReportedAt) : AgreementEvent;

[EventType("resources.agreement-expiry-warned.v1")]
public sealed record AgreementExpiryWarned(string AgreementId, DateOnly EndsOn, DateTimeOffset WarnedAt) : AgreementEvent;

[EventType("resources.agreement-expired.v1")]
public sealed record AgreementExpired(string AgreementId, DateOnly EndsOn, DateTimeOffset ExpiredAt) : AgreementEvent;

[EventType("resources.agreement-terminated.v1")]
public sealed record AgreementTerminated(string AgreementId, string Reason, string Actor, DateTimeOffset TerminatedAt) : AgreementEvent;

public static class AgreementEventTimes
{
    /// <summary>When it happened, as the decision saw the clock.</summary>
    public static DateTimeOffset At(this AgreementEvent @event) => @event switch
    {
        AgreementSigned signed => signed.SignedAt,
        AgreementRenewed renewed => renewed.RenewedAt,
        QuarterReported reported => reported.ReportedAt,
        AgreementExpiryWarned warned => warned.WarnedAt,
        AgreementExpired expired => expired.ExpiredAt,
        AgreementTerminated terminated => terminated.TerminatedAt,
    };
}
