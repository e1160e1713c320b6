using System.Globalization;
using Npgsql;
using Platform.EventSourcing.Timers;
using Platform.Resources.Agreements;

namespace Platform.Resources.Timers;

/// <summary>
/// What the Resources service does when an agreement's timer comes due: the 30-day warning or the expiry is decided on
/// the agreement, in the timer's own transaction, so it happens once however many instances poll. A timer set for an
/// end the agreement no longer has (it was renewed) decides nothing.
/// </summary>
public sealed class AgreementDeadlines(CommandRunner runner) : IDueTimerHandler
{
    public const string SettingsSection = "Resources:Timers";

    /// <summary>Who the timers act as in the history.</summary>
    public const string TimerActor = "system:timer";

    private const string EndsOnFact = "endsOn";

    public static RunningTimer AsTimer(AgreementDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return new RunningTimer($"{deadline.Kind}:{deadline.EndsOn:yyyy-MM-dd}", deadline.Kind, deadline.DueAt,
            new Dictionary<string, string?> { [EndsOnFact] = deadline.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    public async Task<int> FireAsync(NpgsqlTransaction transaction, DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var endsOn = DateOnly.ParseExact(timer.Fact(EndsOnFact) ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        AgreementCommand command = timer.Kind == AgreementDeadline.Warning ? new WarnAgreementExpiry(endsOn) : new ExpireAgreement(endsOn);
        await using var scope = runner.Begin(new CommandOrigin(timer.TenantId, TimerActor, CorrelationId: null, ActorName: "系统（协议到期计时器）"), transaction);
        var agreement = await scope.LoadAsync(AgreementDecider.Decider, timer.StreamId[(Agreement.StreamId("").Length)..], cancellationToken: cancellationToken);
        var decided = scope.Decide(agreement, command);
        await scope.CommitAsync(cancellationToken);
        return decided.Count;
    }
}
