namespace Platform.Resources.Agreements;

/// <summary>The timer 30 days before the end came due. <paramref name="EndsOn"/> is the end it was set for.</summary>
public sealed record WarnAgreementExpiry(DateOnly EndsOn) : AgreementCommand;

/// <summary>The agreement's last day has passed. <paramref name="EndsOn"/> is the end the timer was set for.</summary>
public sealed record ExpireAgreement(DateOnly EndsOn) : AgreementCommand;

public static partial class AgreementDecider
{
    /// <summary>A timer set for an end the agreement no longer has (it was renewed or ended otherwise), or one that fired
    /// before, decides nothing: each warning and each expiry happens once.</summary>
    private static AgreementEvent[] Warn(WarnAgreementExpiry command, Agreement state, DecisionContext context) =>
        state.Status == AgreementStatus.Active && state.EndsOn == command.EndsOn && state.WarnedFor != command.EndsOn
            ? [new AgreementExpiryWarned(state.AgreementId, state.EndsOn, context.Now)]
            : [];

    private static AgreementEvent[] Expire(ExpireAgreement command, Agreement state, DecisionContext context) =>
        state.Status == AgreementStatus.Active && state.EndsOn == command.EndsOn && DistrictTime.DateOf(context.Now) > state.EndsOn
            ? [new AgreementExpired(state.AgreementId, state.EndsOn, context.Now)]
            : [];
}
